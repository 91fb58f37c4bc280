package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// TestAxe runs axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on every page of
// the default site and of the test site, at desktop and at mobile width,
// and fails on any violation. At mobile width no page may scroll sideways.
func TestAxe(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	for _, s := range []*builtSite{defaultSite(t), testSite(t)} {
		atBothWidths(t, b, s.Name+"/", func(t *testing.T, p *browsertest.Page, mobile bool) {
			h := fileHost(s)
			for _, page := range s.Pages {
				p.Navigate(h.URL(page))
				browsertest.FailOnAxe(t, page, p.Axe())
				if mobile {
					// WCAG 1.4.10: no scrolling sideways at 320 CSS px and up.
					w := browsertest.Eval[[]int](p, `[document.documentElement.scrollWidth, window.innerWidth]`)
					if w[0] > w[1] {
						t.Errorf("%s: the page is %d px wide in a %d px viewport; it must reflow", page, w[0], w[1])
					}
				}
			}
			if len(s.Pages) < 10 {
				t.Fatalf("only %d pages checked", len(s.Pages))
			}
		})
	}
}

// TestAxeDark runs axe-core in the dark colour scheme at desktop and at
// mobile width, on a page of every kind of the default site and on every
// page of the test site, whose own colour the dark scheme tints: every
// colour pair of the dark scheme is checked. (TestAxe checks every page in
// the light scheme.) The print editions, long pages of the same elements
// as the others, are left out: axe takes long over them.
func TestAxeDark(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	def, small := defaultSite(t), testSite(t)
	atBothWidths(t, b, "", func(t *testing.T, p *browsertest.Page, mobile bool) {
		p.ColorScheme("dark")
		for _, s := range []struct {
			site  *builtSite
			pages []string
		}{{def, slices.DeleteFunc(pageTypes(def), isPrint)}, {small, slices.DeleteFunc(slices.Clone(small.Pages), isPrint)}} {
			for _, page := range s.pages {
				p.Navigate(fileHost(s.site).URL(page))
				if !browsertest.Eval[bool](p, `matchMedia('(prefers-color-scheme: dark)').matches`) {
					t.Fatalf("%s: the dark scheme is not in effect", page)
				}
				browsertest.FailOnAxe(t, s.site.Name+"/"+page+" (dark)", p.Axe())
			}
		}
	})
}

func isPrint(page string) bool { return strings.HasPrefix(page, "print/") }
