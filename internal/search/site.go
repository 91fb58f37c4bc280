package search

import (
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/riskguide/riskguide/internal/site"
)

// SiteOptions say what the index of a site takes from the other phases.
type SiteOptions struct {
	// PlainText returns the text of a Markdown source without markup
	// (markdown.Texts.PlainText).
	PlainText func(markdown string) string
	// Headings returns the headings of a Markdown source
	// (markdown.Texts.Headings), which weigh more than the text around them.
	Headings func(markdown string) []string
	// Path returns the page that shows an entity, as a path from the site
	// root: kind is "rec", "result", "role", "protocol", "page" or
	// "source", as in cross-references.
	Path func(kind, id string) string
	// Sections returns the sections of the page that shows an entity, with
	// the ids that page gives its headings (render.SearchSections): kind is
	// "page", "protocol" or "role" (its checklist). Nil means none.
	Sections func(kind, id string) []Section
	// Messages are the interface strings search.js shows.
	Messages map[string]string
	// Workers is the number of texts converted at once; 0 means one per CPU.
	Workers int
}

// Site returns the files of the index of a site: every recommendation,
// expected result, checklist, template, free page and source.
func Site(s *site.Site, o SiteOptions) []File {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	var docs []Doc
	recs := s.AllRecommendations()
	// Markdown to plain text is the slow part on a large site; the parser
	// keeps no state, so the texts are turned in parallel.
	plain := make([]string, len(recs))
	var wg sync.WaitGroup
	for w := range o.Workers {
		wg.Go(func() {
			for i := w; i < len(recs); i += o.Workers {
				plain[i] = o.PlainText(recs[i].Guidance.Value)
			}
		})
	}
	wg.Wait()
	for i, rec := range recs {
		guidance := plain[i]
		indicators := strings.Join(rec.Indicators, " ")
		docs = append(docs, Doc{
			Kind: "rec", Label: rec.Label, Title: rec.Text, URL: o.Path("rec", rec.ID), Roles: refIDs(rec.Roles),
			Fields: []Field{
				{Text: rec.Text, Weight: WeightText},
				{Text: indicators, Weight: WeightShort},
				{Text: rec.Result.Title, Weight: WeightBody},
				{Text: o.headings(rec.Guidance.Value), Weight: WeightHeading},
				{Text: guidance, Weight: WeightBody},
			},
			Text: joinText(guidance, indicators),
			Lang: rec.Lang,
		})
	}
	for _, res := range s.Results {
		summary := o.PlainText(res.Summary.Value)
		docs = append(docs, Doc{
			Kind: "result", Label: strconv.Itoa(res.Number), Title: res.Title, URL: o.Path("result", res.ID),
			Fields: []Field{
				{Text: res.Title, Weight: WeightTitle},
				{Text: res.Statement, Weight: WeightText},
				{Text: summary, Weight: WeightShort},
			},
			Text: joinText(res.Statement, summary),
			Lang: res.Lang,
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
		docs = append(docs, Doc{
			Kind: "checklist", Title: title, URL: o.Path("role", role.ID), Roles: []string{role.ID},
			Fields: []Field{
				{Text: title + " " + role.Name, Weight: WeightTitle},
				{Text: o.PlainText(role.Description.Value), Weight: WeightShort},
				{Text: body, Weight: WeightShort},
			},
			Text:     body,
			Lang:     c.Lang,
			Sections: o.sections("role", role.ID, ""),
		})
	}
	for _, p := range s.Protocols {
		docs = append(docs, o.bodyDoc("protocol", p))
	}
	for _, p := range s.Pages {
		// A free page is a template without summary or roles.
		docs = append(docs, o.bodyDoc("page", &site.Protocol{ID: p.ID, Title: p.Title, Body: p.Body, Lang: p.Lang}))
	}
	for _, src := range s.Sources {
		about := joinText(src.Publisher, yearText(src.Year))
		docs = append(docs, Doc{
			Kind: "source", Title: src.Title, URL: o.Path("source", src.ID),
			Fields: []Field{
				{Text: src.Title, Weight: WeightTitle},
				{Text: about, Weight: WeightShort},
				// Ids name instruments as people know them: istanbul-convention.
				{Text: strings.ReplaceAll(src.ID, "-", " "), Weight: WeightShort},
			},
			Text: about,
			Lang: src.Lang,
		})
	}
	roles := make([]Role, len(s.Roles))
	for i, role := range s.Roles {
		roles[i] = Role{ID: role.ID, Name: role.Name}
	}
	return Build(docs, Options{Language: s.Config.Language, Roles: roles, Messages: o.Messages})
}

// bodyDoc is the document of a template (kind "protocol") or a free page
// (kind "page").
func (o SiteOptions) bodyDoc(kind string, p *site.Protocol) Doc {
	body := o.PlainText(p.Body.Value)
	return Doc{
		Kind: kind, Title: p.Title, URL: o.Path(kind, p.ID), Roles: refIDs(p.Roles),
		Fields: []Field{
			{Text: p.Title, Weight: WeightTitle},
			{Text: p.Summary, Weight: WeightShort},
			{Text: o.headings(p.Body.Value), Weight: WeightHeading},
			{Text: body, Weight: WeightBody},
		},
		Text:     joinText(p.Summary, body),
		Lang:     p.Lang,
		Sections: o.sections(kind, p.ID, p.Summary),
	}
}

// sections returns the sections of an entity's page, with intro before the
// text of the first; none when the page has no headings to lead to.
func (o SiteOptions) sections(kind, id, intro string) []Section {
	if o.Sections == nil {
		return nil
	}
	secs := o.Sections(kind, id)
	if !slices.ContainsFunc(secs, func(s Section) bool { return s.ID != "" }) {
		return nil
	}
	if intro != "" {
		if secs[0].ID == "" {
			secs[0].Text = joinText(intro, secs[0].Text)
		} else {
			secs = slices.Insert(secs, 0, Section{Text: intro})
		}
	}
	return secs
}

// headings joins the headings of a Markdown text.
func (o SiteOptions) headings(src string) string {
	if o.Headings == nil {
		return ""
	}
	return strings.Join(o.Headings(src), " · ")
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
