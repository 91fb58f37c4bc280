package site

import (
	"sort"
	"strings"
	"testing"
)

func TestLocatorOrder(t *testing.T) {
	locs := []string{"Article 51(2)", "Article 7", "Recital 12", "Article 51", "", "Article 15", "Annex"}
	sort.SliceStable(locs, func(i, j int) bool { return locatorLess(locs[i], locs[j]) })
	if got := strings.Join(locs, "|"); got != "|Article 7|Recital 12|Article 15|Article 51|Article 51(2)|Annex" {
		t.Errorf("order: %s", got)
	}
}

func TestInstruments(t *testing.T) {
	a, b := &Source{ID: "a"}, &Source{ID: "b"}
	r1 := &Recommendation{ID: "r1", Evidence: []Evidence{{Source: Ref{ID: "b"}, Locator: "Article 9"}, {Source: Ref{ID: "b"}, Locator: "Article 9"}}}
	r2 := &Recommendation{ID: "r2", Evidence: []Evidence{{Source: Ref{ID: "b"}, Locator: "Article 2"}, {Source: Ref{ID: "b"}, Locator: "Article 9"}}}
	s := &Site{Sources: []*Source{a, b}, Results: []*ExpectedResult{{Recommendations: []*Recommendation{r1, r2}}}}
	got := s.Instruments()
	if len(got) != 1 || got[0].Source != b {
		t.Fatalf("instruments: %+v", got)
	}
	var rows []string
	for _, ar := range got[0].Articles {
		rows = append(rows, ar.Locator+"="+ar.RecIDs())
	}
	if j := strings.Join(rows, "; "); j != "Article 2=r2; Article 9=r1 r2" {
		t.Errorf("articles: %s", j)
	}
}
