package search_test

import (
	"path/filepath"
	"testing"

	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/search"
)

// TestSearchPerLanguage: each language of the bilingual example has its own
// index, and a query finds a text that uses another form of its word: the
// English stemmer in the browser, the French Snowball stemmer through the
// forms the index carries.
func TestSearchPerLanguage(t *testing.T) {
	src, err := generate.FindSource("../../docs/examples/bilingual")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(src, generate.Options{Out: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	// "signalements" (plural) is in 1.1's guidance; 1.2's says only
	// "signalement": found by its stem, not by prefix.
	fr := runQueries(t, filepath.Join(dir, "fr"), []query{{Q: "signalements"}, {Q: "expliquer"}, {Q: "reports"}})
	if rank(fr[0], "recommendations/next-steps/index.html") == 0 || rank(fr[0], "recommendations/private-space/index.html") == 0 {
		t.Errorf("French: signalements → %+v", fr[0].Docs)
	}
	if rank(fr[1], "recommendations/next-steps/index.html") != 1 {
		t.Errorf("French: expliquer → %+v", fr[1].Docs)
	}
	// The French index holds French text; an English word found there is
	// one the French site shows untranslated (1.3, same-day).
	for _, d := range fr[2].Docs {
		if d.URL != "recommendations/same-day/index.html" && d.URL != "results/records/index.html" && d.URL != "glossary/index.html" {
			t.Errorf("French index: %q found an English word in %s", "reports", d.URL)
		}
	}
	en := runQueries(t, dir, []query{{Q: "recorded"}, {Q: "signalement"}})
	if rank(en[0], "recommendations/same-day/index.html") == 0 {
		t.Errorf("English: recorded → %+v", en[0].Docs)
	}
	if en[1].Total != 0 {
		t.Errorf("the English index holds French text: %+v", en[1].Docs)
	}
}

// TestSnowballStemmers: the languages with a Snowball stemmer join a
// word's forms; one without (Polish) keeps words as they are.
func TestSnowballStemmers(t *testing.T) {
	for _, c := range []struct{ lang, a, b string }{
		{"fr", "signalements", "signalement"}, {"de", "meldungen", "meldung"},
		{"es", "denuncias", "denuncia"}, {"it", "denunce", "denuncia"},
		{"pt", "vitimas", "vitima"}, {"nl", "meldingen", "melding"},
	} {
		stem, _ := search.StemmerFor(c.lang)
		if stem(c.a) != stem(c.b) {
			t.Errorf("%s: %s → %s, %s → %s", c.lang, c.a, stem(c.a), c.b, stem(c.b))
		}
	}
	if stem, lang := search.StemmerFor("pl"); lang != "" || stem("zgloszenia") != "zgloszenia" {
		t.Errorf("Polish has no Snowball stemmer, yet words are stemmed")
	}
}
