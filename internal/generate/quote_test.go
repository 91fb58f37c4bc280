package generate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuotedTextsMarked builds the small site with quotes: naming its
// source, a disclaimer and an editorial note: the recommendation page and
// the print edition quote the recommendation and the expected result in
// <blockquote cite>, with a visible "From:" line naming the source and the
// note; the home page and the print edition carry the disclaimer. Without
// quotes:, nothing is marked as quoted.
func TestQuotedTextsMarked(t *testing.T) {
	fsys := smallSite()
	cfg := fsys["content/site.yaml"]
	cfg.Data = append([]byte(nil), cfg.Data...)
	cfg.Data = append(cfg.Data, "quotes: convention\ndisclaimer: Not endorsed by the Council.\n"...)
	rec := fsys["content/expected-results/01-training.yaml"]
	rec.Data = []byte(strings.Replace(string(rec.Data), "    text: Train every officer.\n", "    text: Train every officer.\n    note: One full stop corrected.\n", 1))
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	checkPage(t, out, "recommendations/train/index.html", []expect{
		{"blockquote.quoted[cite='https://example.org/convention'] > h1", 1, "Train every officer.", "", ""},
		{"blockquote.quoted.statement[cite='https://example.org/convention']", 1, "Officers understand the dynamics.", "", ""},
		{"p.quote-from cite a[href='../../sources/index.html#source-convention']", 1, "A convention", "", ""},
		{"p.quote-from .quote-note", 1, "One full stop corrected.", "", ""},
		{"p.quote-from", 2, "From:", "", ""},
	})
	checkPage(t, out, "print/index.html", []expect{
		{".cover p.disclaimer", 1, "Not endorsed by the Council.", "", ""},
		{"article.print-rec blockquote.quoted[cite='https://example.org/convention'] h3", -1, "Train every officer.", "", ""},
		{"blockquote.quoted.statement", -1, "Officers understand the dynamics.", "", ""},
		{"article.print-rec p.quote-from a[href='#source-convention']", -1, "A convention", "", ""},
		{"article.print-rec p.quote-from .quote-note", 1, "One full stop corrected.", "", ""},
	})
	checkPage(t, out, "index.html", []expect{{"p.disclaimer", 1, "Not endorsed by the Council.", "", ""}})
	checkPage(t, out, "results/training/index.html", []expect{
		{"blockquote.quoted.statement[cite='https://example.org/convention'] p", 1, "Officers understand the dynamics.", "", ""},
		{"p.quote-from cite", 1, "A convention", "", ""},
	})

	// The same site without quotes: marks nothing.
	plain := filepath.Join(t.TempDir(), "public")
	buildFS(t, smallSite(), plain)
	checkPage(t, plain, "recommendations/train/index.html", []expect{
		{"blockquote.quoted", 0, "", "", ""},
		{".quote-from", 0, "", "", ""},
		{"h1.rec-title", 1, "Train every officer.", "", ""},
	})
}

// TestUntranslatedDisclaimerAndNoteLang: on the French pages of the
// bilingual example, the disclaimer and the editorial note, which have no
// translation, are marked as English (lang="en"); on the English pages
// they carry no lang of their own.
func TestUntranslatedDisclaimerAndNoteLang(t *testing.T) {
	dir := copyBilingual(t)
	cfg := filepath.Join(dir, "content/site.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, "\nquotes: desk-notes\ndisclaimer: An example, endorsed by no one.\n"...)
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res := filepath.Join(dir, "content/expected-results/01-welcome.yaml")
	rd, err := os.ReadFile(res)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(rd), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "  - id: private-space") {
			lines[i] = l + "    note: A word corrected.\n"
		}
	}
	if err := os.WriteFile(res, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := buildDir(t, dir)
	checkPage(t, out, "fr/index.html", []expect{{"p.disclaimer", 1, "endorsed by no one", "lang", "en"}})
	checkPage(t, out, "fr/recommendations/private-space/index.html", []expect{{".quote-note", 1, "A word corrected.", "lang", "en"}})
	checkPage(t, out, "index.html", []expect{{"p.disclaimer", 1, "endorsed by no one", "lang", ""}})
	checkPage(t, out, "recommendations/private-space/index.html", []expect{{".quote-note", 1, "A word corrected.", "lang", ""}})
}
