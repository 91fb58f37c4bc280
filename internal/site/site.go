// Package site holds riskguide's content model: the typed values that the
// loader produces from a source tree and that every later phase reads.
// The interface strings are package i18n's.
//
// A Site never changes after loading. Each entity carries the position it was
// read from, so that a problem found in any later phase can be reported as
// file:line:col.
package site

import (
	"regexp"
)

// SchemaVersion is the version of the content schema this package models.
const SchemaVersion = 1

// IDPattern is the form every identifier must take. Ids appear in URLs and in
// saved self-assessments, so they are never derived from titles.
var IDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Site is a whole guidance site: configuration and every piece of content.
type Site struct {
	Config Config
	// Scale is the self-assessment's scale (content/assessment.yaml).
	Scale      Scale
	Roles      []*Role
	Sources    []*Source
	Results    []*ExpectedResult
	Checklists []*Checklist
	Protocols  []*Protocol
	Pages      []*Page
	// Translations are the texts of each language other than the source,
	// by language (translations/<lang>/).
	Translations map[string]*Translation
	// Languages is set on the site of each language of a site published in
	// several; nil otherwise.
	Languages *LanguageView
	// sourceFingerprint is the source language's Fingerprint, kept by
	// Translate.
	sourceFingerprint string

	// byKind holds the entries of each kind by id, built by Index.
	byKind map[string]map[string]Entry
}

// Config is content/site.yaml.
type Config struct {
	Pos     Pos
	Title   string
	Tagline string
	// TitleLang and TaglineLang are the source language when the site is
	// a translation whose site.yaml leaves the title or the tagline
	// untranslated (see Role.Lang).
	TitleLang, TaglineLang string
	Language               string
	Publisher              string
	PublisherPos           Pos // where publisher: was written, for the placeholder warning
	// Disclaimer is a line the home page and the print edition show under
	// the title, such as who does not endorse this copy; empty for none.
	Disclaimer string
	// Quotes is the source that the statements of the expected results and
	// the texts of the recommendations are quoted from; when set, pages
	// mark those texts as quotations and name the source.
	Quotes     Ref
	Logo       string // path inside the source tree
	Version    string
	Published  string // YYYY-MM-DD
	ReviewBy   string // YYYY-MM-DD
	PrettyURLs bool
	RawHTML    bool
	// Accent is the site colour as #rrggbb; empty means the default theme.
	Accent Text
	// Paper is the sheet size printed pages ask for: PaperA4 (the default)
	// or PaperLetter.
	Paper string
	// QuickExit, when its URL is set, puts an "Exit this page" button on
	// every page.
	QuickExit QuickExit
	// Terms are the site's words for its concepts (see Terms).
	Terms Terms
	// Languages are the languages the site is published in, the source
	// language (Language) first; empty for a site in one language.
	Languages []string
}

// QuickExit is the quick_exit setting: where the button leads, and its
// label ("" for the interface string).
type QuickExit struct {
	URL   string
	Label string
}

// The paper sizes a site can print on.
const (
	PaperA4     = "a4"
	PaperLetter = "letter"
)

// Text is a string read from a file together with where it starts, so that
// positions inside it (for example of a link in Markdown) can be reported
// against the file.
type Text struct {
	Value string
	Pos   Pos
	// Block is true for a YAML literal block scalar or a Markdown body, whose
	// lines map one to one onto lines of the file.
	Block bool
	// Indent is the number of columns the lines of a block are indented by in
	// the file.
	Indent int
}

// PosAt returns the file position of byte offset off inside t.Value.
func (t Text) PosAt(off int) Pos {
	off = min(max(off, 0), len(t.Value))
	line, col := 0, 0
	for _, c := range []byte(t.Value[:off]) {
		if c == '\n' {
			line++
			col = 0
			continue
		}
		col++
	}
	p := t.Pos
	switch {
	case t.Block:
		p.Line += line
		p.Col = t.Indent + col + 1
	case line == 0:
		p.Col += col
	}
	// A flow scalar that spans lines is reported at its first line.
	return p
}

// Role is one entry of content/roles.yaml.
type Role struct {
	Pos         Pos
	ID          string
	Name        string
	Description Text // Markdown
	// Lang is the source language when the site is a translation (see
	// Site.Translate) and this text is shown untranslated, and "" otherwise:
	// the lang attribute of wherever the text appears.
	Lang string
}

// Source is one entry of content/sources.yaml.
type Source struct {
	Pos       Pos
	ID        string
	Title     string
	Publisher string
	Year      int
	URL       string
	Lang      string // the source language when shown untranslated (see Role.Lang)
}

// ExpectedResult is one file of content/expected-results/.
type ExpectedResult struct {
	Pos             Pos
	ID              string
	Number          int // 1-based, in file-name order; for display only
	Title           string
	Statement       string
	Summary         Text // Markdown
	Recommendations []*Recommendation
	// Lang is the source language when the title is shown untranslated
	// (see Role.Lang); FieldLang, the same for each text by name (see
	// LangOf), as a partly translated result shows some texts translated.
	Lang      string
	FieldLang map[string]string
}

// LangOf is the lang attribute of the result's text named field (title,
// statement, summary): the source language when it is shown untranslated.
func (r *ExpectedResult) LangOf(field string) string { return r.FieldLang[field] }

// Recommendation is one recommendation of an expected result.
type Recommendation struct {
	Pos        Pos
	ID         string
	Result     *ExpectedResult
	Number     int    // 1-based within its result
	Label      string // the display number, such as "4.2"
	Text       string
	Roles      []Ref
	Guidance   Text // Markdown
	Indicators []string
	Evidence   []Evidence
	// Note is an editorial note on the quoted Text, such as a correction
	// of the original, shown under the quotation; empty for none.
	Note string
	// Lang is the source language when the text is shown untranslated (see
	// Role.Lang); FieldLang, the same for each text by name (see LangOf).
	Lang      string
	FieldLang map[string]string
}

// LangOf is the lang attribute of the recommendation's text named field
// (text, guidance, indicator.N): the source language when it is shown
// untranslated.
func (r *Recommendation) LangOf(field string) string { return r.FieldLang[field] }

// IndicatorLang is LangOf the Nth indicator, counted from 0.
func (r *Recommendation) IndicatorLang(i int) string { return r.FieldLang[IndicatorName(i)] }

// Ref is an id that refers to another entity, with where it was written.
type Ref struct {
	ID  string
	Pos Pos
}

// Evidence is one citation of a recommendation.
type Evidence struct {
	Source  Ref
	Locator string
}

// Checklist is one file of checklists/.
type Checklist struct {
	Pos   Pos
	Role  Ref
	Title string
	Intro Text // Markdown
	// Fields are the header fields a user fills in on the sheet, such as
	// name, staff number, date and incident reference.
	Fields   []ChecklistField
	Sections []ChecklistSection
	Lang     string // the source language when shown untranslated (see Role.Lang)
}

// ChecklistField is one header field of a checklist: a label over a box to
// write in.
type ChecklistField struct {
	Pos   Pos
	Label string
	// SourceLabel is the source language's label when Label is a
	// translation: the browser keeps what is typed under an id made from
	// it, so that the same entry shows in every language.
	SourceLabel string
}

// ChecklistSection is a titled group of checklist items.
type ChecklistSection struct {
	Title string
	Items []ChecklistItem
}

// ChecklistItem is one checkable action.
type ChecklistItem struct {
	Pos  Pos
	Text string
	// SourceText is the source language's text when Text is a
	// translation: the browser keeps the tick under a key made from it,
	// so that a tick shows in every language.
	SourceText      string
	Recommendations []Ref
}

// Protocol is one Markdown template of content/protocols/.
type Protocol struct {
	Pos             Pos
	ID              string // the file's slug
	Title           string
	Summary         string
	Recommendations []Ref
	Roles           []Ref
	Body            Text // Markdown with [[fields]]
	// SourceBody is the source language's body when Body is a
	// translation: the browser keeps each field under an id made from the
	// source's label of the field in the same place, so that what is typed
	// shows in every language.
	SourceBody Text
	Lang       string // the source language when shown untranslated (see Role.Lang)
}

// Page is one free Markdown page of content/pages/.
type Page struct {
	Pos    Pos
	ID     string // the file's slug
	Title  string
	Weight int
	Body   Text
	// Lang is the source language when the title is shown untranslated
	// (see Role.Lang); FieldLang, the same for the title and the body (see
	// LangOf), as a page translated in part shows its translated text.
	Lang      string
	FieldLang map[string]string
}

// LangOf is the lang attribute of the page's text named field (title,
// body): the source language when it is shown untranslated.
func (p *Page) LangOf(field string) string { return p.FieldLang[field] }
