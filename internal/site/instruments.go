package site

import (
	"sort"
	"strconv"
	"strings"
)

// Instrument is one cited source with the articles of it that
// recommendations cite: the basis of the coverage summary by legal
// instrument on the self-assessment and in riskguide report.
type Instrument struct {
	Source   *Source
	Articles []Article
}

// Article is one locator of an instrument, such as "Article 15", with the
// recommendations citing it, in guidance order. Locator is "" for a
// citation of the instrument as a whole.
type Article struct {
	Locator string
	Recs    []*Recommendation
}

// RecIDs lists the article's recommendation ids, space separated.
func (a Article) RecIDs() string {
	ids := make([]string, len(a.Recs))
	for i, r := range a.Recs {
		ids[i] = r.ID
	}
	return strings.Join(ids, " ")
}

// Instruments groups the recommendations' evidence citations by source, in
// the order of sources.yaml, and by locator, in article order. Sources no
// recommendation cites are left out.
func (s *Site) Instruments() []Instrument {
	var out []Instrument
	recs := s.AllRecommendations()
	for _, src := range s.Sources {
		in := Instrument{Source: src}
		byLoc := map[string]int{}
		for _, rec := range recs {
			for _, ev := range rec.Evidence {
				if ev.Source.ID != src.ID {
					continue
				}
				i, ok := byLoc[ev.Locator]
				if !ok {
					i = len(in.Articles)
					byLoc[ev.Locator] = i
					in.Articles = append(in.Articles, Article{Locator: ev.Locator})
				}
				if n := len(in.Articles[i].Recs); n == 0 || in.Articles[i].Recs[n-1] != rec {
					in.Articles[i].Recs = append(in.Articles[i].Recs, rec)
				}
			}
		}
		if len(in.Articles) == 0 {
			continue
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
