package render

import (
	"cmp"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// HomePage is index.html.
type HomePage struct {
	*Base
	Results      []*site.ExpectedResult
	Roles        []*site.Role
	Protocols    []*site.Protocol
	RecCount     int
	ChecklistFor func(roleID string) *site.Checklist
}

func (r *renderer) homePage(b *Base) any {
	b.Title = r.s.Config.Title
	return &HomePage{
		Base:         b,
		Results:      r.s.Results,
		Roles:        r.s.Roles,
		Protocols:    r.s.Protocols,
		RecCount:     len(r.s.AllRecommendations()),
		ChecklistFor: r.s.ChecklistFor,
	}
}

// ResultPage is results/<id>/index.html.
type ResultPage struct {
	*Base
	Result     *site.ExpectedResult
	Prev, Next *site.ExpectedResult
	Summary    template.HTML
	Aside      *Aside
}

func (r *renderer) resultPage(b *Base, res *site.ExpectedResult) (any, error) {
	b.Title = res.Title
	p := &ResultPage{Base: b, Result: res, Summary: b.Markdown(res.Summary)}
	guide, err := r.guideNav(b, res, nil)
	if err != nil {
		return nil, err
	}
	p.Aside = &Aside{Guide: guide, Contents: headingsIn(p.Summary, res.Lang)}
	if len(p.Aside.Contents) > 0 {
		p.Aside.Contents = append(p.Aside.Contents, ContentsEntry{ID: "recommendations", Text: b.text("result.recs")})
	}
	i := res.Number - 1
	if i > 0 {
		p.Prev = r.s.Results[i-1]
	}
	if i+1 < len(r.s.Results) {
		p.Next = r.s.Results[i+1]
	}
	return p, nil
}

// RecommendationPage is recommendations/<id>/index.html. Besides the model
// (Rec, Prev, Next, Roles, Evidence) it carries every string and link the
// page prints, made in Go: a large site has one such page per
// recommendation, and a field costs a layout far less than a method call.
type RecommendationPage struct {
	*Base
	Rec        *site.Recommendation
	Prev, Next *site.Recommendation
	Roles      []*site.Role
	Evidence   []EvidenceView

	Label          string // "Recommendation 1.2"
	ResultLabel    string // "Expected result 1"
	ResultURL      string
	HomeURL        string
	Guidance       template.HTML
	RoleLinks      []Link
	EvidenceLinks  []EvidenceLink
	ProtocolLinks  []ProtocolLink
	ChecklistItems []ChecklistItemLink
	PrevLink       *Link // Text is the recommendation's label, such as "1.1"; Title its text
	NextLink       *Link
	AssessURL      string // its entry in the self-assessment
	Aside          *Aside
}

// Link is a link ready to print.
type Link struct {
	URL   string
	Text  string
	Title string // a longer description, where the link shows one
	// Lang is the source language's tag when the text the link names
	// (Title if there is one, else Text) is shown untranslated.
	Lang string
}

// EvidenceLink is a citation ready to print.
type EvidenceLink struct {
	URL, Title, Locator string
	Lang                string // the source language's, when Title is untranslated
}

// ProtocolLink is a template that serves a recommendation, ready to print.
type ProtocolLink struct {
	URL, Title, Summary string
	Lang                string // the source language's, when the template is untranslated
}

// ChecklistItemLink is a checklist item that serves a recommendation, with
// a link to its role's checklist.
type ChecklistItemLink struct {
	Text, RoleURL, RoleName string
	// Lang and RoleLang are the source language's tag when the checklist
	// and the role's name are shown untranslated.
	Lang, RoleLang string
}

// EvidenceView is a citation with its source resolved.
type EvidenceView struct {
	Source  *site.Source
	Locator string
}

func (r *renderer) recPage(b *Base, rec, prev, next *site.Recommendation) (any, error) {
	b.Title = rec.Text
	p := &RecommendationPage{Base: b, Rec: rec, Prev: prev, Next: next, Roles: resolved(rec.Roles, r.s.Role), Evidence: r.evidence(rec)}
	p.Label, p.ResultLabel = b.text("rec.label", rec.Label), b.text("result.label", rec.Result.Number)
	p.ResultURL = b.Rel(resultPath(rec.Result.ID))
	p.HomeURL = b.Root()
	p.Guidance = b.Markdown(rec.Guidance)
	for _, role := range p.Roles {
		p.RoleLinks = append(p.RoleLinks, Link{URL: b.Rel(rolePath(role.ID)), Text: role.Name, Lang: role.Lang})
	}
	for _, ev := range p.Evidence {
		p.EvidenceLinks = append(p.EvidenceLinks, EvidenceLink{URL: b.Rel(r.s.Target("source", ev.Source.ID)), Title: ev.Source.Title, Locator: ev.Locator, Lang: ev.Source.Lang})
	}
	for _, proto := range r.protoBy[rec.ID] {
		p.ProtocolLinks = append(p.ProtocolLinks, ProtocolLink{URL: b.Rel(protocolPath(proto.ID)), Title: proto.Title, Summary: proto.Summary, Lang: proto.Lang})
	}
	for _, it := range r.itemsBy[rec.ID] {
		p.ChecklistItems = append(p.ChecklistItems, ChecklistItemLink{Text: it.Text, RoleURL: b.Rel(rolePath(it.Role.ID)), RoleName: it.Role.Name, Lang: it.Lang, RoleLang: it.Role.Lang})
	}
	if prev != nil {
		p.PrevLink = &Link{URL: b.Rel(recPath(prev.ID)), Text: prev.Label, Title: prev.Text, Lang: prev.Lang}
	}
	if next != nil {
		p.NextLink = &Link{URL: b.Rel(recPath(next.ID)), Text: next.Label, Title: next.Text, Lang: next.Lang}
	}
	p.AssessURL = b.Rel(r.assessmentPath(rec.Result) + "#" + AssessmentAnchor(rec.ID))
	guide, err := r.guideNav(b, rec.Result, rec)
	if err != nil {
		return nil, err
	}
	p.Aside = &Aside{Guide: guide}
	// The sections the layout shows, in its order.
	sections := []struct {
		id, key string
		shown   bool
	}{
		{"guidance", "rec.guidance", p.Guidance != ""},
		{"indicators", "rec.indicators", len(rec.Indicators) > 0},
		{"evidence", "rec.evidence", len(p.EvidenceLinks) > 0},
		{"templates", "rec.templates", len(p.ProtocolLinks) > 0},
		{"checklist-items", "rec.checklists", len(p.ChecklistItems) > 0},
	}
	for _, sec := range sections {
		if !sec.shown {
			continue
		}
		p.Aside.Contents = append(p.Aside.Contents, ContentsEntry{ID: sec.id, Text: b.text(sec.key)})
		if sec.id == "guidance" {
			for _, h := range headingsIn(p.Guidance, rec.Lang) {
				h.Sub = true
				p.Aside.Contents = append(p.Aside.Contents, h)
			}
		}
	}
	return p, nil
}

// AssessmentAnchor is the element id of a recommendation's entry in the
// self-assessment.
func AssessmentAnchor(recID string) string { return "sa-rec-" + recID }

// resolved looks up each of refs, leaving out those lookup does not find.
func resolved[T any](refs []site.Ref, lookup func(id string) *T) []*T {
	out := make([]*T, 0, len(refs))
	for _, ref := range refs {
		if v := lookup(ref.ID); v != nil {
			out = append(out, v)
		}
	}
	return out
}

func (r *renderer) evidence(rec *site.Recommendation) []EvidenceView {
	out := make([]EvidenceView, 0, len(rec.Evidence))
	for _, ev := range rec.Evidence {
		if src := r.s.Source(ev.Source.ID); src != nil {
			out = append(out, EvidenceView{Source: src, Locator: ev.Locator})
		}
	}
	return out
}

// ChecklistsPage is checklists/index.html.
type ChecklistsPage struct {
	*Base
	Roles []RoleChecklist
}

// RoleChecklist is a role with its checklist (which may be nil) and the
// recommendations that concern it, ready to show.
type RoleChecklist struct {
	Page      *Base // the page it is shown on, for links
	Role      *site.Role
	Checklist *site.Checklist
	Heading   string // the checklist's title, or the role's name
	// HeadingLang, Lang and RoleLang are the source language's tag when
	// the heading, the checklist and the role's name and description are
	// shown untranslated.
	HeadingLang, Lang, RoleLang string
	Sections                    []SectionView
	Items                       int
	Recs                        []*site.Recommendation
	// Nested is true when the checklist sits under a role heading of a
	// page that holds several, so its sections are one level lower.
	Nested bool
	// Fields are the header fields to fill in, and NotesID the element id
	// of the notes space; the ids are the same on every page that shows the
	// checklist, so that what is typed on one prints on the others.
	Fields  []FieldView
	NotesID string
	// Sheet names the printed sheet: its class and its @page (sheets.css).
	Sheet string
}

// FieldView is a checklist header field as shown.
type FieldView struct {
	Label string
	ID    string
}

// SectionView is a checklist section with storage keys for its items.
type SectionView struct {
	Title string
	Items []ItemView
}

// ItemView is one checklist item as shown.
type ItemView struct {
	Text string
	Key  string // browser storage key of its tick
	ID   string // element id of its checkbox
	Recs []*site.Recommendation
}

func (r *renderer) roleChecklist(b *Base, role *site.Role) RoleChecklist {
	rc := RoleChecklist{Page: b, Role: role, Checklist: r.s.ChecklistFor(role.ID), Recs: r.roleRec[role.ID]}
	rc.Heading = role.Name
	rc.RoleLang = role.Lang
	rc.HeadingLang = rc.RoleLang
	if rc.Checklist == nil {
		return rc
	}
	rc.Lang = rc.Checklist.Lang
	if rc.Checklist.Title != "" {
		rc.Heading = rc.Checklist.Title
		rc.HeadingLang = rc.Lang
	}
	rc.Sheet = checklistSheet(role.ID)
	rc.NotesID = "cl-" + role.ID + "-notes"
	ids := map[string]bool{rc.NotesID: true}
	for _, f := range rc.Checklist.Fields {
		// A translated label keeps its source's id, which names what the
		// browser keeps.
		label := cmp.Or(f.SourceLabel, f.Label)
		id := "cl-" + role.ID + "-" + markdown.Slug(label)
		for n := 2; ids[id]; n++ {
			id = "cl-" + role.ID + "-" + markdown.Slug(label) + "-" + strconv.Itoa(n)
		}
		ids[id] = true
		rc.Fields = append(rc.Fields, FieldView{Label: f.Label, ID: id})
	}
	tick := tickKeys(role.ID)
	for _, sec := range rc.Checklist.Sections {
		sv := SectionView{Title: sec.Title}
		for _, it := range sec.Items {
			key := tick(it)
			sv.Items = append(sv.Items, ItemView{Text: it.Text, Key: key, ID: strings.ReplaceAll(key, ":", "-"), Recs: resolved(it.Recommendations, r.s.Recommendation)})
			rc.Items++
		}
		rc.Sections = append(rc.Sections, sv)
	}
	return rc
}

func (r *renderer) checklistsPage(b *Base) any {
	b.Title = b.text("checklists.title")
	p := &ChecklistsPage{Base: b}
	for _, role := range r.s.Roles {
		p.Roles = append(p.Roles, r.roleChecklist(b, role))
	}
	return p
}

// ChecklistPage is checklists/<role>/index.html.
type ChecklistPage struct {
	*Base
	RoleChecklist
}

func (r *renderer) checklistPage(b *Base, role *site.Role) any {
	rc := r.roleChecklist(b, role)
	b.Title = rc.Heading
	return &ChecklistPage{Base: b, RoleChecklist: rc}
}

func (r *renderer) printChecklistsPage(b *Base) any {
	b.Title = b.text("print.checklists.title")
	p := &ChecklistsPage{Base: b}
	for _, role := range r.s.Roles {
		if rc := r.roleChecklist(b, role); rc.Checklist != nil {
			rc.Nested = true
			p.Roles = append(p.Roles, rc)
		}
	}
	return p
}

// ProtocolsPage is protocols/index.html.
type ProtocolsPage struct {
	*Base
	Protocols []*site.Protocol
}

func (r *renderer) protocolsPage(b *Base) any {
	b.Title = b.text("protocols.title")
	return &ProtocolsPage{Base: b, Protocols: r.s.Protocols}
}

// ProtocolPage is protocols/<slug>/index.html.
type ProtocolPage struct {
	*Base
	Protocol *site.Protocol
	Recs     []*site.Recommendation
	Roles    []*site.Role
	Sheet    string        // see RoleChecklist.Sheet
	Body     template.HTML // the template's text, rendered before the page so that its headings can be listed
	Aside    *Aside
}

func (r *renderer) protocolPage(b *Base, p *site.Protocol) any {
	b.Title = p.Title
	body := b.Markdown(p.Body)
	if p.SourceBody.Value != "" {
		body = sourceFieldIDs(body, b.Markdown(p.SourceBody))
	}
	return &ProtocolPage{Base: b, Protocol: p, Recs: resolved(p.Recommendations, r.s.Recommendation), Roles: resolved(p.Roles, r.s.Role), Body: body, Sheet: protocolSheet(p.ID), Aside: &Aside{Contents: headingsIn(body, p.Lang)}}
}

// PrintProtocolsPage is print/protocols/index.html: every template, each
// on sheets of its own.
type PrintProtocolsPage struct {
	*Base
	Protocols []ProtocolSheet
}

// ProtocolSheet is one template of the pack. Its element ids carry IDPrefix,
// so that they are unique on the page; without it they are those of the
// template's own page, and so are the keys its fields are kept under.
type ProtocolSheet struct {
	Protocol *site.Protocol
	Sheet    string
	IDPrefix string
	Body     template.HTML
}

func (r *renderer) printProtocolsPage(b *Base) any {
	b.Title = b.text("print.protocols.title")
	p := &PrintProtocolsPage{Base: b}
	for _, proto := range r.s.Protocols {
		prefix := proto.ID + "--"
		p.Protocols = append(p.Protocols, ProtocolSheet{
			Protocol: proto,
			Sheet:    protocolSheet(proto.ID),
			IDPrefix: prefix,
			Body:     protocolBody(b, proto, prefix),
		})
	}
	return p
}

// checklistSheet and protocolSheet name the printed sheet of a checklist
// and of a template: a CSS class and a named @page (see sheets.go).
func checklistSheet(roleID string) string { return "sheet-checklist-" + roleID }
func protocolSheet(id string) string      { return "sheet-protocol-" + id }

// SourcesPage is sources/index.html.
type SourcesPage struct {
	*Base
	Sources []SourceView
}

// SourceView is a source with the recommendations that cite it.
type SourceView struct {
	Source  *site.Source
	CitedBy []Citation
}

func (r *renderer) sourcesPage(b *Base) any {
	b.Title = b.text("sources.title")
	p := &SourcesPage{Base: b}
	for _, s := range r.s.Sources {
		p.Sources = append(p.Sources, SourceView{Source: s, CitedBy: r.citedBy[s.ID]})
	}
	return p
}

// PrintPage is print/index.html: the whole guidance as one document.
type PrintPage struct {
	*Base
	Results []*site.ExpectedResult
	Sources []SourceView
}

// EvidenceOf resolves the citations of a recommendation.
func (p *PrintPage) EvidenceOf(rec *site.Recommendation) []EvidenceView { return p.r.evidence(rec) }

// RolesOf resolves the roles of a recommendation.
func (p *PrintPage) RolesOf(rec *site.Recommendation) []*site.Role {
	return resolved(rec.Roles, p.r.s.Role)
}

func (r *renderer) printPage(b *Base) any {
	b.Title = r.s.Config.Title
	p := &PrintPage{Base: b, Results: r.s.Results}
	for _, s := range r.s.Sources {
		p.Sources = append(p.Sources, SourceView{Source: s, CitedBy: r.citedBy[s.ID]})
	}
	return p
}

// FreePage is <slug>/index.html.
type FreePage struct {
	*Base
	Page  *site.Page
	Body  template.HTML // rendered before the page so that its headings can be listed
	Aside *Aside
}

func (r *renderer) freePage(b *Base, p *site.Page) any {
	b.Title = p.Title
	body := b.Markdown(p.Body)
	return &FreePage{Base: b, Page: p, Body: body, Aside: &Aside{Contents: headingsIn(body, p.LangOf("body"))}}
}

// protocolBody renders a template for a page of several, its ids prefixed.
func protocolBody(b *Base, p *site.Protocol, prefix string) template.HTML {
	body := b.MarkdownPrefixed(p.Body, prefix)
	if p.SourceBody.Value != "" {
		body = sourceFieldIDs(body, b.MarkdownPrefixed(p.SourceBody, prefix))
	}
	return body
}

var (
	fieldIDPattern = regexp.MustCompile(`<(?:input type="text"|textarea) id="([^"]+)"`)
	idAttrPattern  = regexp.MustCompile(`\b(id|for|name)="([^"]+)"`)
)

// sourceFieldIDs gives the fields of a translated template the ids of the
// source's fields in the same places: the browser keeps what is typed under
// a field's id, and ids made from translated labels would hide in one
// language what was typed in another. If the two do not have as many fields
// (check reports it), the translation's own ids stay.
func sourceFieldIDs(translated, source template.HTML) template.HTML {
	tr := fieldIDPattern.FindAllStringSubmatch(string(translated), -1)
	src := fieldIDPattern.FindAllStringSubmatch(string(source), -1)
	if len(tr) != len(src) {
		return translated
	}
	to := map[string]string{}
	for i := range tr {
		to[tr[i][1]] = src[i][1]
	}
	return template.HTML(idAttrPattern.ReplaceAllStringFunc(string(translated), func(m string) string {
		sub := idAttrPattern.FindStringSubmatch(m)
		if id, ok := to[sub[2]]; ok {
			return sub[1] + `="` + id + `"`
		}
		return m
	}))
}
