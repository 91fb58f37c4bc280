package render

import (
	"strconv"
	"strings"
	"sync"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/search"
	"github.com/riskguide/riskguide/internal/site"
)

// searchFiles builds the search index of the site: every recommendation,
// expected result, checklist, template, free page and source.
func (r *renderer) searchFiles() []search.File {
	s := r.s
	var docs []search.Doc
	recs := s.AllRecommendations()
	// Markdown to plain text is the slow part on a large site; the parser
	// keeps no state, so the texts are turned in parallel.
	plain := make([]string, len(recs))
	var wg sync.WaitGroup
	for w := 0; w < r.o.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(recs); i += r.o.Workers {
				plain[i] = r.plainText(recs[i].Guidance.Value)
			}
		}(w)
	}
	wg.Wait()
	for i, rec := range recs {
		guidance := plain[i]
		indicators := strings.Join(rec.Indicators, " ")
		docs = append(docs, search.Doc{
			Kind: "rec", Label: rec.Label, Title: rec.Text, URL: recPath(rec.ID), Roles: refIDs(rec.Roles),
			Fields: []search.Field{
				{Text: rec.Text, Weight: search.WeightText},
				{Text: indicators, Weight: search.WeightShort},
				{Text: rec.Result.Title, Weight: search.WeightBody},
				{Text: headings(rec.Guidance.Value), Weight: search.WeightHeading},
				{Text: guidance, Weight: search.WeightBody},
			},
			Text: joinText(guidance, indicators),
		})
	}
	for _, res := range s.Results {
		summary := r.plainText(res.Summary.Value)
		docs = append(docs, search.Doc{
			Kind: "result", Label: strconv.Itoa(res.Number), Title: res.Title, URL: resultPath(res.ID),
			Fields: []search.Field{
				{Text: res.Title, Weight: search.WeightTitle},
				{Text: res.Statement, Weight: search.WeightText},
				{Text: summary, Weight: search.WeightShort},
			},
			Text: joinText(res.Statement, summary),
		})
	}
	for _, role := range s.Roles {
		c := s.ChecklistFor(role.ID)
		if c == nil {
			continue
		}
		title := c.Title
		if title == "" {
			title = role.Name
		}
		var items []string
		for _, sec := range c.Sections {
			items = append(items, sec.Title+":")
			for _, it := range sec.Items {
				items = append(items, it.Text)
			}
		}
		body := strings.Join(items, " ")
		docs = append(docs, search.Doc{
			Kind: "checklist", Title: title, URL: rolePath(role.ID), Roles: []string{role.ID},
			Fields: []search.Field{
				{Text: title + " " + role.Name, Weight: search.WeightTitle},
				{Text: r.plainText(role.Description.Value), Weight: search.WeightShort},
				{Text: body, Weight: search.WeightShort},
			},
			Text: body,
		})
	}
	for _, p := range s.Protocols {
		body := r.plainText(p.Body.Value)
		docs = append(docs, search.Doc{
			Kind: "protocol", Title: p.Title, URL: protocolPath(p.ID), Roles: refIDs(p.Roles),
			Fields: []search.Field{
				{Text: p.Title, Weight: search.WeightTitle},
				{Text: p.Summary, Weight: search.WeightShort},
				{Text: headings(p.Body.Value), Weight: search.WeightHeading},
				{Text: body, Weight: search.WeightBody},
			},
			Text: joinText(p.Summary, body),
		})
	}
	for _, p := range s.Pages {
		body := r.plainText(p.Body.Value)
		docs = append(docs, search.Doc{
			Kind: "page", Title: p.Title, URL: pagePath(p.ID),
			Fields: []search.Field{
				{Text: p.Title, Weight: search.WeightTitle},
				{Text: headings(p.Body.Value), Weight: search.WeightHeading},
				{Text: body, Weight: search.WeightBody},
			},
			Text: body,
		})
	}
	for _, src := range s.Sources {
		about := joinText(src.Publisher, yearText(src.Year))
		docs = append(docs, search.Doc{
			Kind: "source", Title: src.Title, URL: "sources/index.html#" + SourceAnchor(src.ID),
			Fields: []search.Field{
				{Text: src.Title, Weight: search.WeightTitle},
				{Text: about, Weight: search.WeightShort},
				// Ids name instruments as people know them: istanbul-convention.
				{Text: strings.ReplaceAll(src.ID, "-", " "), Weight: search.WeightShort},
			},
			Text: about,
		})
	}
	roles := make([]search.Role, len(s.Roles))
	for i, role := range s.Roles {
		roles[i] = search.Role{ID: role.ID, Name: role.Name}
	}
	return search.Build(docs, search.Options{Language: s.Config.Language, Roles: roles, Messages: r.i18n.WithPrefix("js.search.")})
}

// SearchPage is search/index.html. Without scripts it lists every
// recommendation, so the page is useful even where search cannot run.
type SearchPage struct {
	*Base
	Results []*site.ExpectedResult
	Roles   []*site.Role
	Kinds   []string
}

func (r *renderer) searchPage(b *Base) any {
	t, _ := b.T("search.title")
	b.Title = t
	return &SearchPage{Base: b, Results: r.s.Results, Roles: r.s.Roles, Kinds: search.Kinds}
}

// headings joins the headings of a Markdown text, which weigh more in the
// index than the text around them.
func headings(src string) string {
	return strings.Join(markdown.Headings(src), " · ")
}

func refIDs(refs []site.Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

func joinText(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " — ")
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}
