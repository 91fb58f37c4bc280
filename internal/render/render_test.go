package render

import (
	"bytes"
	"testing"

	"riskguide"
	"riskguide/internal/load"
	"riskguide/internal/markdown"
	"riskguide/internal/site"
)

func defaultRenderer(tb testing.TB) (*renderer, *site.Site) {
	tb.Helper()
	s, diags := load.Load(riskguide.Default)
	if len(diags) > 0 {
		tb.Fatal(diags)
	}
	r, err := newRenderer(s, Options{Theme: riskguide.Default, Source: riskguide.Default, Workers: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return r, s
}

// BenchmarkRecommendationPage renders the recommendation pages of the
// default site, the kind of page a large site has most of.
func BenchmarkRecommendationPage(b *testing.B) {
	r, s := defaultRenderer(b)
	recs := s.AllRecommendations()
	md := markdown.New(markdown.Options{})
	var buf bytes.Buffer
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		rec := recs[i%len(recs)]
		i++
		j := job{path: recPath(rec.ID), kind: "recommendation", make: func(b *Base) any { return r.recPage(b, rec, nil, nil) }}
		if err := r.renderPage(j, md, &buf, func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
