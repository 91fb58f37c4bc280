package site

import "strings"

// Kinds are the kinds of content that have ids of their own, each described
// once: every phase (check, render, search, translations, the commands)
// iterates this table instead of naming kinds, so that a new kind, or a new
// translatable text of one, is an entry here (and the kind's layout).
// The order is the order of translatable units (see Units).
var Kinds = []*Kind{resultKind, recKind, pageKind, roleKind, sourceKind, checklistKind, protocolKind}

var (
	resultKind = &Kind{blank: func() Entry { return &ExpectedResult{} }, Name: "result", Layout: "result", Word: "expected result", Defined: "content/expected-results", XRef: true, PerText: true,
		Path: func(id string) string { return "results/" + id + "/index.html" }, entries: entriesOf(func(s *Site) []*ExpectedResult { return s.Results })}
	recKind = &Kind{blank: func() Entry { return &Recommendation{} }, Name: "rec", Layout: "recommendation", Word: "recommendation", Defined: "content/expected-results", XRef: true, PerText: true,
		Path: func(id string) string { return "recommendations/" + id + "/index.html" }}
	pageKind = &Kind{blank: func() Entry { return &Page{} }, Name: "page", Layout: "page", Word: "page", Defined: "content/pages/", XRef: true, PerText: true,
		Path: func(id string) string { return id + "/index.html" }, entries: entriesOf(func(s *Site) []*Page { return s.Pages })}
	roleKind = &Kind{blank: func() Entry { return &Role{} }, Name: "role", Layout: "checklist", Word: "role", Defined: "content/roles.yaml", XRef: true,
		Path: rolePath, entries: entriesOf(func(s *Site) []*Role { return s.Roles })}
	sourceKind = &Kind{blank: func() Entry { return &Source{} }, Name: "source", Word: "source", Defined: "content/sources.yaml", XRef: true,
		Path: func(id string) string { return "sources/index.html#" + SourceAnchor(id) }, entries: entriesOf(func(s *Site) []*Source { return s.Sources })}
	// A checklist's texts are hashed with their names: they are matched to
	// the source's by place, and a text moved to another place is a change.
	checklistKind = &Kind{blank: func() Entry { return &Checklist{} }, Name: "checklist", Word: "checklist", Defined: "checklists/", hashNames: true,
		Path: rolePath, entries: entriesOf(func(s *Site) []*Checklist { return s.Checklists })}
	protocolKind = &Kind{blank: func() Entry { return &Protocol{} }, Name: "protocol", Layout: "protocol", Word: "template", Defined: "content/protocols/", XRef: true,
		Path: func(id string) string { return "protocols/" + id + "/index.html" }, entries: entriesOf(func(s *Site) []*Protocol { return s.Protocols })}
)

// A Kind is one kind of content with ids of its own.
type Kind struct {
	// Name is the kind in cross-references (rec:ID) and in UnitKey.
	Name string
	// Word names the kind in messages.
	Word string
	// Defined is the file, or the folder (ending in "/" or not), that
	// defines the kind's entries: while it has a problem, references to
	// the kind are not checked, as each would only repeat that problem.
	Defined string
	// XRef is true for the kinds Markdown may link to as Name:id.
	XRef bool
	// PerText is true for the kinds whose entry, partly translated, shows
	// each text translated so far; the others show the source's text until
	// all of theirs are translated.
	PerText bool
	// Layout is the kind of page, layouts/<Layout>.html, each entry is
	// shown on, at Path; "" for entries shown on the pages of others.
	Layout string
	// Path is where an entry is shown, from the site root: its page, or a
	// #fragment of the page that lists the kind.
	Path func(id string) string
	// entries lists the kind's entries in order; nil for a kind whose
	// entries belong to another's (a result's recommendations).
	entries func(s *Site) []Entry
	// blank makes an entry of the kind with no texts (see Keys).
	blank func() Entry
	// hashNames has the source hash cover the texts' names (see Hash).
	hashNames bool
}

// Entry is one entry of a Kind: an expected result, a recommendation, a
// free page, a role, a source, a checklist or a template.
type Entry interface {
	// Kind is the entry's kind; Key its id (a checklist's is its role's).
	Kind() *Kind
	Key() string
	// At is where the entry is written.
	At() Pos
	// Texts are the entry's translatable texts by name, in order: what a
	// translation file has a key for, what its source hash covers and what
	// Translate replaces.
	Texts() []TextRef
	langs() (lang *string, fieldLang *map[string]string)
}

// TextRef is one translatable text of an entry: a plain string or a
// Markdown Text, by name.
type TextRef struct {
	Name string
	str  *string
	text *Text
}

// Value is the text.
func (f TextRef) Value() string {
	if f.text != nil {
		return f.text.Value
	}
	return *f.str
}

func (f TextRef) set(t Text) {
	if f.text != nil {
		*f.text = t
	} else {
		*f.str = t.Value
	}
}

func str(name string, s *string) TextRef { return TextRef{Name: name, str: s} }
func text(name string, t *Text) TextRef  { return TextRef{Name: name, text: t} }

// KindNamed returns the kind called name, or nil.
func KindNamed(name string) *Kind {
	for _, k := range Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// UnitWord names a kind for messages: "expected result" for "result",
// "template" for "protocol".
func UnitWord(kind string) string {
	if k := KindNamed(kind); k != nil {
		return k.Word
	}
	return kind
}

func kindOf(name string) *Kind {
	k := KindNamed(name)
	if k == nil {
		panic("site: no kind " + name)
	}
	return k
}

func entriesOf[T Entry](list func(s *Site) []T) func(s *Site) []Entry {
	return func(s *Site) []Entry {
		l := list(s)
		out := make([]Entry, len(l))
		for i, e := range l {
			out[i] = e
		}
		return out
	}
}

// Entries returns every entry of the site, in the order of Kinds, a
// result's recommendations after it.
func (s *Site) Entries() []Entry {
	var out []Entry
	for _, k := range Kinds {
		if k.entries == nil {
			continue
		}
		for _, e := range k.entries(s) {
			out = append(out, e)
			if r, ok := e.(*ExpectedResult); ok {
				for _, rec := range r.Recommendations {
					out = append(out, rec)
				}
			}
		}
	}
	return out
}

// Has reports whether the site has an entry of kind with id.
func (s *Site) Has(kind, id string) bool {
	_, ok := s.byKind[kind][id]
	return ok
}

// Target is where a cross-reference to kind:id points, as a path from the
// site root, or "" when there is no such entry.
func (s *Site) Target(kind, id string) string {
	if !s.Has(kind, id) {
		return ""
	}
	return kindOf(kind).Path(id)
}

func rolePath(id string) string { return "checklists/" + id + "/index.html" }

// SourceAnchor is the element id of a source on the sources page.
func SourceAnchor(id string) string { return "source-" + id }

func (r *ExpectedResult) Kind() *Kind { return resultKind }
func (r *ExpectedResult) Key() string { return r.ID }
func (r *ExpectedResult) At() Pos     { return r.Pos }
func (r *ExpectedResult) Texts() []TextRef {
	return []TextRef{str("title", &r.Title), str("statement", &r.Statement), text("summary", &r.Summary)}
}

func (r *Recommendation) Kind() *Kind { return recKind }
func (r *Recommendation) Key() string { return r.ID }
func (r *Recommendation) At() Pos     { return r.Pos }

// Texts of a recommendation: text, guidance and indicator.N (the Nth
// indicator, counted from 0).
func (r *Recommendation) Texts() []TextRef {
	out := []TextRef{str("text", &r.Text), text("guidance", &r.Guidance)}
	for i := range r.Indicators {
		out = append(out, str(IndicatorName(i), &r.Indicators[i]))
	}
	return out
}

func (p *Page) Kind() *Kind      { return pageKind }
func (p *Page) Key() string      { return p.ID }
func (p *Page) At() Pos          { return p.Pos }
func (p *Page) Texts() []TextRef { return []TextRef{str("title", &p.Title), text("body", &p.Body)} }

func (r *Role) Kind() *Kind { return roleKind }
func (r *Role) Key() string { return r.ID }
func (r *Role) At() Pos     { return r.Pos }
func (r *Role) Texts() []TextRef {
	return []TextRef{str("name", &r.Name), text("description", &r.Description)}
}

func (s *Source) Kind() *Kind      { return sourceKind }
func (s *Source) Key() string      { return s.ID }
func (s *Source) At() Pos          { return s.Pos }
func (s *Source) Texts() []TextRef { return []TextRef{str("title", &s.Title)} }

func (c *Checklist) Kind() *Kind { return checklistKind }
func (c *Checklist) Key() string { return c.Role.ID }
func (c *Checklist) At() Pos     { return c.Pos }

// Texts of a checklist, by place: title, intro, field.N (a header field's
// label), section.N (a section's title) and item.N.M (the Mth item of the
// Nth section), counted from 0.
func (c *Checklist) Texts() []TextRef {
	out := []TextRef{str("title", &c.Title), text("intro", &c.Intro)}
	for i := range c.Fields {
		out = append(out, str(ChecklistFieldName(i), &c.Fields[i].Label))
	}
	for i := range c.Sections {
		sec := &c.Sections[i]
		out = append(out, str(ChecklistSectionName(i), &sec.Title))
		for j := range sec.Items {
			out = append(out, str(ChecklistItemName(i, j), &sec.Items[j].Text))
		}
	}
	return out
}

func (p *Protocol) Kind() *Kind { return protocolKind }
func (p *Protocol) Key() string { return p.ID }
func (p *Protocol) At() Pos     { return p.Pos }
func (p *Protocol) Texts() []TextRef {
	return []TextRef{str("title", &p.Title), str("summary", &p.Summary), text("body", &p.Body)}
}

// langs are where an entry records that it is shown untranslated: Lang,
// and FieldLang for a PerText kind.
func (r *ExpectedResult) langs() (*string, *map[string]string) { return &r.Lang, &r.FieldLang }
func (r *Recommendation) langs() (*string, *map[string]string) { return &r.Lang, &r.FieldLang }
func (p *Page) langs() (*string, *map[string]string)           { return &p.Lang, &p.FieldLang }
func (r *Role) langs() (*string, *map[string]string)           { return &r.Lang, nil }
func (s *Source) langs() (*string, *map[string]string)         { return &s.Lang, nil }
func (c *Checklist) langs() (*string, *map[string]string)      { return &c.Lang, nil }
func (p *Protocol) langs() (*string, *map[string]string)       { return &p.Lang, nil }

// Keys are the texts of e that a translation file has a key of its own
// for: all but a Markdown file's body and the texts of a list (a
// recommendation's indicators, a checklist's items), named with a dot.
func Keys(e Entry) []TextRef {
	var out []TextRef
	for _, f := range e.Texts() {
		if f.Name != "body" && !strings.Contains(f.Name, ".") {
			out = append(out, f)
		}
	}
	return out
}

// Keys are the names of Keys of any entry of k.
func (k *Kind) Keys() []string {
	var out []string
	for _, f := range Keys(k.blank()) {
		out = append(out, f.Name)
	}
	return out
}

// PathOf is where the entry of kind with id is shown (see Kind.Path).
func PathOf(kind, id string) string { return kindOf(kind).Path(id) }

// EntriesOf returns the entries of the kind named kind, in order.
func (s *Site) EntriesOf(kind string) []Entry {
	var out []Entry
	for _, e := range s.Entries() {
		if e.Kind().Name == kind {
			out = append(out, e)
		}
	}
	return out
}
