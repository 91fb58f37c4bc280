package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/site"
)

// Input is one export file: its name, for messages and the report, and its
// bytes.
type Input struct {
	Name string
	Data []byte
}

// Strings are the interface strings a report is written in, with the
// site's terms written in: i18n.Messages of the report's language.
type Strings interface {
	// Lookup returns the string for key, or key itself when none has it.
	Lookup(key string) string
	// Format returns the string for key, in the plural form of its first
	// argument when that is a count, with the arguments filled in.
	Format(key string, args ...any) (string, error)
	// Date writes a YYYY-MM-DD date as the language does.
	Date(iso string) string
}

// Options are the choices of a report.
type Options struct {
	// Strings are the interface strings of the report's language, Lang
	// (a BCP 47 tag, for the pages' lang).
	Strings Strings
	Lang    string
	// Drafts includes assessments not yet signed off. Without it only
	// final assessments are reported on, and the drafts given are listed in
	// DraftsLeftOut.
	Drafts bool
	// Editions are the guidance's recorded editions (nil for none): an
	// answer given under an edition whose quoted text differs from the
	// guidance's is marked and not compared (see editions.go).
	Editions *edition.Set
}

// Report is the self-assessments of several organisations, over one or
// more periods each, set against one guidance.
type Report struct {
	Title       string // the guidance's title
	TitleLang   string // its language, when it is left untranslated
	Version     string // the guidance's version
	Fingerprint string
	// Terms are the guidance's words for its concepts, which the report's
	// headings use.
	Terms site.Terms
	// Scale is the guidance's self-assessment scale; every export reported
	// on is on it.
	Scale site.Scale
	// Generated is the day the report was made, YYYY-MM-DD, or "" to leave
	// it out. The caller sets it, so that output can be reproduced.
	Generated string
	// Forces are every assessment reported on, by organisation and then by
	// period.
	Forces        []*Force
	Organisations []*Organisation
	// Columns are the assessments compared side by side: the latest of
	// each organisation, so that each organisation counts once.
	Columns []*Force
	Results []*ResultRow
	Overall ScoreRow // every recommendation
	// Coverage is the score of each column on the recommendations citing
	// each article of each legal instrument.
	Coverage []CoverageGroup
	// Unknown lists answers for recommendations the guidance does not
	// have, assessment by assessment.
	Unknown []UnknownAnswer
	// Duplicates are files that held an assessment already given in
	// another file; only one of them is reported.
	Duplicates []Duplicate
	// Drafts is true when drafts are reported on (Options.Drafts); each is
	// then marked as one wherever it is named.
	Drafts bool
	// DraftsLeftOut are the drafts given when Options.Drafts is false.
	DraftsLeftOut []*Force
	// Lang is the language the report is written in, and strings its
	// words.
	Lang    string
	strings Strings
	// MixedEditions is true when some answers were given under another
	// edition than Version; each column then says which (Force.EditionNote).
	// NotCompared counts the answers to another text than the guidance's.
	MixedEditions bool
	NotCompared   int
	eds           *editions
}

// Force is one valid export: one organisation's assessment of one period.
type Force struct {
	File   string
	Name   string // organisation and unit, or the assessment's name
	Export *Export
	// Org is the organisation it belongs to; Period is its period as shown
	// (the period, else the assessment's name).
	Org    *Organisation
	Period string
	// OtherGuidance is true when the export names another guidance text
	// than the one reported against (its fingerprint differs).
	OtherGuidance bool
	Unknown       int
	// Overall is its score over every recommendation.
	Overall Score
	// Recs are its answers in guidance order, for its organisation's page.
	Recs []RecAnswer
	// Editions are the editions its answers were given under, oldest
	// first; EditionNote says so when the report's columns differ in that.
	Editions    []string
	EditionNote string
	// changed holds, by recommendation id, the edition of each answer to
	// another quoted text than the guidance's.
	changed map[string]string
}

// Label is the assessment's period, with its unit when it has one, as the
// report's headings name it.
func (f *Force) Label() string {
	if u := f.Export.Assessment.Unit; u != "" && f.Export.Assessment.Organisation != "" {
		return f.Period + " (" + u + ")"
	}
	return f.Period
}

// Anchor is the id of the assessment's section on its organisation's page.
func (f *Force) Anchor() string {
	for i, g := range f.Org.Assessments {
		if g == f {
			return fmt.Sprintf("period-%d", i+1)
		}
	}
	return "period"
}

// Trends lists the organisations with more than one assessment.
func (r *Report) Trends() []*Organisation {
	var out []*Organisation
	for _, o := range r.Organisations {
		if len(o.Assessments) > 1 {
			out = append(out, o)
		}
	}
	return out
}

// when shows an RFC 3339 time as a reader expects it: date and time in
// UTC, "2026-03-01 09:00 UTC".
func when(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04") + " UTC"
}

// RecAnswer is one recommendation with one assessment's answer.
type RecAnswer struct {
	Rec    *site.Recommendation
	Answer Answer
	Cell   Cell
}

// Organisation is every assessment of one organisation (exports with the
// same organisation field), in period order, with the change of its scores
// from period to period.
type Organisation struct {
	Name string
	Page string // its page, org-<slug>.html
	// Index is its place in the report, from 1, which names its printed
	// pages in report.css (org-<index>).
	Index       int
	Assessments []*Force
	Latest      *Force
	// Trend has a row per expected result and one for all
	// recommendations, with a score per assessment.
	Trend []TrendRow
	// Recs has a row per recommendation with a cell per assessment.
	Recs []RecRow
}

// TrendRow is one line of an organisation's scores over its periods.
type TrendRow struct {
	Label  string
	Lang   string // the language of Label when it is not the report's
	Total  bool
	Scores []Score
	// Change is the difference between the last two periods with a
	// score, in words ("up 0.5"), or "" when there are not two.
	Change string
}

// Duplicate is a file left out because another file held the same
// assessment (the same assessment id).
type Duplicate struct {
	ID, Kept, Dropped string
	// Reason is why Kept was kept: "later" (it changed later) or
	// "first" (it was given first).
	Reason string
}

func (d Duplicate) String() string {
	reason := "it changed later"
	if d.Reason == "first" {
		reason = "it was given first"
	}
	return fmt.Sprintf("%s: the same assessment (id %s) as %s; only %s is reported (%s)", Printable(d.Dropped), d.ID, Printable(d.Kept), Printable(d.Kept), reason)
}

// CoverageGroup is one legal instrument with a row per cited article.
type CoverageGroup struct {
	Source *site.Source
	Rows   []CoverageRow
}

// CoverageRow is one article: the recommendations serving it, and each
// column's score on them.
type CoverageRow struct {
	site.Article
	ScoreRow
}

// ResultRow is an expected result with its recommendations' cells and its
// score per column.
type ResultRow struct {
	Result *site.ExpectedResult
	Recs   []RecRow
	ScoreRow
}

// ScoreRow holds a score per column and their average.
type ScoreRow struct {
	Scores  []Score // one per column
	Average Score   // the average of the columns' scores
}

// RecRow is a recommendation with one cell per column.
type RecRow struct {
	Rec   *site.Recommendation
	Cells []Cell
}

// Cell is one assessment's answer to one recommendation.
type Cell struct {
	Status string // "" when not answered
	Label  string
	Points int
	Scored bool
	// Changed marks an answer to another quoted text than the guidance's,
	// not compared nor scored; Note says under which edition it was given.
	Changed bool
	Note    string
}

// Score is an average of points on the 0 to 4 scale, over N answers.
type Score struct {
	Value float64
	N     int
}

// Valid reports whether there was anything to average.
func (s Score) Valid() bool { return s.N > 0 }

// String shows the score with one decimal, or a dash.
func (s Score) String() string {
	if !s.Valid() {
		return "–"
	}
	return fmt.Sprintf("%.1f", s.Value)
}

// UnknownAnswer is an answer for a recommendation id the guidance lacks.
type UnknownAnswer struct {
	Force  *Force
	ID     string
	Answer Answer
}

// Invalid is an input that is not a valid export.
type Invalid struct {
	File string
	Err  error
}

func (i Invalid) Error() string { return Printable(i.File) + ": " + i.Err.Error() }

// Build parses every input and sets the valid ones against the guidance s.
// It returns the report of the valid inputs and the invalid ones. Of
// several files with the same assessment id, the one changed last is kept
// (the first given, if they changed at the same time). Drafts are left out
// unless o.Drafts is set.
func Build(s *site.Site, inputs []Input, o Options) (*Report, []Invalid) {
	r := &Report{Title: s.Config.Title, TitleLang: s.Config.TitleLang, Version: s.Config.Version, Fingerprint: s.Fingerprint(), Terms: s.Config.Terms, Scale: s.Scale, Drafts: o.Drafts, Lang: o.Lang, strings: o.Strings}
	if r.Lang == "" {
		r.Lang = s.Config.Language
	}
	if len(r.Scale.Levels) == 0 {
		r.Scale = site.DefaultScale()
	}
	r.eds = newEditions(s, o.Editions)
	var bad []Invalid
	var forces []*Force
	byID := map[string]int{}
	for _, in := range inputs {
		e, err := Read(in.Name, in.Data)
		if err != nil {
			bad = append(bad, Invalid{File: in.Name, Err: err})
			continue
		}
		if want := r.Scale.String(); e.Guidance.Scale != want {
			bad = append(bad, Invalid{File: in.Name, Err: &Error{Msg: fmt.Sprintf(
				"was assessed on another scale (%s) than this guidance's (%s); its answers cannot be scored on this one, so it is left out. Report on it with the guidance it was made against",
				Printable(e.Guidance.Scale), want)}})
			continue
		}
		f := &Force{File: in.Name, Export: e, Name: forceName(e), OtherGuidance: e.Guidance.Fingerprint != r.Fingerprint}
		i, seen := byID[e.Assessment.ID]
		if !seen {
			byID[e.Assessment.ID] = len(forces)
			forces = append(forces, f)
			continue
		}
		old := forces[i]
		if later(e.Assessment.Updated, old.Export.Assessment.Updated) {
			forces[i] = f
			r.Duplicates = append(r.Duplicates, Duplicate{ID: e.Assessment.ID, Kept: f.File, Dropped: old.File, Reason: "later"})
		} else {
			reason := "later"
			if !later(old.Export.Assessment.Updated, e.Assessment.Updated) {
				reason = "first"
			}
			r.Duplicates = append(r.Duplicates, Duplicate{ID: e.Assessment.ID, Kept: old.File, Dropped: f.File, Reason: reason})
		}
	}
	if !o.Drafts {
		finals := forces[:0:0]
		for _, f := range forces {
			if f.Export.Assessment.Final {
				finals = append(finals, f)
			} else {
				r.DraftsLeftOut = append(r.DraftsLeftOut, f)
			}
		}
		forces = finals
	}
	r.group(forces)
	for _, f := range r.Forces {
		r.settleForce(f)
	}
	r.markEditions()

	var all []*site.Recommendation
	for _, res := range s.Results {
		row := &ResultRow{Result: res}
		for _, rec := range res.Recommendations {
			row.Recs = append(row.Recs, r.recRow(rec, r.Columns))
		}
		row.ScoreRow = r.scores(res.Recommendations, r.Columns)
		all = append(all, res.Recommendations...)
		r.Results = append(r.Results, row)
	}
	r.Overall = r.scores(all, r.Columns)
	for _, in := range s.Instruments() {
		g := CoverageGroup{Source: in.Source}
		for _, a := range in.Articles {
			g.Rows = append(g.Rows, CoverageRow{Article: a, ScoreRow: r.scores(a.Recs, r.Columns)})
		}
		r.Coverage = append(r.Coverage, g)
	}
	for _, f := range r.Forces {
		f.Overall = r.score(all, f)
		for _, rec := range all {
			a := f.Export.Answers[rec.ID]
			f.Recs = append(f.Recs, RecAnswer{Rec: rec, Answer: a, Cell: r.cellOf(f, rec.ID)})
		}
		for _, id := range slices.Sorted(maps.Keys(f.Export.Answers)) {
			a := f.Export.Answers[id]
			if s.Recommendation(id) == nil && !a.Empty() {
				r.Unknown = append(r.Unknown, UnknownAnswer{Force: f, ID: id, Answer: a})
				f.Unknown++
			}
		}
	}
	for _, o := range r.Organisations {
		for _, res := range s.Results {
			row := r.trendRow(fmt.Sprintf("%d. %s", res.Number, res.Title), false, res.Recommendations, o.Assessments)
			row.Lang = res.Lang
			o.Trend = append(o.Trend, row)
		}
		o.Trend = append(o.Trend, r.trendRow(r.tr("report.all"), true, all, o.Assessments))
		for _, rec := range all {
			o.Recs = append(o.Recs, r.recRow(rec, o.Assessments))
		}
	}
	return r, bad
}

// later reports whether RFC 3339 time a is after b.
func later(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && errB == nil && ta.After(tb)
}

// group sorts the assessments into organisations, by name (ignoring case),
// and each organisation's assessments by period, unit and time of change.
// An export without an organisation is one of its own, under its name.
func (r *Report) group(forces []*Force) {
	byKey := map[string]*Organisation{}
	for _, f := range forces {
		name := strings.TrimSpace(f.Export.Assessment.Organisation)
		if name == "" {
			name = f.Name
		}
		key := strings.ToLower(name)
		o := byKey[key]
		if o == nil {
			o = &Organisation{Name: name}
			byKey[key] = o
			r.Organisations = append(r.Organisations, o)
		}
		f.Org = o
		f.Period = f.Export.Assessment.Period
		if f.Period == "" {
			f.Period = f.Export.Assessment.Name
		}
		o.Assessments = append(o.Assessments, f)
	}
	lower := make(map[*Organisation]string, len(r.Organisations))
	for _, o := range r.Organisations {
		lower[o] = strings.ToLower(o.Name)
	}
	sort.SliceStable(r.Organisations, func(i, j int) bool {
		return lower[r.Organisations[i]] < lower[r.Organisations[j]]
	})
	// Names that share a slug are numbered from 2; next remembers each
	// slug's next number, so that naming n organisations of one slug takes
	// n steps rather than n²/2.
	pages := map[string]bool{}
	next := map[string]int{}
	for i, o := range r.Organisations {
		o.Index = i + 1
		sort.SliceStable(o.Assessments, func(i, j int) bool {
			a, b := o.Assessments[i].Export.Assessment, o.Assessments[j].Export.Assessment
			if a.Period != b.Period {
				return a.Period < b.Period
			}
			if a.Unit != b.Unit {
				return a.Unit < b.Unit
			}
			return later(b.Updated, a.Updated)
		})
		o.Latest = o.Assessments[len(o.Assessments)-1]
		r.Columns = append(r.Columns, o.Latest)
		r.Forces = append(r.Forces, o.Assessments...)
		base := "org-" + slug(o.Name)
		o.Page = base + ".html"
		for pages[o.Page] {
			n := max(next[base], 2)
			next[base] = n + 1
			o.Page = fmt.Sprintf("%s-%d.html", base, n)
		}
		pages[o.Page] = true
	}
}

// slug makes a file name part from a name: lower-case ASCII letters and
// digits joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "organisation"
	}
	return b.String()
}

func (r *Report) recRow(rec *site.Recommendation, forces []*Force) RecRow {
	rr := RecRow{Rec: rec}
	for _, f := range forces {
		rr.Cells = append(rr.Cells, r.cellOf(f, rec.ID))
	}
	return rr
}

func (r *Report) trendRow(label string, total bool, recs []*site.Recommendation, forces []*Force) TrendRow {
	t := TrendRow{Label: label, Total: total}
	var valid []Score
	for _, f := range forces {
		s := r.score(recs, f)
		t.Scores = append(t.Scores, s)
		if s.Valid() {
			valid = append(valid, s)
		}
	}
	if n := len(valid); n >= 2 {
		// The change between the scores as shown, so that the figures add up.
		d := (math.Round(valid[n-1].Value*10) - math.Round(valid[n-2].Value*10)) / 10
		switch {
		case d > 0:
			t.Change = r.tr("report.change.up", r.num(Score{Value: d, N: 1}))
		case d < 0:
			t.Change = r.tr("report.change.down", r.num(Score{Value: -d, N: 1}))
		default:
			t.Change = r.tr("report.change.none")
		}
	}
	return t
}

func forceName(e *Export) string {
	a := e.Assessment
	switch {
	case a.Organisation != "" && a.Unit != "":
		return a.Organisation + ", " + a.Unit
	case a.Organisation != "":
		return a.Organisation
	}
	return a.Name
}

func (r *Report) cell(a Answer) Cell {
	c := Cell{Status: a.Status, Label: r.label(a.Status)}
	if c.Label == "" {
		c.Label = r.tr("assessment.js.summary.unanswered")
	}
	c.Points, c.Scored = r.points(a.Status)
	return c
}

// label is a status as the report names it.
func (r *Report) label(status string) string {
	if status == "" {
		return ""
	}
	if lv := r.Scale.Level(status); lv != nil {
		return lv.ShownLabel(func(key string) string { return r.tr(key) })
	}
	return r.tr(site.LabelKey(status))
}

// points is the score of a status, and whether it has one.
func (r *Report) points(status string) (int, bool) {
	if lv := r.Scale.Level(status); lv != nil && lv.Scored {
		return lv.Score, true
	}
	return 0, false
}

// statusClass is the class of a status's colour: its own for the built-in
// scale, its colour family's for a declared one.
func (r *Report) statusClass(status string) string {
	lv := r.Scale.Level(status)
	switch {
	case lv == nil:
		return "st-none"
	case r.Scale.Declared:
		return "st-tone-" + lv.Colour
	}
	return "st-" + status
}

// ScaleText says how each level scores: "0 for not started, 1 planned,
// ...", or for a declared scale "Pass 1, Fail 0".
func (r *Report) ScaleText() string {
	if !r.Scale.Declared {
		return r.tr("report.scoring.default")
	}
	var parts []string
	for _, lv := range r.Scale.Levels {
		if lv.Scored {
			parts = append(parts, fmt.Sprintf("%s %d", r.label(lv.ID), lv.Score))
		}
	}
	return strings.Join(parts, ", ")
}

// score averages one assessment's points over some recommendations,
// leaving out unanswered and not applicable ones.
func (r *Report) score(recs []*site.Recommendation, f *Force) Score {
	var s Score
	total := 0
	for _, rec := range recs {
		if !f.comparable(rec.ID) {
			continue
		}
		if p, ok := r.points(f.Export.Answers[rec.ID].Status); ok {
			total += p
			s.N++
		}
	}
	if s.N > 0 {
		s.Value = float64(total) / float64(s.N)
	}
	return s
}

// scores scores each column over the recommendations and averages the
// columns that have a score.
func (r *Report) scores(recs []*site.Recommendation, columns []*Force) ScoreRow {
	var row ScoreRow
	var sum float64
	for _, f := range columns {
		s := r.score(recs, f)
		if s.Valid() {
			sum += s.Value
			row.Average.N++
		}
		row.Scores = append(row.Scores, s)
	}
	if row.Average.N > 0 {
		row.Average.Value = sum / float64(row.Average.N)
	}
	return row
}

//go:embed report.html org.html report.css
var files embed.FS

// funcs are the templates' helpers, bound to one report: its scale, its
// words and its language. The templates are parsed once with the helpers
// of no report (only their names matter then) and each report binds its
// own on a clone (Files).
func (r *Report) funcs() template.FuncMap {
	return template.FuncMap{
		"when":        when,
		"add":         func(a, b int) int { return a + b },
		"barY":        func(i int) int { return 14 + i*34 },
		"textY":       func(i int) int { return 14 + i*34 + 18 },
		"chartHeight": func(n int) int { return 14 + n*34 + 30 },
		"short": func(s string, n int) string {
			r := []rune(s)
			if len(r) <= n {
				return s
			}
			return strings.TrimSpace(string(r[:n-1])) + "…"
		},
		"t":   r.tOrError,
		"num": r.num,
		// inLang marks a text of the guidance left in the source
		// language (its Lang, see site.Role.Lang) with that language.
		"inLang": func(lang, text string) template.HTML {
			if lang == "" || lang == r.Lang {
				return template.HTML(template.HTMLEscapeString(text))
			}
			return template.HTML(`<span lang="` + template.HTMLEscapeString(lang) + `">` + template.HTMLEscapeString(text) + `</span>`)
		},
		"th":   r.th,
		"date": func(iso string) string { return r.strings.Date(iso) },
		"lang": func() string { return r.Lang },
		"file": func(name string) template.HTML {
			return `<span class="file">` + breakable(name) + `</span>`
		},
		"code": func(s string) template.HTML {
			return template.HTML("<code>" + template.HTMLEscapeString(s) + "</code>")
		},
		"csvLink":     func() template.HTML { return `<a href="report.csv">report.csv</a>` },
		"statusClass": r.statusClass,
		"label":       r.label,
		"statuses": func() []string {
			var ids []string
			for _, lv := range r.Scale.Levels {
				ids = append(ids, lv.ID)
			}
			return ids
		},
		"points": func(s string) string {
			if p, ok := r.points(s); ok {
				return fmt.Sprint(p)
			}
			return "–"
		},
		"maxScore": func() int { return r.Scale.Max() },
		// The chart is 400 units wide from 0 to the scale's maximum.
		"bar":       func(s Score) string { return fmt.Sprintf("%.1f", s.Value*400/float64(max(r.Scale.Max(), 1))) },
		"ticks":     r.ticks,
		"breakable": breakable,
	}
}

// breakable writes a file name with a chance to wrap after each / \ _ and
// . in it, so that a long path wraps between its parts rather than in the
// middle of a word (hyphens and spaces are chances already).
func breakable(s string) template.HTML {
	var b strings.Builder
	start := 0
	for i, c := range s {
		if strings.ContainsRune(`/\_.`, c) {
			b.WriteString(template.HTMLEscapeString(s[start : i+1]))
			b.WriteString("<wbr>")
			start = i + 1
		}
	}
	b.WriteString(template.HTMLEscapeString(s[start:]))
	return template.HTML(b.String())
}

// printCSS is the part of report.css that names the report on paper: a
// running head on every page (the organisation's name on its own pages)
// and "Page x of y" at the foot. The head is each page's text, so it is
// written here, as CSS strings, one named page per organisation.
func (r *Report) printCSS() []byte {
	var b strings.Builder
	margin := `font-size: 8pt; font-family: system-ui, "Liberation Sans", Arial, sans-serif; color: #333;`
	foot := cssString(r.tr("report.page")+" ") + " counter(page) " + cssString(" "+r.tr("report.page.of")+" ") + " counter(pages)"
	head := r.tr("report.title") + " · " + r.Title
	if r.Generated != "" {
		head += " · " + r.strings.Date(r.Generated)
	}
	fmt.Fprintf(&b, "\n/* Written by riskguide report for this report's pages. */\n@page {\n  @top-left { content: %s; %s }\n  @bottom-right { content: %s; %s }\n}\n", cssString(head), margin, foot, margin)
	for i, o := range r.Organisations {
		fmt.Fprintf(&b, "body.org-%d { page: org-%d; }\n@page org-%d {\n  @top-left { content: %s; %s }\n  @bottom-right { content: %s; %s }\n}\n",
			i+1, i+1, i+1, cssString(o.Name+" · "+head), margin, foot, margin)
	}
	return []byte(b.String())
}

// cssString quotes s as a CSS string: quotes and backslashes escaped, and
// every character that is not printable as a hexadecimal escape, so that a
// name cannot end the string or the rule.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < 0x20 || c == 0x7f || !unicode.IsPrint(c) && c != ' ':
			fmt.Fprintf(&b, "\\%x ", c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Tick is a mark on the chart's axis: its x and its score.
type Tick struct {
	X     int
	Score int
}

// ticks are the chart's axis marks: each whole score from 0 to the
// scale's maximum, at most ten steps.
func (r *Report) ticks() []Tick {
	hi := max(r.Scale.Max(), 1)
	step := (hi + 9) / 10
	var out []Tick
	for v := 0; v <= hi; v += step {
		out = append(out, Tick{X: 300 + v*400/hi, Score: v})
	}
	return out
}

// pages are report.html and org.html, which uses report.html's templates.
var pages = template.Must(template.New("report.html").Funcs((*Report)(nil).funcs()).ParseFS(files, "report.html", "org.html"))

// Files renders the report: index.html, a page per organisation
// (org-<slug>.html), their stylesheet report.css, and report.csv.
func (r *Report) Files() (map[string][]byte, error) {
	pages, err := pages.Clone()
	if err != nil {
		return nil, err
	}
	pages.Funcs(r.funcs())
	var html bytes.Buffer
	if err := pages.ExecuteTemplate(&html, "report.html", r); err != nil {
		return nil, err
	}
	css, err := files.ReadFile("report.css")
	if err != nil {
		return nil, err
	}
	css = append(css, r.printCSS()...)
	out := map[string][]byte{"index.html": html.Bytes(), "report.css": css, "report.csv": r.CSV()}
	for _, o := range r.Organisations {
		var b bytes.Buffer
		if err := pages.ExecuteTemplate(&b, "org.html", struct {
			Report *Report
			Org    *Organisation
		}{r, o}); err != nil {
			return nil, err
		}
		out[o.Page] = b.Bytes()
	}
	return out, nil
}

// CSV writes one row per force and recommendation, then one per answer
// for an unknown recommendation: UTF-8 with a byte order mark, CRLF line
// ends, every value quoted, and values that a spreadsheet would take for a
// formula prefixed with an apostrophe.
func (r *Report) CSV() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	row := func(cells ...string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(csvCell(c))
		}
		b.WriteString("\r\n")
	}
	var head []string
	for _, k := range []string{"report.col.file", "assessment.js.csv.organisation", "assessment.js.csv.unit", "assessment.js.csv.period",
		"report.col.assessment", "report.col.state", "report.col.approvedby", "report.col.approverrole", "report.col.approvedon",
		"report.col.guidanceversion", "assessment.js.csv.result", "assessment.js.csv.rec", "assessment.js.csv.id",
		"assessment.js.csv.status", "assessment.js.csv.status.value", "assessment.js.csv.points", "assessment.js.csv.evidence",
		"assessment.js.csv.gaps", "assessment.js.csv.owner", "assessment.js.csv.target", "assessment.js.csv.updated", "assessment.js.csv.note"} {
		head = append(head, r.tr(k))
	}
	row(head...)
	answer := func(f *Force, result, label, id, note string, a Answer) {
		e := f.Export
		score := ""
		if p, ok := r.points(a.Status); ok {
			score = fmt.Sprint(p)
		}
		state := r.tr("report.csv.draft")
		if e.Assessment.Final {
			state = r.tr("report.csv.final")
		}
		row(f.File, e.Assessment.Organisation, e.Assessment.Unit, e.Assessment.Period, e.Assessment.Name,
			state, e.Assessment.ApprovedBy, e.Assessment.ApproverRole, e.Assessment.ApprovedOn, e.Guidance.Version,
			result, label, id, r.label(a.Status), a.Status, score, a.Evidence, a.Gaps, a.Owner, a.TargetDate, a.Updated, note)
	}
	for _, f := range r.Forces {
		for _, res := range r.Results {
			for _, rr := range res.Recs {
				answer(f, fmt.Sprintf("%d %s", res.Result.Number, res.Result.Title), rr.Rec.Label, rr.Rec.ID, r.cellOf(f, rr.Rec.ID).Note, f.Export.Answers[rr.Rec.ID])
			}
		}
	}
	for _, u := range r.Unknown {
		answer(u.Force, "", "", u.ID, r.tr("report.csv.unknown"), u.Answer)
	}
	return b.Bytes()
}

// num writes a score with one decimal as the report's language writes
// numbers (report.decimal: "2.5", "2,5"), or a dash when there is none.
func (r *Report) num(s Score) string {
	v := s.String()
	if sep := r.tr("report.decimal"); s.Valid() && sep != "report.decimal" {
		v = strings.Replace(v, ".", sep, 1)
	}
	return v
}

// tr is the interface string key with args filled in. The report's own
// keys are checked by the tests in every language, so a missing one shows
// as its key rather than failing a report.
func (r *Report) tr(key string, args ...any) string {
	if r.strings == nil {
		return key
	}
	s, _ := r.strings.Format(key, args...)
	return s
}

// tOrError is tr for the templates, where a key no file has fails the
// page: a layout asking for a string that does not exist is a bug.
func (r *Report) tOrError(key string, args ...any) (string, error) {
	if r.strings == nil || r.strings.Lookup(key) == key {
		return "", fmt.Errorf("report: no interface string %q", key)
	}
	return r.tr(key, args...), nil
}

// th is tOrError for a string whose arguments are markup (template.HTML,
// written as it is) or text (escaped): the string itself is escaped
// before they are filled in.
func (r *Report) th(key string, args ...any) (template.HTML, error) {
	if r.strings == nil || r.strings.Lookup(key) == key {
		return "", fmt.Errorf("report: no interface string %q", key)
	}
	vals := make([]any, len(args))
	for i, a := range args {
		if h, ok := a.(template.HTML); ok {
			vals[i] = string(h)
		} else {
			vals[i] = template.HTMLEscapeString(fmt.Sprint(a))
		}
	}
	return template.HTML(fmt.Sprintf(template.HTMLEscapeString(r.strings.Lookup(key)), vals...)), nil
}

func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
