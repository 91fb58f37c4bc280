package markdown

import (
	"regexp"
	"slices"
	"testing"
)

// TestTextsSections: the sections Texts reads carry the ids Render gives
// the same headings on a page with the same ids reserved, taken ids and
// repeated headings included, with the text under each.
func TestTextsSections(t *testing.T) {
	src := "Intro text.\n\n## Main\n\nFirst [[Name]].\n\n### Same\n\nSecond.\n\n#### Deeper\n\nStill second.\n\n## Same\n\nThird https://example.org.\n"
	reserved := []string{"main", "top"}
	texts := &Texts{Reserved: reserved}
	secs := texts.Sections(src)
	html := string(New(Options{}).Render(src, &Page{IDs: NewIDs(reserved...)}))
	var want []string
	for _, m := range regexp.MustCompile(`<h[23] id="([^"]+)"`).FindAllStringSubmatch(html, -1) {
		want = append(want, m[1])
	}
	var got []string
	for _, s := range secs {
		if s.ID != "" {
			got = append(got, s.ID)
		}
	}
	if !slices.Equal(got, want) || len(want) != 3 {
		t.Fatalf("section ids %q, the page's heading ids %q", got, want)
	}
	if secs[0].ID != "" || secs[0].Text != "Intro text." {
		t.Errorf("first section %+v, want the intro without id", secs[0])
	}
	if secs[1].Title != "Main" || secs[1].Level != 2 || secs[2].Title != "Same" || secs[2].Level != 3 {
		t.Errorf("sections %+v", secs)
	}
	if secs[2].Text != "Second. Deeper Still second." {
		t.Errorf("a level-4 heading stays in its section's text: %q", secs[2].Text)
	}
	if texts.Sections("No heading here.") != nil {
		t.Error("a text without headings has sections")
	}
}
