package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Input is one export file: its name, for messages and the report, and its
// bytes.
type Input struct {
	Name string
	Data []byte
}

// Report is many forces' self-assessments set against one guidance.
type Report struct {
	Title       string // the guidance's title
	Version     string // the guidance's version
	Fingerprint string
	Forces      []*Force
	Results     []*ResultRow
	Overall     ScoreRow // every recommendation
	// Unknown lists answers for recommendations the guidance does not
	// have, force by force.
	Unknown []UnknownAnswer
}

// Force is one valid export.
type Force struct {
	File   string
	Name   string // organisation and unit, or the assessment's name
	Export *Export
	// OtherGuidance is true when the export names another guidance text
	// than the one reported against (its fingerprint differs).
	OtherGuidance bool
	Unknown       int
}

// ResultRow is an expected result with its recommendations' cells and its
// score per force.
type ResultRow struct {
	Result *site.ExpectedResult
	Recs   []RecRow
	ScoreRow
}

// ScoreRow holds a score per force and their average.
type ScoreRow struct {
	Scores  []Score // one per force
	Average Score   // the average of the forces' scores
}

// RecRow is a recommendation with one cell per force.
type RecRow struct {
	Rec   *site.Recommendation
	Cells []Cell
}

// Cell is one force's answer to one recommendation.
type Cell struct {
	Status string // "" when not answered
	Label  string
	Points int
	Scored bool
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

func (i Invalid) Error() string { return i.File + ": " + i.Err.Error() }

// Build parses every input and sets the valid ones against the guidance s.
// It returns the report of the valid inputs and the invalid ones.
func Build(s *site.Site, inputs []Input) (*Report, []Invalid) {
	r := &Report{Title: s.Config.Title, Version: s.Config.Version, Fingerprint: s.Fingerprint()}
	var bad []Invalid
	names := map[string]int{}
	for _, in := range inputs {
		e, err := Parse(in.Data)
		if err != nil {
			bad = append(bad, Invalid{File: in.Name, Err: err})
			continue
		}
		f := &Force{File: in.Name, Export: e, Name: forceName(e, in.Name), OtherGuidance: e.Guidance.Fingerprint != r.Fingerprint}
		names[f.Name]++
		r.Forces = append(r.Forces, f)
	}
	for _, f := range r.Forces {
		if names[f.Name] > 1 {
			f.Name += " (" + path.Base(f.File) + ")"
		}
	}
	var all []*site.Recommendation
	for _, res := range s.Results {
		row := &ResultRow{Result: res}
		for _, rec := range res.Recommendations {
			rr := RecRow{Rec: rec}
			for _, f := range r.Forces {
				rr.Cells = append(rr.Cells, cell(f.Export.Answers[rec.ID]))
			}
			row.Recs = append(row.Recs, rr)
		}
		row.ScoreRow = r.scores(res.Recommendations)
		all = append(all, res.Recommendations...)
		r.Results = append(r.Results, row)
	}
	r.Overall = r.scores(all)
	for _, f := range r.Forces {
		for _, id := range sortedKeys(f.Export.Answers) {
			a := f.Export.Answers[id]
			if s.Recommendation(id) == nil && !a.Empty() {
				r.Unknown = append(r.Unknown, UnknownAnswer{Force: f, ID: id, Answer: a})
				f.Unknown++
			}
		}
	}
	return r, bad
}

func forceName(e *Export, file string) string {
	a := e.Assessment
	switch {
	case a.Organisation != "" && a.Unit != "":
		return a.Organisation + ", " + a.Unit
	case a.Organisation != "":
		return a.Organisation
	}
	return a.Name
}

func cell(a Answer) Cell {
	c := Cell{Status: a.Status, Label: StatusLabels[a.Status]}
	if c.Label == "" {
		c.Label = "Not answered"
	}
	c.Points, c.Scored = Points[a.Status]
	return c
}

// scores averages points over the recommendations per force, leaving out
// unanswered and not applicable ones, and averages the forces' scores.
func (r *Report) scores(recs []*site.Recommendation) ScoreRow {
	var row ScoreRow
	var sum float64
	for _, f := range r.Forces {
		var s Score
		total := 0
		for _, rec := range recs {
			if p, ok := Points[f.Export.Answers[rec.ID].Status]; ok {
				total += p
				s.N++
			}
		}
		if s.N > 0 {
			s.Value = float64(total) / float64(s.N)
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

//go:embed report.html report.css
var files embed.FS

var page = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"statusClass": func(s string) string {
		if s == "" {
			return "st-none"
		}
		return "st-" + s
	},
	"add":   func(a, b int) int { return a + b },
	"bar":   func(s Score) string { return fmt.Sprintf("%.1f", s.Value*100) },
	"barY":  func(i int) int { return 14 + i*34 },
	"textY": func(i int) int { return 14 + i*34 + 18 },
	"chartHeight": func(n int) int {
		return 14 + n*34 + 30
	},
	"statuses": func() []string { return Statuses },
	"short": func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		return strings.TrimSpace(string(r[:n-1])) + "…"
	},
	"label": func(s string) string { return StatusLabels[s] },
	"points": func(s string) string {
		if p, ok := Points[s]; ok {
			return fmt.Sprint(p)
		}
		return "–"
	},
}).ParseFS(files, "report.html"))

// Files renders the report: index.html, its stylesheet report.css, and
// report.csv.
func (r *Report) Files() (map[string][]byte, error) {
	var html bytes.Buffer
	if err := page.Execute(&html, r); err != nil {
		return nil, err
	}
	css, err := files.ReadFile("report.css")
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"index.html": html.Bytes(), "report.css": css, "report.csv": r.CSV()}, nil
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
	row("File", "Organisation", "Unit", "Period", "Assessment", "Guidance version", "Expected result", "Recommendation", "Id",
		"Status", "Status code", "Score", "Evidence held", "Gaps and actions", "Owner", "Target date", "Last changed", "Note")
	answer := func(f *Force, result, label, id, note string, a Answer) {
		e := f.Export
		score := ""
		if p, ok := Points[a.Status]; ok {
			score = fmt.Sprint(p)
		}
		row(f.File, e.Assessment.Organisation, e.Assessment.Unit, e.Assessment.Period, e.Assessment.Name, e.Guidance.Version,
			result, label, id, StatusLabels[a.Status], a.Status, score, a.Evidence, a.Gaps, a.Owner, a.TargetDate, a.Updated, note)
	}
	for _, f := range r.Forces {
		for _, res := range r.Results {
			for _, rr := range res.Recs {
				answer(f, fmt.Sprintf("%d %s", res.Result.Number, res.Result.Title), rr.Rec.Label, rr.Rec.ID, "", f.Export.Answers[rr.Rec.ID])
			}
		}
	}
	for _, u := range r.Unknown {
		answer(u.Force, "", "", u.ID, "not in this guidance", u.Answer)
	}
	return b.Bytes()
}

func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
