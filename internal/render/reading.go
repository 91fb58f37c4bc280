package render

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// headingOpenRE finds the h2 to h4 elements with ids that goldmark writes,
// up to their end.
var headingOpenRE = regexp.MustCompile(`(?s)<h([234]) id="([^"]+)"([^>]*)>(.*?)</h[234]>`)

// withHeadingLinks gives every heading with an id of rendered Markdown a
// link to itself (see HeadingLink), which a reader copies to point someone
// at the section.
func (b *Base) withHeadingLinks(h template.HTML) template.HTML {
	if !strings.Contains(string(h), "<h") {
		return h
	}
	label := b.text("heading.link")
	return template.HTML(headingOpenRE.ReplaceAllStringFunc(string(h), func(m string) string {
		s := headingOpenRE.FindStringSubmatch(m)
		return `<h` + s[1] + ` id="` + s[2] + `"` + s[3] + `>` + s[4] + headingLink(s[2], label) + `</h` + s[1] + `>`
	}))
}

// headingLink is the "#" after a heading, shown on hover and focus; its
// name for a screen reader says what it is. id is as written in HTML.
func headingLink(id, label string) string {
	return ` <a class="heading-link" href="#` + id + `"><span aria-hidden="true">#</span><span class="visually-hidden">` + html.EscapeString(label) + `</span></a>`
}

// HeadingLink is the link to the heading with id, for the headings of the
// layouts.
func (b *Base) HeadingLink(id string) template.HTML {
	return template.HTML(headingLink(html.EscapeString(id), b.text("heading.link")))
}

var (
	tableRE = regexp.MustCompile(`(?s)<table>.*?</table>`)
	thRE    = regexp.MustCompile(`(?s)<th[^>]*>(.*?)</th>`)
	rowRE   = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	tdRE    = regexp.MustCompile(`<td([^>]*)>`)
)

// withCellLabels marks every cell of the tables of rendered Markdown with
// its column's heading (data-label), so that on a phone, where a table's
// rows are stacked, each cell is shown under its heading (site.css).
func withCellLabels(h template.HTML) template.HTML {
	if !strings.Contains(string(h), "<table>") {
		return h
	}
	return template.HTML(tableRE.ReplaceAllStringFunc(string(h), func(table string) string {
		var heads []string
		if end := strings.Index(table, "</thead>"); end >= 0 {
			for _, m := range thRE.FindAllStringSubmatch(table[:end], -1) {
				text := strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(m[1], "")))
				heads = append(heads, html.EscapeString(text))
			}
		}
		if len(heads) == 0 {
			return table
		}
		return `<table class="reflow">` + rowRE.ReplaceAllStringFunc(table[len("<table>"):], func(row string) string {
			i := 0
			return tdRE.ReplaceAllStringFunc(row, func(td string) string {
				defer func() { i++ }()
				if i >= len(heads) || heads[i] == "" {
					return td
				}
				return `<td data-label="` + heads[i] + `"` + td[len("<td"):]
			})
		})
	}))
}
