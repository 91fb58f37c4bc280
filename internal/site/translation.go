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

// Hash is the hash of an entry's source texts (see SourceHash).
func Hash(e Entry) string {
	var texts []string
	if e.Kind().hashNames {
		for _, f := range textFields(e) {
			texts = append(texts, f.Name, f.Value)
		}
		return SourceHash(texts...)
	}
	for _, f := range e.Texts() {
		texts = append(texts, f.Value())
	}
	return SourceHash(texts...)
}

// textFields are the texts of e that are not empty.
func textFields(e Entry) []Field {
	var out []Field
	for _, f := range e.Texts() {
		if v := f.Value(); strings.TrimSpace(v) != "" {
			out = append(out, Field{f.Name, v})
		}
	}
	return out
}

// IndicatorName names a recommendation's Nth indicator, counted from 0.
func IndicatorName(i int) string { return "indicator." + strconv.Itoa(i) }

// Names of a checklist's texts (see Checklist.Texts).
func ChecklistFieldName(i int) string   { return "field." + strconv.Itoa(i) }
func ChecklistSectionName(i int) string { return "section." + strconv.Itoa(i) }
func ChecklistItemName(i, j int) string { return "item." + strconv.Itoa(i) + "." + strconv.Itoa(j) }

// Units lists the translatable units of the site in order, with the hash
// of each one's source text.
func (s *Site) Units() []Unit {
	var out []Unit
	for _, e := range s.Entries() {
		out = append(out, Unit{Kind: e.Kind().Name, ID: e.Key(), Hash: Hash(e), Pos: e.At(), Fields: textFields(e)})
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
	units := map[string]Unit{}
	for _, u := range s.Units() {
		units[UnitKey(u.Kind, u.ID)] = u
	}
	for _, e := range s.Entries() {
		key := UnitKey(e.Kind().Name, e.Key())
		t := tr.Units[key]
		lang, fieldLang := e.langs()
		if e.Kind().PerText {
			// Each text untranslated says so (see fieldLangs).
			*fieldLang = fieldLangs(units[key], t, view.Source)
			*lang = (*fieldLang)[e.Texts()[0].Name]
		}
		// A unit missing is shown in the source language, and says so
		// (Lang); one partly translated is too, unless PerText.
		if state[key] == TranslationMissing || (!e.Kind().PerText && t != nil && len(t.Missing(units[key])) > 0) {
			*lang = view.Source
			continue
		}
		if k, ok := e.(sourceKeeper); ok {
			k.keepSource()
		}
		for _, f := range e.Texts() {
			if v, ok := t.Fields[f.Name]; ok {
				f.set(v)
			}
		}
	}
}

// sourceKeeper is an entry that keeps its source's texts when translated,
// as the browser keeps what is typed into it under keys made from them.
type sourceKeeper interface{ keepSource() }

func (c *Checklist) keepSource() {
	for i := range c.Fields {
		c.Fields[i].SourceLabel = c.Fields[i].Label
	}
	for i := range c.Sections {
		for j := range c.Sections[i].Items {
			it := &c.Sections[i].Items[j]
			it.SourceText = it.Text
		}
	}
}

func (p *Protocol) keepSource() { p.SourceBody = p.Body }

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
