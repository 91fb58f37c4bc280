package site

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
)

// A site may be published in several languages. The source language's text
// is the content/ folder; each other language's text is kept apart, in
// translations/<lang>/, keyed by the same ids, so that a translator never
// edits a source file. Each translated text records the hash of the source
// text it translates (SourceHash), so that a change to the source shows
// which translations have fallen behind.

// Translated is the translation of one text unit: an expected result, a
// recommendation, a free page, a role or a source.
type Translated struct {
	// Pos is where the unit is written in its translation file; HashPos is
	// where its source_hash is, which is what a stale report points at.
	Pos     Pos
	HashPos Pos
	Kind    string // "result", "rec", "page", "role", "source", "checklist" or "protocol"
	ID      string
	// SourceHash is the hash of the source text this translation was made
	// from (see SourceHash).
	SourceHash string
	// Fields are the translated texts by source field name (title,
	// statement, summary, text, guidance, body).
	Fields map[string]Text
	// Empty are the positions of the keys written but left empty (a
	// starter's), by field name: where a missing text is to be written.
	Empty map[string]Pos
}

// Translation is everything translated into one language.
type Translation struct {
	Lang    string
	Title   string
	Tagline string
	// Terms are the site's words for its concepts in this language, or
	// nil to keep the source's.
	Terms *Terms
	// Units are the translated texts by UnitKey.
	Units map[string]*Translated
}

// UnitKey names a translatable unit: its kind and id.
func UnitKey(kind, id string) string { return kind + ":" + id }

// The state of one unit in one language.
const (
	TranslationDone    = "done"
	TranslationStale   = "stale"
	TranslationMissing = "missing"
	// TranslationPartial is a unit whose translation has some of its
	// source's texts but not all, made from the current source.
	TranslationPartial = "partial"
)

// LanguageView is what the pages of one language need to know about the
// site's languages: which one they are in, the others, and how far each
// unit is translated. It is nil on a site with one language.
type LanguageView struct {
	Source    string   // the source language
	Lang      string   // the language of these pages
	Languages []string // all, the source first
	// State is TranslationDone, TranslationStale or TranslationMissing by
	// UnitKey; it is empty for the source language.
	State map[string]string
}

// Prefix is the folder a language's pages are published in: "" for the
// source language, "<lang>/" for the others.
func (v *LanguageView) Prefix(lang string) string {
	if lang == v.Source {
		return ""
	}
	return lang + "/"
}

// SourceHash is the hash a translation records of the source text it
// translates: the first 12 hexadecimal digits of the SHA-256 of the unit's
// source fields, trimmed, in a fixed order, separated by NUL.
func SourceHash(fields ...string) string {
	for i, f := range fields {
		// Blank lines around a text (the front matter's, in a page) are
		// not part of it.
		fields[i] = strings.TrimSpace(f)
	}
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x00")))
	return hex.EncodeToString(sum[:6])
}

// Hash of each kind of unit, from its source text.
func (r *ExpectedResult) SourceHash() string {
	return SourceHash(r.Title, r.Statement, r.Summary.Value)
}

// SourceHash is the hash of the recommendation's source text: its text,
// guidance and indicators.
func (r *Recommendation) SourceHash() string {
	return SourceHash(append([]string{r.Text, r.Guidance.Value}, r.Indicators...)...)
}

// textFields names each text of a recommendation: text, guidance and
// indicator.N (the Nth indicator, counted from 0). A translation gives the
// same names to its texts.
func (r *Recommendation) textFields() []Field {
	out := fields("text", r.Text, "guidance", r.Guidance.Value)
	for i, ind := range r.Indicators {
		out = append(out, Field{IndicatorName(i), ind})
	}
	return out
}

// IndicatorName names a recommendation's Nth indicator, counted from 0.
func IndicatorName(i int) string { return "indicator." + strconv.Itoa(i) }

// SourceHash is the hash of the page's source text.
func (p *Page) SourceHash() string { return SourceHash(p.Title, p.Body.Value) }

// SourceHash is the hash of the role's source text.
func (r *Role) SourceHash() string { return SourceHash(r.Name, r.Description.Value) }

// SourceHash is the hash of the source's title.
func (s *Source) SourceHash() string { return SourceHash(s.Title) }

// SourceHash is the hash of every text of the checklist, in order.
func (c *Checklist) SourceHash() string {
	var texts []string
	for _, f := range c.textFields() {
		texts = append(texts, f.Name, f.Value)
	}
	return SourceHash(texts...)
}

// textFields names each text of a checklist by its place: title, intro,
// field.N (a header field's label), section.N (a section's title) and
// item.N.M (the Mth item of the Nth section), counted from 0. A
// translation gives the same names to its texts.
func (c *Checklist) textFields() []Field {
	out := fields("title", c.Title, "intro", c.Intro.Value)
	for i, f := range c.Fields {
		out = append(out, Field{ChecklistFieldName(i), f.Label})
	}
	for i, sec := range c.Sections {
		out = append(out, Field{ChecklistSectionName(i), sec.Title})
		for j, it := range sec.Items {
			out = append(out, Field{ChecklistItemName(i, j), it.Text})
		}
	}
	return out
}

// Names of a checklist's texts (see textFields).
func ChecklistFieldName(i int) string   { return "field." + strconv.Itoa(i) }
func ChecklistSectionName(i int) string { return "section." + strconv.Itoa(i) }
func ChecklistItemName(i, j int) string { return "item." + strconv.Itoa(i) + "." + strconv.Itoa(j) }

// SourceHash is the hash of the protocol's source text.
func (p *Protocol) SourceHash() string { return SourceHash(p.Title, p.Summary, p.Body.Value) }

// Units lists the translatable units of the site in order, with the hash
// of each one's source text.
func (s *Site) Units() []Unit {
	var out []Unit
	for _, r := range s.Results {
		out = append(out, Unit{Kind: "result", ID: r.ID, Hash: r.SourceHash(), Pos: r.Pos,
			Fields: fields("title", r.Title, "statement", r.Statement, "summary", r.Summary.Value)})
		for _, rec := range r.Recommendations {
			out = append(out, Unit{Kind: "rec", ID: rec.ID, Hash: rec.SourceHash(), Pos: rec.Pos, Fields: rec.textFields()})
		}
	}
	for _, p := range s.Pages {
		out = append(out, Unit{Kind: "page", ID: p.ID, Hash: p.SourceHash(), Pos: p.Pos,
			Fields: fields("title", p.Title, "body", p.Body.Value)})
	}
	for _, r := range s.Roles {
		out = append(out, Unit{Kind: "role", ID: r.ID, Hash: r.SourceHash(), Pos: r.Pos,
			Fields: fields("name", r.Name, "description", r.Description.Value)})
	}
	for _, src := range s.Sources {
		out = append(out, Unit{Kind: "source", ID: src.ID, Hash: src.SourceHash(), Pos: src.Pos,
			Fields: fields("title", src.Title)})
	}
	for _, c := range s.Checklists {
		out = append(out, Unit{Kind: "checklist", ID: c.Role.ID, Hash: c.SourceHash(), Pos: c.Pos, Fields: c.textFields()})
	}
	for _, p := range s.Protocols {
		out = append(out, Unit{Kind: "protocol", ID: p.ID, Hash: p.SourceHash(), Pos: p.Pos,
			Fields: fields("title", p.Title, "summary", p.Summary, "body", p.Body.Value)})
	}
	return out
}

// Unit is one translatable text of the source.
type Unit struct {
	Kind, ID, Hash string
	Pos            Pos
	// Fields are the unit's source texts by field name, in order, the
	// empty ones left out.
	Fields []Field
}

// Field is one named source text of a unit.
type Field struct{ Name, Value string }

func fields(kv ...string) []Field {
	var out []Field
	for i := 0; i+1 < len(kv); i += 2 {
		if strings.TrimSpace(kv[i+1]) != "" {
			out = append(out, Field{kv[i], kv[i+1]})
		}
	}
	return out
}

// States returns the state of every unit in language lang by UnitKey: missing
// when no text of it is translated, stale when its translation was made from
// an older source, partial when some of its texts are not translated yet,
// done otherwise.
func (s *Site) States(lang string) map[string]string {
	tr := s.Translations[lang]
	out := map[string]string{}
	for _, u := range s.Units() {
		key := UnitKey(u.Kind, u.ID)
		t := (*Translated)(nil)
		if tr != nil {
			t = tr.Units[key]
		}
		switch {
		case t == nil || len(t.Fields) == 0:
			out[key] = TranslationMissing
		case t.SourceHash != u.Hash:
			out[key] = TranslationStale
		case len(t.Missing(u)) > 0:
			out[key] = TranslationPartial
		default:
			out[key] = TranslationDone
		}
	}
	return out
}

// Missing names the texts of the source unit u that t does not translate,
// in the source's order.
func (t *Translated) Missing(u Unit) []string {
	var out []string
	for _, f := range u.Fields {
		if _, ok := t.Fields[f.Name]; !ok {
			out = append(out, f.Name)
		}
	}
	return out
}

// MissingPos is where the translation of field is to be written: its
// empty key, or else the unit in the translation file.
func (t *Translated) MissingPos(field string) Pos {
	if p, ok := t.Empty[field]; ok {
		return p
	}
	return t.Pos
}

// Untranslated lists, as warnings for the translator, every unit of every
// language not translated yet (at the source text) and every text missing
// from a partly translated unit (where it is to be written).
func (s *Site) Untranslated() Diagnostics {
	var ds Diagnostics
	for _, lang := range s.Config.Languages {
		if lang == s.Config.Language {
			continue
		}
		tr := s.Translations[lang]
		states := s.States(lang)
		for _, u := range s.Units() {
			key := UnitKey(u.Kind, u.ID)
			switch states[key] {
			case TranslationMissing:
				ds.Add(u.Pos, "%s translation of %s %q is missing", lang, UnitWord(u.Kind), u.ID)
			case TranslationPartial:
				t := tr.Units[key]
				missing := t.Missing(u)
				for _, f := range missing {
					ds.Add(t.MissingPos(f), "%s translation of %s %q is partly done (%d of %d texts): %s is not translated yet", lang, UnitWord(u.Kind), u.ID, len(u.Fields)-len(missing), len(u.Fields), f)
				}
			}
		}
	}
	return ds
}

// Stale lists every translation whose source text has changed since it was
// made, at its source_hash, in language order.
func (s *Site) Stale() Diagnostics {
	var ds Diagnostics
	for _, lang := range s.Config.Languages {
		tr := s.Translations[lang]
		if tr == nil {
			continue
		}
		for _, u := range s.Units() {
			t := tr.Units[UnitKey(u.Kind, u.ID)]
			// A unit with no text yet (a starter file's) is missing, not stale.
			if t != nil && len(t.Fields) > 0 && t.SourceHash != u.Hash {
				ds.Add(t.HashPos, "%s translation of %s %q is out of date: its source text changed (source_hash %s, now %s)", lang, UnitWord(u.Kind), u.ID, t.SourceHash, u.Hash)
			}
		}
	}
	return ds
}

// UnitWord names a kind of translatable unit for messages: "expected
// result" for "result", "template" for "protocol".
func UnitWord(kind string) string { return unitWords[kind] }

var unitWords = map[string]string{"result": "expected result", "rec": "recommendation", "page": "page", "role": "role", "source": "source", "checklist": "checklist", "protocol": "template"}

// Translate returns the site of language lang, made from s, the site as
// loaded: every translated text replaces its source, and Languages records
// which units are done, stale or missing. s itself is left as it is, so
// that every language is made from one reading of the source.
func (s *Site) Translate(lang string) *Site {
	t := s.clone()
	t.translate(lang)
	return t
}

// clone copies s deeply enough that translating the copy leaves s as it
// is: every entity that holds a translatable text is copied, and what no
// translation changes (references, evidence, the scale) is shared.
func (s *Site) clone() *Site {
	c := *s
	c.Results = cloneAll(s.Results, func(r *ExpectedResult) {
		r.Recommendations = cloneAll(r.Recommendations, func(rec *Recommendation) {
			rec.Result = r
			rec.Indicators = slices.Clone(rec.Indicators)
		})
	})
	c.Pages = cloneAll(s.Pages, nil)
	c.Roles = cloneAll(s.Roles, nil)
	c.Sources = cloneAll(s.Sources, nil)
	c.Checklists = cloneAll(s.Checklists, func(cl *Checklist) {
		cl.Fields = slices.Clone(cl.Fields)
		cl.Sections = slices.Clone(cl.Sections)
		for i := range cl.Sections {
			cl.Sections[i].Items = slices.Clone(cl.Sections[i].Items)
		}
	})
	c.Protocols = cloneAll(s.Protocols, nil)
	c.Index()
	return &c
}

// cloneAll copies every entity of list, then lets fix copy what it holds.
func cloneAll[T any](list []*T, fix func(*T)) []*T {
	out := make([]*T, len(list))
	for i, e := range list {
		c := *e
		if fix != nil {
			fix(&c)
		}
		out[i] = &c
	}
	return out
}

func (s *Site) translate(lang string) {
	view := &LanguageView{Source: s.Config.Language, Lang: lang, Languages: s.Config.Languages, State: map[string]string{}}
	s.Languages = view
	tr := s.Translations[lang]
	if tr == nil || lang == s.Config.Language {
		view.State = nil
		return
	}
	s.sourceFingerprint = s.Fingerprint()
	s.Config.Language = lang
	if tr.Title != "" {
		s.Config.Title = tr.Title
	} else {
		s.Config.TitleLang = view.Source
	}
	if tr.Tagline != "" {
		s.Config.Tagline = tr.Tagline
	} else if s.Config.Tagline != "" {
		s.Config.TaglineLang = view.Source
	}
	if tr.Terms != nil {
		s.Config.Terms = *tr.Terms
	}
	state := s.States(lang)
	view.State = state
	// use returns the translation of a unit, or nil when it is missing;
	// the unit is then shown in the source language, and says so (Lang).
	// A unit partly translated is shown wholly in the source language too,
	// unless perField: then each text untranslated is (see fieldLangs).
	units := map[string]Unit{}
	for _, u := range s.Units() {
		units[UnitKey(u.Kind, u.ID)] = u
	}
	use := func(kind, id string, lang *string, perField bool) *Translated {
		st := state[UnitKey(kind, id)]
		t := tr.Units[UnitKey(kind, id)]
		if st == TranslationMissing || (!perField && t != nil && len(t.Missing(units[UnitKey(kind, id)])) > 0) {
			*lang = view.Source
			return nil
		}
		return t
	}
	for _, r := range s.Results {
		r.FieldLang = fieldLangs(units[UnitKey("result", r.ID)], tr.Units[UnitKey("result", r.ID)], view.Source)
		r.Lang = r.FieldLang["title"]
		if t := use("result", r.ID, &r.Lang, true); t != nil {
			setString(&r.Title, t, "title")
			setString(&r.Statement, t, "statement")
			setText(&r.Summary, t, "summary")
		}
		for _, rec := range r.Recommendations {
			rec.FieldLang = fieldLangs(units[UnitKey("rec", rec.ID)], tr.Units[UnitKey("rec", rec.ID)], view.Source)
			rec.Lang = rec.FieldLang["text"]
			if t := use("rec", rec.ID, &rec.Lang, true); t != nil {
				setString(&rec.Text, t, "text")
				setText(&rec.Guidance, t, "guidance")
				for i := range rec.Indicators {
					setString(&rec.Indicators[i], t, IndicatorName(i))
				}
			}
		}
	}
	for _, p := range s.Pages {
		p.FieldLang = fieldLangs(units[UnitKey("page", p.ID)], tr.Units[UnitKey("page", p.ID)], view.Source)
		p.Lang = p.FieldLang["title"]
		if t := use("page", p.ID, &p.Lang, true); t != nil {
			setString(&p.Title, t, "title")
			setText(&p.Body, t, "body")
		}
	}
	for _, r := range s.Roles {
		if t := use("role", r.ID, &r.Lang, false); t != nil {
			setString(&r.Name, t, "name")
			setText(&r.Description, t, "description")
		}
	}
	for _, src := range s.Sources {
		if t := use("source", src.ID, &src.Lang, false); t != nil {
			setString(&src.Title, t, "title")
		}
	}
	for _, c := range s.Checklists {
		if t := use("checklist", c.Role.ID, &c.Lang, false); t != nil {
			setString(&c.Title, t, "title")
			setText(&c.Intro, t, "intro")
			for i := range c.Fields {
				f := &c.Fields[i]
				f.SourceLabel = f.Label
				setString(&f.Label, t, ChecklistFieldName(i))
			}
			for i := range c.Sections {
				sec := &c.Sections[i]
				setString(&sec.Title, t, ChecklistSectionName(i))
				for j := range sec.Items {
					it := &sec.Items[j]
					it.SourceText = it.Text
					setString(&it.Text, t, ChecklistItemName(i, j))
				}
			}
		}
	}
	for _, p := range s.Protocols {
		if t := use("protocol", p.ID, &p.Lang, false); t != nil {
			p.SourceBody = p.Body
			setString(&p.Title, t, "title")
			setString(&p.Summary, t, "summary")
			setText(&p.Body, t, "body")
		}
	}
}

// fieldLangs maps each text of the source unit u that t leaves
// untranslated (all of them when t is nil) to the source language.
func fieldLangs(u Unit, t *Translated, source string) map[string]string {
	out := map[string]string{}
	for _, f := range u.Fields {
		if t == nil {
			out[f.Name] = source
		} else if _, ok := t.Fields[f.Name]; !ok {
			out[f.Name] = source
		}
	}
	return out
}

func setString(dst *string, t *Translated, field string) {
	if v, ok := t.Fields[field]; ok {
		*dst = v.Value
	}
}

func setText(dst *Text, t *Translated, field string) {
	if v, ok := t.Fields[field]; ok {
		*dst = v
	}
}
