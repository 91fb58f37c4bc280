package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rawRequest sends a GET with the given Host header, as a page on another
// site would after DNS rebinding, and returns the response with its body.
func rawRequest(t *testing.T, addr, target, host string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s for %s: %v", target, host, err)
	}
	// The connection is closed without reading an event stream to its end.
	var body []byte
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		body, _ = io.ReadAll(resp.Body)
	}
	return resp, string(body)
}

// startWith serves with options o, its output kept for the test, until the
// test ends.
func startWith(t testing.TB, o Options) *preview {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &preview{dir: o.Source, out: &syncBuffer{}, err: &syncBuffer{}, stop: cancel}
	o.Out, o.Err = p.out, p.err
	s, err := Start(ctx, o)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	p.Server = s
	t.Cleanup(func() {
		cancel()
		if err := s.Wait(); err != nil {
			t.Error(err)
		}
	})
	return p
}

// TestServeRefusesForeignHost: a page on another site whose name an
// attacker points at 127.0.0.1 (DNS rebinding) must not read the preview:
// the pages, the server's own files and the live-reload stream answer 421.
func TestServeRefusesForeignHost(t *testing.T) {
	p := startWith(t, Options{Source: newSite(t), AllowHosts: []string{"Preview.Example"}})
	addr := p.listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	for _, target := range []string{"/", "/about/index.html", "/_riskguide/events", "/_riskguide/reload.js", "/no/such/page"} {
		for _, host := range []string{"evil.example:" + port, "evil.example", "localhost.evil.example", "127.0.0.1.evil.example:" + port, ""} {
			resp, body := rawRequest(t, addr, target, host)
			if resp.StatusCode != http.StatusMisdirectedRequest {
				t.Errorf("%s for Host %q: status %d, want 421", target, host, resp.StatusCode)
			}
			if strings.Contains(body, "riskguide/reload.js") || strings.Contains(body, "<h1>") && !strings.Contains(body, "--allow-host") {
				t.Errorf("%s for Host %q: answered %.80q", target, host, body)
			}
		}
		for _, host := range []string{"localhost:" + port, "LOCALHOST", "127.0.0.1:" + port, "[::1]:" + port, addr, "preview.example:" + port, "preview.example."} {
			if resp, _ := rawRequest(t, addr, target, host); resp.StatusCode == http.StatusMisdirectedRequest {
				t.Errorf("%s for Host %q: refused", target, host)
			}
		}
	}
}

// TestServeRedirectStaysOnHost: a folder asked for without its slash is
// redirected to the same path on the same host, never to "//name/", which
// a browser reads as another host.
func TestServeRedirectStaysOnHost(t *testing.T) {
	p := start(t, newSite(t))
	addr := p.listener.Addr().String()
	for target, want := range map[string]string{
		"//about":                        "/about/",
		"///about":                       "/about/",
		"//checklists?x=1":               "/checklists/?x=1",
		"/about":                         "/about/",
		"/./about":                       "/about/",
		"//evil.example/":                "",
		"/checklists//frontline-officer": "/checklists/frontline-officer/",
	} {
		resp, _ := rawRequest(t, addr, target, addr)
		loc := resp.Header.Get("Location")
		if want == "" {
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: status %d, Location %q; want 404", target, resp.StatusCode, loc)
			}
			continue
		}
		if resp.StatusCode != http.StatusMovedPermanently || loc != want {
			t.Errorf("%s: status %d to %q, want 301 to %q", target, resp.StatusCode, loc, want)
		}
	}
}

// edited writes a new title into about.md (or into dir's copy) and
// checks the preview shows it after a reload.
func edited(t *testing.T, p *preview, events *sse, dir, title string) {
	t.Helper()
	name := filepath.Join(dir, "content/pages/about.md")
	text, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(text), "\n", 3)
	lines[1] = "title: " + title
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	events.await(t, "reload")
	if _, page := p.get(t, "/about/"); !strings.Contains(page, title) {
		t.Errorf("the page does not show the edit %q", title)
	}
}

// TestServeWatchesContentMovedAwayAndBack: content/ moved out of the site
// and back is watched again, and a later edit rebuilds.
func TestServeWatchesContentMovedAwayAndBack(t *testing.T) {
	site := newSite(t)
	p := start(t, site)
	events := p.connect(t)
	events.await(t, "hello")
	away := filepath.Join(filepath.Dir(site), "content-away")
	if err := os.Rename(filepath.Join(site, "content"), away); err != nil {
		t.Fatal(err)
	}
	events.await(t, "error")
	if err := os.Rename(away, filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	events.await(t, "reload")
	edited(t, p, events, site, "Edited after the move")
	// A folder made in the returned content/ is watched too.
	if err := os.MkdirAll(filepath.Join(site, "content/pages/more"), 0o755); err != nil {
		t.Fatal(err)
	}
	edited(t, p, events, site, "Edited again")
}

// TestServeSaysWhenSiteFolderIsRenamed: serve cannot know where a renamed
// site folder went, so it says, in the terminal and over the page, that it
// stopped watching, and keeps serving the last build; once the folder is
// back under its name, it watches it again.
func TestServeSaysWhenSiteFolderIsRenamed(t *testing.T) {
	site := newSite(t)
	p := start(t, site)
	events := p.connect(t)
	events.await(t, "hello")
	if err := os.Rename(site, site+"-renamed"); err != nil {
		t.Fatal(err)
	}
	e := events.await(t, "error")
	problems := problemsIn(t, e)
	if len(problems) == 0 || !strings.Contains(problems[0].Message, "stopped watching") {
		t.Errorf("error event %s does not say that watching stopped", e.data)
	}
	if !strings.Contains(p.err.String(), "was moved or renamed, so serve stopped watching it") {
		t.Errorf("terminal does not say the folder was moved:\n%s", p.err)
	}
	if resp, page := p.get(t, "/about/"); resp.StatusCode != http.StatusOK || !strings.Contains(page, "<h1>") {
		t.Errorf("the last build is no longer served: %d", resp.StatusCode)
	}
	// A client that connects later is told too.
	late := p.connect(t)
	late.await(t, "error")

	if err := os.Rename(site+"-renamed", site); err != nil {
		t.Fatal(err)
	}
	events.await(t, "reload")
	edited(t, p, events, site, "Edited after the folder came back")
	// content/ moved away and back after that is still seen.
	if err := os.Rename(filepath.Join(site, "content"), site+"-content"); err != nil {
		t.Fatal(err)
	}
	events.await(t, "error")
	if err := os.Rename(site+"-content", filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	events.await(t, "reload")
	edited(t, p, events, site, "Edited once more")
}

// TestServeNoticesRenamedCurrentFolder: serve run inside the site folder
// (no --source) notices it being renamed too; "." would still name it.
func TestServeNoticesRenamedCurrentFolder(t *testing.T) {
	site := newSite(t)
	t.Chdir(site)
	p := startWith(t, Options{})
	events := p.connect(t)
	events.await(t, "hello")
	if err := os.Rename(site, site+"-renamed"); err != nil {
		t.Fatal(err)
	}
	e := events.await(t, "error")
	if problems := problemsIn(t, e); len(problems) == 0 || !strings.Contains(problems[0].Message, site+" was moved or renamed") {
		t.Errorf("error event %s does not name the folder that moved", e.data)
	}
	if err := os.Rename(site+"-renamed", site); err != nil {
		t.Fatal(err)
	}
	events.await(t, "reload")
	edited(t, p, events, site, "Edited in the folder serve runs in")
}

func TestHostNames(t *testing.T) {
	for _, tt := range []struct {
		bind  string
		allow []string
		host  string
		want  bool
	}{
		{"127.0.0.1", nil, "127.0.0.1:1313", true},
		{"127.0.0.1", nil, "localhost:1313", true},
		{"127.0.0.1", nil, "[::1]:1313", true},
		{"127.0.0.1", nil, "[::1]", true},
		{"127.0.0.1", nil, "192.168.1.5:1313", false},
		{"127.0.0.1", nil, "rebind.example:1313", false},
		{"127.0.0.1", nil, "", false},
		{"192.168.1.5", nil, "192.168.1.5:1313", true},
		{"0.0.0.0", nil, "192.168.1.5:1313", true},
		{"::", nil, "[fe80::1]:1313", true},
		{"0.0.0.0", nil, "laptop.example:1313", false},
		{"0.0.0.0", []string{"laptop.example"}, "LAPTOP.example.:1313", true},
	} {
		if got := newHostNames(tt.bind, tt.allow).allow(tt.host); got != tt.want {
			t.Errorf("bound to %s, allowing %v: Host %q accepted = %v, want %v", tt.bind, tt.allow, tt.host, got, tt.want)
		}
	}
}

// TestServeRefusesCrossSite: a request a browser marks as coming from
// another site (or from a file:// page) gets 403 and none of the drafts;
// the preview's own requests, a typed address and a page on another port
// of this machine (same site: the browser's CORP check stops that one) are
// answered, every response with CORP same-origin and nosniff.
func TestServeRefusesCrossSite(t *testing.T) {
	p := start(t, newSite(t))
	for _, c := range []struct {
		site string
		want int
	}{{"cross-site", http.StatusForbidden}, {"same-origin", http.StatusOK}, {"same-site", http.StatusOK}, {"none", http.StatusOK}, {"", http.StatusOK}} {
		for _, target := range []string{"", "search/data/index.js", "_riskguide/reload.js"} {
			req, err := http.NewRequest(http.MethodGet, p.URL()+target, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.site != "" {
				req.Header.Set("Sec-Fetch-Site", c.site)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("/%s with Sec-Fetch-Site %q: status %d, want %d", target, c.site, resp.StatusCode, c.want)
			}
			if c.want != http.StatusOK && strings.Contains(string(body), "riskguideSearch") {
				t.Errorf("/%s with Sec-Fetch-Site %q: answered %.80q", target, c.site, body)
			}
			if resp.Header.Get("Cross-Origin-Resource-Policy") != "same-origin" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("/%s with Sec-Fetch-Site %q: CORP %q, nosniff %q", target, c.site,
					resp.Header.Get("Cross-Origin-Resource-Policy"), resp.Header.Get("X-Content-Type-Options"))
			}
		}
	}
}
