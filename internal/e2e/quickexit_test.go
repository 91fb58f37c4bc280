package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

// quickExitSite builds the small site with quick_exit pointing at a page
// of another local server, and serves it with the recommended headers
// (strict CSP). It returns the site's address and the exit address.
func quickExitSite(t *testing.T) (site, away string) {
	t.Helper()
	awayDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(awayDir, "weather.html"), []byte("<!DOCTYPE html><title>Weather</title><h1>Weather</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	away = browsertest.ServeDir(t, awayDir, nil) + "weather.html"
	fsys := smallSource(false)
	cfg := *fsys["content/site.yaml"]
	cfg.Data = append(append([]byte{}, cfg.Data...), []byte("quick_exit:\n  url: "+away+"\n")...)
	fsys["content/site.yaml"] = &cfg
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(generate.Source{FS: fsys, Name: "quick exit"}, generate.Options{Out: out}); err != nil {
		t.Fatal(err)
	}
	return browsertest.ServeDir(t, out, browsertest.RecommendedHeaders()), away
}

// TestQuickExit presses the "Exit this page" button at phone and desktop
// width and presses Shift three times: each replaces the page with the
// configured address, and Back does not return to it. The button stays in
// view while the page scrolls, breaks no CSP rule, passes axe-core, and
// without JavaScript is a plain link to the same address.
func TestQuickExit(t *testing.T) {
	t.Parallel()
	site, away := quickExitSite(t)
	// http.FileServer answers .../index.html with a redirect to the folder.
	home, rec := site, site+"recommendations/train-officers/"
	waitFor := func(p *browsertest.Page, want string) bool {
		for deadline := browsertest.Deadline(t); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if p.URL() == want {
				return true
			}
		}
		return false
	}
	// back goes back in history and returns the address it arrives at.
	back := func(p *browsertest.Page) string {
		from := p.URL()
		p.Do(chromedp.Evaluate[chromedp.Void](`history.back()`))
		for deadline := browsertest.Deadline(t); p.URL() == from && time.Now().Before(deadline); {
			time.Sleep(50 * time.Millisecond)
		}
		return p.URL()
	}

	atBothWidths(t, browsertest.Shared(t), "button/", func(t *testing.T, p *browsertest.Page, mobile bool) {
		p.Navigate(home)
		p.Navigate(rec)
		p.Do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.body.scrollHeight)`))
		top := browsertest.Eval[float64](p, `document.querySelector('.quick-exit-button').getBoundingClientRect().top`)
		if top < 0 || top > 60 {
			t.Errorf("after scrolling, the button's top is at %v px; it should stay at the top", top)
		}
		p.CheckClean()
		browsertest.FailOnAxe(t, "recommendation with quick exit", p.Axe())
		p.Do(chromedp.Click(chromedp.CSS(`.quick-exit-button`)))
		if !waitFor(p, away) {
			t.Fatalf("the button led to %s, want %s", p.URL(), away)
		}
		if got := back(p); got != home {
			t.Errorf("Back from the exit page went to %s; the page left must be gone from history (want %s)", got, home)
		}
	})

	t.Run("shift", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.Navigate(home)
		p.Navigate(rec)
		// Two presses, then another key: nothing happens. The script's key
		// handler runs before the key event returns, and an exit hides the
		// page in that same handler, so the page can be asked at once
		// instead of waiting to see whether anything happens; the three
		// presses below are the positive control.
		p.Do(chromedp.KeyEvent(kb.Shift), chromedp.KeyEvent(kb.Shift), chromedp.KeyEvent(kb.Tab))
		if p.URL() != rec || browsertest.Eval[bool](p, `document.documentElement.classList.contains('quick-exit-leaving')`) {
			t.Fatalf("two Shifts and a Tab started leaving the page (now at %s)", p.URL())
		}
		p.Do(chromedp.KeyEvent(kb.Shift), chromedp.KeyEvent(kb.Shift), chromedp.KeyEvent(kb.Shift))
		if !waitFor(p, away) {
			t.Fatalf("three Shifts led to %s, want %s", p.URL(), away)
		}
		if got := back(p); got != home {
			t.Errorf("Back went to %s, want %s", got, home)
		}
	})

	t.Run("nojs", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.DisableScripts()
		p.Navigate(rec)
		href := browsertest.Eval[string](p, `document.querySelector('a.quick-exit-button').href`)
		label := browsertest.Eval[string](p, `document.querySelector('a.quick-exit-button').innerText.trim()`)
		if href != away || !strings.HasPrefix(label, "Exit this page") {
			t.Errorf("without scripts: link %q to %s, want a link to %s", label, href, away)
		}
	})
}
