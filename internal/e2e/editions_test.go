package e2e

import (
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// TestEditionPages opens the ASVS example's editions, as a reader does:
// axe-core finds nothing on "What changed", on the texts of each edition,
// on an amended requirement's page and at a retired one's address, at
// desktop and phone width; a difference is marked by line and underline
// (not by colour alone) and named in words; the requirement's history
// links to its entry.
func TestEditionPages(t *testing.T) {
	t.Parallel()
	s := asvsSite(t)
	b := browsertest.Shared(t)
	atBothWidths(t, b, "", func(t *testing.T, p *browsertest.Page, mobile bool) {
		h := fileHost(s)
		for _, page := range []string{"changes/index.html", "editions/5.0.0/index.html", "editions/5.0.0-example.2/index.html", "recommendations/v6-2-1/index.html", "recommendations/example-6-2-3/index.html", "recommendations/v6-2-3/index.html"} {
			p.Navigate(h.URL(page))
			browsertest.FailOnAxe(t, page, p.Axe())
		}
		p.Navigate(h.URL("changes/index.html"))
		if got := browsertest.Eval[string](p, `getComputedStyle(document.querySelector('#change-5\\.0\\.0-example\\.2-v6-2-1 del')).textDecorationLine + ' ' + getComputedStyle(document.querySelector('#change-5\\.0\\.0-example\\.2-v6-2-1 ins')).textDecorationLine`); got != "line-through underline" {
			t.Errorf("deleted and inserted words are marked %q, want line-through and underline", got)
		}
		if got := browsertest.Eval[string](p, `document.querySelector('#change-5\\.0\\.0-example\\.2-v6-2-1 .change-diff').textContent`); got != "Verify that user set passwords are at least [deleted: 8] [inserted: 12] characters in length although a minimum of 15 characters is strongly recommended." {
			t.Errorf("the difference reads %q", got)
		}
		// The words that name a mark are there for a screen reader,
		// not on the screen.
		if w := browsertest.Eval[float64](p, `document.querySelector('#change-5\\.0\\.0-example\\.2-v6-2-1 del .visually-hidden').getBoundingClientRect().width`); w > 1 {
			t.Errorf("the word naming a deletion is %.0f px wide on screen", w)
		}
		p.Navigate(h.URL("recommendations/v6-2-1/index.html"))
		if got := browsertest.Eval[string](p, `document.querySelector('.rec-history li').textContent + ' -> ' + document.querySelector('.rec-history li a').getAttribute('href')`); got != "Amended in edition 5.0.0-example.2: see what changed -> ../../changes/index.html#change-5.0.0-example.2-v6-2-1" {
			t.Errorf("the requirement's history reads %q", got)
		}
	})
}
