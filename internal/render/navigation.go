package render

import (
	"html"
	"html/template"
	"regexp"
	"slices"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Aside is what a reading page shows beside its text on a wide screen: the
// list of its own sections ("On this page") and, on the pages of the
// guidance, where it sits among the expected results and recommendations.
// On a narrow screen the contents list is a collapsed list under the title
// and the guidance navigation comes after the text, reached from the header.
type Aside struct {
	Contents []ContentsEntry // shown only when there are at least two
	Guide    *GuideNav       // nil on pages outside the guidance
}

// ShowContents reports whether the page has enough sections for a list.
func (a *Aside) ShowContents() bool { return a != nil && len(a.Contents) >= 2 }

// ContentsList renders the list of a page's sections (partial
// contents-list), made once for every page with the same sections: every
// recommendation page has one of a few.
func (b *Base) ContentsList(entries []ContentsEntry) (template.HTML, error) {
	var key strings.Builder
	for _, e := range entries {
		key.WriteString(e.ID)
		key.WriteByte(0)
		key.WriteString(e.Text)
		if e.Sub {
			key.WriteByte(1)
		}
		key.WriteByte(0)
		key.WriteString(e.Lang)
		key.WriteByte(0)
	}
	return b.item("contents-list", key.String(), entries)
}

// ContentsEntry is one heading of the page.
type ContentsEntry struct {
	ID, Text string
	Sub      bool   // a heading below the page's sections (h3)
	Lang     string // the source language's, for a heading of an untranslated text
}

// GuideNav lists expected results and, under the current one, its
// recommendations. A large guidance is shown as a window of results around
// the current one, so that every page stays small: the size of the site's
// pages grows with the number of recommendations, not with its square.
type GuideNav struct {
	Results []GuideResult
	// More links to the full list on the home page, when the window does
	// not hold every result.
	More *Link
}

// GuideResult is an expected result in the guidance navigation.
type GuideResult struct {
	Number  int
	Title   string
	Lang    string // the source language's, when Title is untranslated
	URL     string
	Current bool // the page is this result's own page
	// HTML, when set, is the whole entry, made once for every page at
	// this folder depth that lists the result closed and not current.
	HTML template.HTML
	Recs []GuideRec
	// More links to the result's page when Recs is a window of its
	// recommendations.
	More *Link
}

// GuideRec is a recommendation in the guidance navigation.
type GuideRec struct {
	Label, Text, URL string
	Lang             string // the source language's, when Text is untranslated
	Current          bool
	// HTML, when set, is the whole entry, made once for every page at
	// this folder depth that lists the recommendation but is not its own.
	HTML template.HTML
}

// guideWindow is how many expected results the guidance navigation lists
// at most.
const guideWindow = 11

// guideTextLen is how many characters of a recommendation's text the
// guidance navigation shows: about two lines of its column. A page lists
// every recommendation of its result; cut, they add a fifth to the page,
// where whole they would double a large site's pages.
const guideTextLen = 80

// shorten cuts s to at most n characters, at a space if there is one in
// the last third, and marks the cut with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for i := cut; i > n*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// around is the window of at most size of count items that has item i
// (from 0) in its middle, or as near it as the ends allow: all[from:to].
// The guidance navigation shows its results, and one result's
// recommendations, this way; the site map a section's pages.
func around(count, i, size int) (from, to int) {
	if count <= size {
		return 0, count
	}
	from = min(max(i-size/2, 0), count-size)
	return from, from + size
}

// guideNav is the guidance navigation of a page about res, or about rec
// (which belongs to res) when rec is not nil; with res nil, of a page
// outside the guidance, for its site map. The page's header shows it too.
func (r *renderer) guideNav(b *Base, res *site.ExpectedResult, rec *site.Recommendation) (*GuideNav, error) {
	var err error
	all := r.s.Results
	n := 1
	if res != nil {
		n = res.Number
	}
	from, to := around(len(all), n-1, guideWindow)
	g := &GuideNav{}
	for _, x := range all[from:to] {
		// The entries are cached by link alone: which texts are translated
		// is the same on every page of one language, so Lang is too.
		gr := GuideResult{Number: x.Number, Title: x.Title, Lang: x.Lang, URL: b.Rel(resultPath(x.ID)), Current: x == res && rec == nil}
		if x != res {
			// Every page of the guidance lists most results the same way:
			// each entry is made once, not once per page.
			var err error
			if gr.HTML, err = b.item("guide-result", gr.URL, gr); err != nil {
				return nil, err
			}
		} else {
			n := 1
			if rec != nil {
				n = slices.Index(x.Recommendations, rec) + 1
			}
			from, to := around(len(x.Recommendations), n-1, guideWindow)
			for _, y := range x.Recommendations[from:to] {
				gr.Recs = append(gr.Recs, GuideRec{Label: y.Label, URL: b.Rel(recPath(y.ID)), Lang: y.Lang, Current: y == rec})
				if g := &gr.Recs[len(gr.Recs)-1]; g.Current {
					g.Text = shorten(y.Text, guideTextLen)
				} else if g.HTML, err = b.itemFunc("guide-rec", g.URL, func() any {
					g.Text = shorten(y.Text, guideTextLen)
					return g
				}); err != nil {
					return nil, err
				}
			}
			if to-from < len(x.Recommendations) {
				t, err := b.T("guide.allrecs", len(x.Recommendations))
				if err != nil {
					return nil, err
				}
				gr.More = &Link{URL: b.Rel(resultPath(x.ID)) + "#recommendations", Text: t}
			}
			// The page's own entry is shown twice, in the aside and in the
			// header's menu: made once.
			if gr.HTML, err = b.renderItem("guide-result", gr); err != nil {
				return nil, err
			}
		}
		g.Results = append(g.Results, gr)
	}
	if to-from < len(all) {
		t, err := b.T("guide.all", len(all))
		if err != nil {
			return nil, err
		}
		g.More = &Link{URL: b.Rel("index.html#results"), Text: t}
	}
	if res != nil {
		b.guide = g
	}
	return g, nil
}

// headingRE finds the h2 and h3 elements with ids that goldmark writes.
var headingRE = regexp.MustCompile(`(?s)<h([23]) id="([^"]+)"[^>]*>(.*?)</h[23]>`)

var tagRE = regexp.MustCompile(`<[^>]*>`)

// headingsIn lists the h2 and h3 headings of rendered Markdown, in
// language lang when the text is shown untranslated ("" otherwise).
func headingsIn(h template.HTML, lang string) []ContentsEntry {
	var out []ContentsEntry
	for _, m := range headingRE.FindAllStringSubmatch(string(h), -1) {
		if i := strings.Index(m[3], ` <a class="heading-link"`); i >= 0 {
			m[3] = m[3][:i]
		}
		text := strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(m[3], "")))
		if text == "" {
			continue
		}
		out = append(out, ContentsEntry{ID: html.UnescapeString(m[2]), Text: text, Sub: m[1] == "3", Lang: lang})
	}
	return out
}
