package render

import (
	"slices"
	"strings"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/search"
	"github.com/riskguide/riskguide/internal/site"
)

// SearchPage is search/index.html. Without scripts it lists every
// recommendation, so the page is useful even where search cannot run.
type SearchPage struct {
	*Base
	Results []*site.ExpectedResult
	Roles   []*site.Role
	Kinds   []string
}

func (r *renderer) searchPage(b *Base) any {
	b.Title = b.text("search.title")
	return &SearchPage{Base: b, Results: r.s.Results, Roles: r.s.Roles, Kinds: search.Kinds}
}

// PageIDs are the element ids every page's layout takes before its
// Markdown's (markdown.Texts.Reserved).
func PageIDs() []string { return slices.Clone(pageIDs) }

// SearchSections returns the sections of the page that shows an entity, for
// the search index (search.SiteOptions.Sections), with the ids the page
// gives them, so that a result can lead into the page:
//
//   - a free page's or a template's own page: the headings of its text,
//     read by texts (whose Reserved must be PageIDs). The text is the first
//     Markdown either page renders, so its headings get the ids a fresh
//     generator with the layouts' ids reserved gives;
//   - a checklist ("role"): its sections, each at its first item, whose
//     id is that of the item's tick box (roleChecklist).
func SearchSections(s *site.Site, texts *markdown.Texts) func(kind, id string) []search.Section {
	fromText := func(t site.Text) []search.Section {
		secs := texts.Sections(t.Value)
		out := make([]search.Section, len(secs))
		for i, sec := range secs {
			out[i] = search.Section{ID: sec.ID, Title: sec.Title, Text: sec.Text}
		}
		return out
	}
	return func(kind, id string) []search.Section {
		switch kind {
		case "page":
			if p := s.Page(id); p != nil {
				return fromText(p.Body)
			}
		case "protocol":
			if p := s.Protocol(id); p != nil {
				return fromText(p.Body)
			}
		case "role":
			return checklistSections(s.ChecklistFor(id), id)
		}
		return nil
	}
}

// checklistSections are a checklist's sections, each found at its first
// item's tick box, whose id roleChecklist makes the same way.
func checklistSections(c *site.Checklist, role string) []search.Section {
	if c == nil {
		return nil
	}
	var out []search.Section
	tick := tickKeys(role)
	for _, sec := range c.Sections {
		var first string
		var texts []string
		for _, it := range sec.Items {
			key := tick(it) // every item's, so that the keys count as roleChecklist's do
			if first == "" {
				first = strings.ReplaceAll(key, ":", "-")
			}
			texts = append(texts, it.Text)
		}
		if first != "" {
			out = append(out, search.Section{ID: first, Title: sec.Title, Text: strings.Join(texts, " ")})
		}
	}
	return out
}
