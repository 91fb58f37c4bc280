package site

import (
	_ "embed"
	"encoding/json"
)

// The constants of the self-assessment export format
// (docs/self-assessment-format.md) are kept in one file,
// assessment-format.json, which riskguide report reads here and the page's
// scripts read as assets/js/assessment-format.js, written by every build
// (AssessmentFormatScript). Changing the format is changing that file.

//go:embed assessment-format.json
var assessmentFormatJSON []byte

// ExportFormat holds the constants of the self-assessment export format.
type ExportFormat struct {
	// Format and Version identify the format.
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Reads are the versions read: a file of an older version reads
	// without loss (version 1 had no sign-off).
	Reads []int `json:"reads"`
	// Statuses are the steps of the scale, in order, as stored.
	Statuses []string `json:"statuses"`
	// DefaultScale is the scale of every export before version 3, as
	// Scale.String writes it; ScalePattern is what a scale looks like in
	// an export, and MaxScaleLevels how many levels it may have ("not
	// applicable" included). Version 3 added the scale (guidance.scale).
	DefaultScale   string `json:"defaultScale"`
	ScalePattern   string `json:"scalePattern"`
	MaxScaleLevels int    `json:"maxScaleLevels"`
	// Points gives the score of each status; not applicable has none.
	Points map[string]int `json:"points"`
	// Limits of an export. Lengths count UTF-16 code units, as the
	// browser does.
	Limits ExportLimits `json:"limits"`
	// EntryYears are the first and last year of a date typed on the page
	// (a target date, the date of approval): a year outside them is taken
	// for a typing mistake and refused at entry. Files are read by the
	// wider rule of the format (years 0000 to 9999), so that nothing
	// exported before is refused.
	EntryYears [2]int `json:"entryYears"`
	// AssessmentKeys and AnswerKeys are the fields of an assessment and
	// of an answer, all required; SignOffKeys are the assessment's fields
	// added in version 2, required from that version on.
	AssessmentKeys []string `json:"assessmentKeys"`
	SignOffKeys    []string `json:"signOffKeys"`
	AnswerKeys     []string `json:"answerKeys"`
	// EditionKeys are the answer's fields added in version 4, required
	// from that version on: the edition of the guidance the answer was
	// given (or last reviewed) under, the hash of the recommendation's
	// quoted text then (edition.TextHash, or "" when not known), and the
	// day it was last reviewed against a changed text (YYYY-MM-DD or "").
	// An answer of an older file was given under the edition the file
	// names, or the first recorded one when the site has no record of that.
	EditionKeys []string `json:"editionKeys"`
	// TextHashPattern is what an answer's textHash looks like.
	TextHashPattern string `json:"textHashPattern"`
}

// ExportLimits are the limits of an export: its size in bytes, the length
// of a text, a name and an id (in UTF-16 code units, as the browser
// counts), and the number of answers.
type ExportLimits struct {
	Bytes   int `json:"bytes"`
	Text    int `json:"text"`
	Name    int `json:"name"`
	ID      int `json:"id"`
	Answers int `json:"answers"`
}

// AssessmentFormat is the export format.
var AssessmentFormat = func() ExportFormat {
	var f ExportFormat
	if err := json.Unmarshal(assessmentFormatJSON, &f); err != nil {
		panic("site: assessment-format.json: " + err.Error())
	}
	return f
}()

// AssessmentFormatScript is assets/js/assessment-format.js: the format's
// constants for the page's scripts, as the global
// riskguideAssessmentFormat (a plain script, so that it loads from file://).
func AssessmentFormatScript() []byte {
	js := "// The self-assessment export format's constants, written by riskguide\n" +
		"// from internal/site/assessment-format.json, which Go reads too.\n" +
		"window.riskguideAssessmentFormat = " + string(assessmentFormatJSON)
	if js[len(js)-1] == '\n' {
		js = js[:len(js)-1]
	}
	return []byte(js + ";\n")
}
