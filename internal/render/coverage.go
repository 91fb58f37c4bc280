package render

import (
	"sort"
	"strconv"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Instrument is one cited source on the self-assessment's coverage
// summary: the articles of it that recommendations cite, each with the
// recommendations that serve it.
type Instrument struct {
	Source   *site.Source
	Articles []Article
}

// Article is one locator of an instrument, such as "Article 15", with the
// recommendations citing it in guidance order. Locator is "" for a
// citation of the instrument as a whole.
type Article struct {
	Locator string
	Recs    []*site.Recommendation
}

// RecIDs lists the article's recommendation ids, space separated, for the
// page's scripts.
func (a Article) RecIDs() string {
	ids := make([]string, len(a.Recs))
	for i, r := range a.Recs {
		ids[i] = r.ID
	}
	return strings.Join(ids, " ")
}

// coverage groups the recommendations' evidence citations by source, in
// the order of sources.yaml, and by locator, in article order.
func (r *renderer) coverage() []Instrument {
	var out []Instrument
	for _, src := range r.s.Sources {
		cites := r.citedBy[src.ID]
		if len(cites) == 0 {
			continue
		}
		byLoc := map[string]int{}
		in := Instrument{Source: src}
		for _, c := range cites {
			i, ok := byLoc[c.Locator]
			if !ok {
				i = len(in.Articles)
				byLoc[c.Locator] = i
				in.Articles = append(in.Articles, Article{Locator: c.Locator})
			}
			in.Articles[i].Recs = appendOnce(in.Articles[i].Recs, c.Rec)
		}
		sort.SliceStable(in.Articles, func(i, j int) bool { return locatorLess(in.Articles[i].Locator, in.Articles[j].Locator) })
		out = append(out, in)
	}
	return out
}

// locatorLess orders locators as a reader expects: the instrument as a
// whole first, then by the first number in them (Article 7 before Article
// 15), then as text (Article 51 before Article 51(2)).
func locatorLess(a, b string) bool {
	if a == "" || b == "" {
		return a == "" && b != ""
	}
	na, oka := firstNumber(a)
	nb, okb := firstNumber(b)
	if oka && okb && na != nb {
		return na < nb
	}
	if oka != okb {
		return oka
	}
	return a < b
}

func firstNumber(s string) (int, bool) {
	start := strings.IndexAny(s, "0123456789")
	if start < 0 {
		return 0, false
	}
	end := start
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[start:end])
	return n, err == nil
}
