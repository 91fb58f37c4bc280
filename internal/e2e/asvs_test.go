package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

// asvsSite is docs/examples/asvs: OWASP ASVS 5.0 with its own terms,
// interface strings and pass/fail scale.
func asvsSite(t *testing.T) *builtSite {
	t.Helper()
	src, err := generate.FindSource(filepath.Join("..", "..", "docs", "examples", "asvs"))
	if err != nil {
		t.Fatal(err)
	}
	return getSite(t, "asvs", src)
}

// asvsPages are one page of every kind the example has.
var asvsPages = []string{
	"index.html", "results/v1-encoding/index.html", "results/v17-webrtc/index.html",
	"recommendations/v1-2-1/index.html", "recommendations/v6-1-1/index.html",
	"checklists/index.html", "checklists/level-1/index.html", "checklists/level-3/index.html",
	"print/index.html", "print/checklists/index.html", "protocols/index.html",
	"sources/index.html", "search/index.html", "about/index.html", "self-assessment/index.html",
	// Its editions: what changed, an edition's texts, a requirement's history.
	"changes/index.html", "editions/5.0.0/index.html", "recommendations/v6-2-1/index.html",
}

// TestASVSExample builds the ASVS example and checks that it speaks its
// own words and that axe-core finds nothing on a page of each kind, at
// desktop and mobile width, and on the self-assessment once answered.
func TestASVSExample(t *testing.T) {
	t.Parallel()
	s := asvsSite(t)
	for _, c := range []struct{ page, want string }{
		{"index.html", "17 chapters hold 346 requirements"},
		{"index.html", "By verification level"},
		{"checklists/index.html", "Level checklists"},
		{"results/v1-encoding/index.html", "Chapter 1"},
		{"recommendations/v1-2-1/index.html", "Requirement 1.3"},
		{"self-assessment/index.html", `data-scale="pass=1 fail=0 not-applicable"`},
		{"self-assessment/index.html", "Verify your application against each of the"},
	} {
		data, err := os.ReadFile(filepath.Join(s.Dir, c.page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), c.want) {
			t.Errorf("%s lacks %q", c.page, c.want)
		}
	}
	if len(s.Pages) < 300 {
		t.Errorf("only %d pages built", len(s.Pages))
	}

	b := browsertest.Shared(t)
	atBothWidths(t, b, "", func(t *testing.T, p *browsertest.Page, mobile bool) {
		h := fileHost(s)
		for _, page := range asvsPages {
			p.Navigate(h.URL(page))
			browsertest.FailOnAxe(t, page, p.Axe())
		}
		// The form, answered on its scale, with its summary and
		// action plan shown.
		p.Navigate(h.URL("self-assessment/index.html"))
		// A long form's fields are made as they come near the screen:
		// the first recommendation's as soon as the page is shown.
		p.Do(onScreen("#sa-v1-1-1-pass"))
		got := browsertest.Eval[string](p, `Array.prototype.map.call(document.querySelectorAll('#sa-rec-v1-1-1 .sa-scale label'), function (l) { return l.textContent; }).join(', ')`)
		if got != "Pass, Fail, Not applicable" {
			t.Errorf("the form offers %q", got)
		}
		for _, sel := range []string{"#sa-v1-1-1-pass", "#sa-v1-1-2-fail", "#sa-v1-2-1-not-applicable"} {
			p.Do(onScreen(sel), chromedp.Click(chromedp.CSS(sel)))
		}
		// The plan of a long form is made when it comes near the screen.
		p.Do(onScreen("#sa-plan"))
		deadline := browsertest.Deadline(t)
		for !browsertest.Eval[bool](p, `document.querySelectorAll('#sa-plan-out tbody tr:not(.sa-plan-unanswered)').length === 1 && document.querySelector('#sa-summary-table table') !== null`) {
			if time.Now().After(deadline) {
				t.Fatal("the summary and plan did not show the answers")
			}
			time.Sleep(50 * time.Millisecond)
		}
		browsertest.FailOnAxe(t, "self-assessment/index.html, answered", p.Axe())
	})
}
