package render

import (
	"io"
	"slices"
	"testing"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// defaultSite loads the embedded default site.
func defaultSite(tb testing.TB) *site.Site {
	tb.Helper()
	s, diags := load.Load(riskguide.Default)
	if len(diags) > 0 {
		tb.Fatal(diags)
	}
	return s
}

// withMessages returns o with the interface strings of s read from its
// theme, as the build hands them to render.
func withMessages(tb testing.TB, s *site.Site, o Options) Options {
	tb.Helper()
	msgs, err := load.SiteMessages(o.Theme, s)
	if err != nil {
		tb.Fatal(err)
	}
	o.Messages = msgs
	return o
}

func defaultRenderer(tb testing.TB) (*renderer, *site.Site) {
	tb.Helper()
	s := defaultSite(tb)
	r, err := newRenderer(s, withMessages(tb, s, Options{Theme: riskguide.Default, Source: riskguide.Default, Workers: 1}))
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
	out := &pageOut{out: discard{}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		rec := recs[i%len(recs)]
		i++
		j := job{path: recPath(rec.ID), kind: "recommendation", make: func(b *Base) (any, error) { return r.recPage(b, rec, nil, nil) }}
		if err := r.renderPage(j, md, out); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSchedule: the whole-site pages start halfway through the
// recommendation pages, longest first, and no page is lost or repeated.
func TestSchedule(t *testing.T) {
	r, _ := defaultRenderer(t)
	jobs := r.jobs()
	got := schedule(jobs)
	if len(got) != len(jobs) {
		t.Fatalf("%d jobs scheduled of %d", len(got), len(jobs))
	}
	seen := map[string]bool{}
	recsBefore, kinds := 0, []string{}
	for _, j := range got {
		if seen[j.path] {
			t.Errorf("%s scheduled twice", j.path)
		}
		seen[j.path] = true
		if j.kind == "recommendation" && len(kinds) == 0 {
			recsBefore++
		}
		if slices.Contains(longJobs, j.kind) {
			kinds = append(kinds, j.kind)
		}
	}
	if !slices.Equal(kinds, longJobs) {
		t.Errorf("long pages in order %v, want %v", kinds, longJobs)
	}
	if recs := len(r.s.AllRecommendations()); recsBefore != recs/2 {
		t.Errorf("%d recommendation pages before the long ones, want %d", recsBefore, recs/2)
	}
}

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"Monitor perpetrator behaviour.", 80, "Monitor perpetrator behaviour."},
		{"Reflect children’s specific experiences and needs in risk management strategies.", 40, "Reflect children’s specific experiences…"},
		{"Łódź Łódź Łódź", 6, "Łódź…"},
		{"abcdefghij", 5, "abcd…"},
	} {
		if got := shorten(tc.in, tc.n); got != tc.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// discard is an Output that keeps nothing.
type discard struct{}

func (discard) Create(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
