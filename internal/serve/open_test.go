package serve

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestOpenPageFirst: with a page open in a browser, an edit reloads it as
// soon as that page is rebuilt, fresh; the other pages follow from the
// background build, and the console says both.
func TestOpenPageFirst(t *testing.T) {
	p := start(t, newSite(t))
	events := p.connect(t)
	events.await(t, "hello")
	// The page an open browser would report (reload.js sends its path).
	resp, err := http.Get(p.URL() + "_riskguide/events?page=" + "/recommendations/training-needs-analysis/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	waitOpen(t, p, "recommendations/training-needs-analysis/index.html")

	name := "content/expected-results/01-training.yaml"
	text := p.read(t, name)
	p.write(t, name, strings.Replace(text, "Find out what people know now,", "Ask first what people know now,", 1))
	events.await(t, "reload")
	if !strings.Contains(p.out.String(), "01-training.yaml changed: rebuilt 1 open page in") {
		t.Errorf("the console does not say that the open page was rebuilt first:\n%s", p.out)
	}
	if _, page := p.get(t, "/recommendations/training-needs-analysis/"); !strings.Contains(page, "Ask first what people know now,") {
		t.Error("the open page does not show the edit")
	}
	// The rest follows, within the test's deadline.
	for !strings.Contains(p.out.String(), "built all ") {
		if d, ok := t.Deadline(); ok && time.Until(d) < time.Second {
			t.Fatalf("the other pages were never rebuilt:\n%s", p.out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, page := p.get(t, "/print/"); !strings.Contains(page, "Ask first what people know now,") {
		t.Error("after the background build the print edition does not show the edit")
	}
	if _, page := p.get(t, "/search/"); !strings.Contains(page, "<html") {
		t.Error("the search page is not served after the background build")
	}
}

// waitOpen waits until the server counts page as open.
func waitOpen(t *testing.T, p *preview, page string) {
	t.Helper()
	for !p.Server.hub.pages()[page] {
		if d, ok := t.Deadline(); ok && time.Until(d) < time.Second {
			t.Fatalf("%s never counted as open", page)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPageOf(t *testing.T) {
	for in, want := range map[string]string{
		"/":                             "index.html",
		"":                              "",
		"recommendations/x/":            "",
		"/recommendations/x/":           "recommendations/x/index.html",
		"/recommendations/x/index.html": "recommendations/x/index.html",
		"/fr/results/y":                 "fr/results/y/index.html",
		"/../../etc/passwd":             "etc/passwd/index.html",
	} {
		if got := pageOf(in); got != want {
			t.Errorf("pageOf(%q) = %q, want %q", in, got, want)
		}
	}
}
