// Package report reads self-assessment exports, the JSON files a force
// saves from the site's self-assessment page, and writes a comparative
// report of many forces against one guidance: an HTML page with a
// force-by-recommendation table, averages per expected result and a bar
// chart, and the same figures as CSV.
//
// The export format and the rule for a valid export are written in
// docs/self-assessment-format.md. Parse applies that rule, as the page does
// when it imports a file (assets/js/assessment-io.js); the files of
// testdata/format, run through both, keep the two in step.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/riskguide/riskguide/internal/site"
)

// The constants of the export format, from site.AssessmentFormat.
var (
	// Format and Version identify the export format. Version is the one
	// written; versions from 1 up to it are read. Version 2 added the
	// sign-off (final, approvedBy, approverRole, approvedOn); a version 1
	// file reads as a draft without one. Version 3 added the scale the
	// answers are on (guidance.scale); a file of version 1 or 2 is on
	// DefaultScale. Version 4 added to each answer the edition it was
	// given under, its text's hash and the day it was reviewed (see
	// Answer and editions.go).
	Format  = site.AssessmentFormat.Format
	Version = site.AssessmentFormat.Version

	// Limits of an export. Lengths count UTF-16 code units, as the browser
	// does.
	MaxBytes   = site.AssessmentFormat.Limits.Bytes
	MaxText    = site.AssessmentFormat.Limits.Text
	MaxName    = site.AssessmentFormat.Limits.Name
	MaxID      = site.AssessmentFormat.Limits.ID
	MaxAnswers = site.AssessmentFormat.Limits.Answers

	// DefaultScale is the scale of every export before version 3, as
	// site.Scale.String writes it.
	DefaultScale = site.AssessmentFormat.DefaultScale
	// MaxScaleLevels is the most levels a scale may have, "not applicable"
	// included.
	MaxScaleLevels = site.AssessmentFormat.MaxScaleLevels

	// Statuses are the steps of the scale, in order.
	Statuses = site.AssessmentFormat.Statuses
	// Points gives the score of each status; not applicable has none.
	Points = site.AssessmentFormat.Points
)

// ScaleLevels reads a scale as exports record it: the score of each level
// by id, -1 for a level without one. ok is false for text that is not a
// scale.
func ScaleLevels(scale string) (levels map[string]int, ok bool) {
	if !scalePattern.MatchString(scale) {
		return nil, false
	}
	parts := strings.Split(scale, " ")
	if len(parts) < 2 || len(parts) > MaxScaleLevels {
		return nil, false
	}
	levels = map[string]int{}
	for _, p := range parts {
		id, points, scored := strings.Cut(p, "=")
		if _, dup := levels[id]; dup || utf16Len(id) > MaxID {
			return nil, false
		}
		levels[id] = -1
		if scored {
			levels[id], _ = strconv.Atoi(points)
		}
	}
	return levels, true
}

// Export is one self-assessment file.
type Export struct {
	Guidance   Guidance
	Assessment Assessment
	// Answers by recommendation id.
	Answers map[string]Answer
}

// The JSON keys of Guidance, Assessment and Answer are the format's, in
// its order, as Marshal writes them.

// Guidance names the guidance an export was made against, and the scale
// its answers are on.
type Guidance struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Fingerprint string `json:"fingerprint"`
	// Scale is the scale's levels with their scores, as site.Scale.String
	// writes it: "pass=1 fail=0 not-applicable".
	Scale string `json:"scale"`
}

// Assessment describes who assessed what, and when.
type Assessment struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	Unit         string `json:"unit"`
	Period       string `json:"period"`
	CompletedBy  string `json:"completedBy"`
	Created      string `json:"created"` // RFC 3339
	Updated      string `json:"updated"` // RFC 3339
	// Final is true once the assessment is signed off; it is then read-only
	// in the browser.
	Final        bool   `json:"final"`
	ApprovedBy   string `json:"approvedBy"`
	ApproverRole string `json:"approverRole"`
	ApprovedOn   string `json:"approvedOn"` // YYYY-MM-DD or ""
}

// Answer is the answer for one recommendation. Status is "" when only the
// text fields are filled in.
type Answer struct {
	Status     string `json:"status"`
	Evidence   string `json:"evidence"`
	Gaps       string `json:"gaps"`
	Owner      string `json:"owner"`
	TargetDate string `json:"targetDate"` // YYYY-MM-DD or ""
	Updated    string `json:"updated"`    // RFC 3339
	// Edition is the edition of the guidance the answer was given (or
	// last reviewed) under, and TextHash the hash of the recommendation's
	// quoted text in it (edition.TextHash), "" when the file does not say:
	// a file before version 4 names only the guidance's version, which
	// Parse gives every answer (Resolve settles both against a site's
	// editions). Reviewed is the day the answer was last confirmed against
	// a changed text, YYYY-MM-DD or "".
	Edition  string `json:"edition"`
	TextHash string `json:"textHash"`
	Reviewed string `json:"reviewed"`
}

// Empty reports whether the answer says nothing; such answers are not
// written.
func (a Answer) Empty() bool {
	return a.Status == "" && a.Evidence == "" && a.Gaps == "" && a.Owner == "" && a.TargetDate == ""
}

// Error is why a file is not a valid export: the field at fault, as a
// dotted path, and what is wrong with it.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	// The path holds the file's own keys.
	return Printable(e.Path) + " " + e.Msg
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	datePattern = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	timePattern = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$`)
	// blankPattern is a name with nothing but white space in it; the set is
	// the format's, the same on the page.
	blankPattern = regexp.MustCompile(`^[\t\n\v\f\r \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]*$`)
)

var (
	topKeys        = []string{"format", "version", "guidance", "assessment", "answers"}
	guidanceKeysV2 = []string{"title", "version", "fingerprint"}
	guidanceKeys   = append(append([]string{}, guidanceKeysV2...), "scale")
	// scalePattern is a scale as exports record it: levels separated by
	// one space, each an id, with "=" and its score when it is scored.
	scalePattern     = regexp.MustCompile(site.AssessmentFormat.ScalePattern)
	assessmentKeysV1 = site.AssessmentFormat.AssessmentKeys
	assessmentKeys   = append(append([]string{}, assessmentKeysV1...), site.AssessmentFormat.SignOffKeys...)
	answerKeysV3     = site.AssessmentFormat.AnswerKeys
	answerKeys       = append(append([]string{}, answerKeysV3...), site.AssessmentFormat.EditionKeys...)
	textHashPattern  = regexp.MustCompile(site.AssessmentFormat.TextHashPattern)
)

// jsonSpace is the white space JSON allows around a value.
const jsonSpace = " \t\n\r"

// Parse reads and validates an export. It refuses anything that is not
// exactly the format: unknown or missing fields, wrong types, values out of
// range, or more than the limits allow.
func Parse(data []byte) (*Export, error) {
	if len(data) > MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("is %d bytes, larger than the limit of %d", len(data), MaxBytes)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, &Error{Msg: "is not UTF-8 text"}
	}
	if len(bytes.Trim(data, jsonSpace)) == 0 {
		return nil, &Error{Msg: "is empty"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, &Error{Msg: "is not JSON: " + err.Error()}
	}
	if len(bytes.Trim(data[dec.InputOffset():], jsonSpace)) > 0 {
		return nil, &Error{Msg: "is not JSON: more data after the end"}
	}
	var e Export
	if err := e.read(v); err != nil {
		return nil, err
	}
	return &e, nil
}

func (e *Export) read(v any) error {
	top, ok := v.(map[string]any)
	if !ok || top["format"] != Format {
		return &Error{Msg: "is not a riskguide self-assessment export"}
	}
	if err := exactKeys(top, topKeys, ""); err != nil {
		return err
	}
	n, ok := top["version"].(json.Number)
	if !ok {
		return &Error{"version", "must be a whole number"}
	}
	f, err := n.Float64()
	if err != nil || f != math.Floor(f) {
		return &Error{"version", "must be a whole number"}
	}
	if f < 1 || f > float64(Version) {
		return &Error{Msg: fmt.Sprintf("is version %s of the format; this riskguide reads versions 1 to %d", n, Version)}
	}
	version := int(f)

	g, err := object(top["guidance"], "guidance")
	if err != nil {
		return err
	}
	gkeys := guidanceKeys
	if version < 3 {
		gkeys = guidanceKeysV2
	}
	if err := exactKeys(g, gkeys, "guidance"); err != nil {
		return err
	}
	if err := texts(g, "guidance", textField{"title", &e.Guidance.Title, MaxText},
		textField{"version", &e.Guidance.Version, MaxText}, textField{"fingerprint", &e.Guidance.Fingerprint, MaxID}); err != nil {
		return err
	}
	e.Guidance.Scale = DefaultScale
	if version >= 3 {
		if e.Guidance.Scale, err = text(g["scale"], "guidance.scale", MaxText); err != nil {
			return err
		}
	}
	levels, ok := ScaleLevels(e.Guidance.Scale)
	if !ok {
		return &Error{"guidance.scale", fmt.Sprintf("is not a scale: 2 to %d levels such as \"pass=1 fail=0 not-applicable\", each once", MaxScaleLevels)}
	}

	a, err := object(top["assessment"], "assessment")
	if err != nil {
		return err
	}
	keys := assessmentKeys
	if version == 1 {
		keys = assessmentKeysV1
	}
	if err := exactKeys(a, keys, "assessment"); err != nil {
		return err
	}
	as := &e.Assessment
	if as.ID, err = id(a["id"], "assessment.id"); err != nil {
		return err
	}
	if as.Name, err = text(a["name"], "assessment.name", MaxName); err != nil {
		return err
	}
	if blankPattern.MatchString(as.Name) {
		return &Error{"assessment.name", "must not be empty"}
	}
	if err := texts(a, "assessment", textField{"organisation", &as.Organisation, MaxText}, textField{"unit", &as.Unit, MaxText},
		textField{"period", &as.Period, MaxText}, textField{"completedBy", &as.CompletedBy, MaxText}); err != nil {
		return err
	}
	if as.Created, err = timestamp(a["created"], "assessment.created"); err != nil {
		return err
	}
	if as.Updated, err = timestamp(a["updated"], "assessment.updated"); err != nil {
		return err
	}
	if version >= 2 {
		final, ok := a["final"].(bool)
		if !ok {
			return &Error{"assessment.final", "must be true or false"}
		}
		as.Final = final
		if err := texts(a, "assessment", textField{"approvedBy", &as.ApprovedBy, MaxText},
			textField{"approverRole", &as.ApproverRole, MaxText}, textField{"approvedOn", &as.ApprovedOn, MaxID}); err != nil {
			return err
		}
		if as.ApprovedOn != "" && !validDate(as.ApprovedOn) {
			return &Error{"assessment.approvedOn", "is not a date written as YYYY-MM-DD"}
		}
	}

	answers, err := object(top["answers"], "answers")
	if err != nil {
		return err
	}
	if len(answers) > MaxAnswers {
		return &Error{Msg: fmt.Sprintf("holds more than %d answers", MaxAnswers)}
	}
	e.Answers = make(map[string]Answer, len(answers))
	for _, k := range slices.Sorted(maps.Keys(answers)) {
		path := "answers." + k
		if utf16Len(k) > MaxID || !idPattern.MatchString(k) {
			return &Error{path, "is not a valid identifier"}
		}
		x, err := object(answers[k], path)
		if err != nil {
			return err
		}
		akeys := answerKeys
		if version < 4 {
			akeys = answerKeysV3
		}
		if err := exactKeys(x, akeys, path); err != nil {
			return err
		}
		var ans Answer
		if ans.Status, err = text(x["status"], path+".status", MaxID); err != nil {
			return err
		}
		if ans.Status != "" {
			if _, ok := levels[ans.Status]; !ok {
				return &Error{path + ".status", "is not one of the statuses"}
			}
		}
		if err := texts(x, path, textField{"evidence", &ans.Evidence, MaxText}, textField{"gaps", &ans.Gaps, MaxText},
			textField{"owner", &ans.Owner, MaxText}, textField{"targetDate", &ans.TargetDate, MaxID}); err != nil {
			return err
		}
		if ans.TargetDate != "" && !validDate(ans.TargetDate) {
			return &Error{path + ".targetDate", "is not a date written as YYYY-MM-DD"}
		}
		if ans.Updated, err = timestamp(x["updated"], path+".updated"); err != nil {
			return err
		}
		ans.Edition = e.Guidance.Version
		if version >= 4 {
			if err := ans.readEdition(x, path); err != nil {
				return err
			}
		}
		e.Answers[k] = ans
	}
	return nil
}

// readEdition reads the fields version 4 added to an answer.
func (ans *Answer) readEdition(x map[string]any, path string) error {
	var err error
	if ans.Edition, err = text(x["edition"], path+".edition", MaxID); err != nil {
		return err
	}
	if ans.TextHash, err = text(x["textHash"], path+".textHash", MaxID); err != nil {
		return err
	}
	if !textHashPattern.MatchString(ans.TextHash) {
		return &Error{path + ".textHash", "is not a text hash: 16 digits 0-9 and a-f, or empty"}
	}
	if ans.Reviewed, err = text(x["reviewed"], path+".reviewed", MaxID); err != nil {
		return err
	}
	if ans.Reviewed != "" && !validDate(ans.Reviewed) {
		return &Error{path + ".reviewed", "is not a date written as YYYY-MM-DD"}
	}
	return nil
}

// exactKeys refuses missing keys (in the format's order) and then unknown
// ones (in sorted order), as the page does.
func exactKeys(m map[string]any, keys []string, path string) error {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return &Error{join(path, k), "is missing"}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(keys, k) {
			return &Error{join(path, k), "is not part of the format"}
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func object(v any, path string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &Error{path, "must be a group of named values (a JSON object)"}
	}
	return m, nil
}

func text(v any, path string, max int) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", &Error{path, "must be text"}
	}
	if utf16Len(s) > max {
		return "", &Error{path, fmt.Sprintf("is longer than %d characters", max)}
	}
	return s, nil
}

// textField is a text of an object: its key, where it goes and its most
// characters.
type textField struct {
	key string
	dst *string
	max int
}

// texts reads the text fields of object m at path, in order.
func texts(m map[string]any, path string, fields ...textField) error {
	for _, f := range fields {
		var err error
		if *f.dst, err = text(m[f.key], path+"."+f.key, f.max); err != nil {
			return err
		}
	}
	return nil
}

func id(v any, path string) (string, error) {
	s, err := text(v, path, MaxID)
	if err != nil {
		return "", err
	}
	if !idPattern.MatchString(s) {
		return "", &Error{path, "is not a valid identifier"}
	}
	return s, nil
}

func timestamp(v any, path string) (string, error) {
	s, err := text(v, path, 40)
	if err != nil {
		return "", err
	}
	if !validTime(s) {
		return "", &Error{path, "is not a date and time"}
	}
	return s, nil
}

// validTime applies the format's rule for a date and time: RFC 3339 with
// a day that exists, hours 00-23, minutes and seconds 00-59, and an offset
// of at most 23:59. The page applies the same rule.
func validTime(s string) bool {
	m := timePattern.FindStringSubmatch(s)
	if m == nil || !calendarDay(atoi(m[1]), atoi(m[2]), atoi(m[3])) {
		return false
	}
	if atoi(m[4]) > 23 || atoi(m[5]) > 59 || atoi(m[6]) > 59 {
		return false
	}
	return m[8] == "Z" || (atoi(m[9]) <= 23 && atoi(m[10]) <= 59)
}

func validDate(s string) bool {
	m := datePattern.FindStringSubmatch(s)
	return m != nil && calendarDay(atoi(m[1]), atoi(m[2]), atoi(m[3]))
}

// calendarDay reports whether the day exists in the Gregorian calendar.
func calendarDay(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	leap := year%4 == 0 && (year%100 != 0 || year%400 == 0)
	if month == 2 && leap {
		return day <= 29
	}
	return day <= monthDays[month-1]
}

var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// atoi reads digits the patterns have already matched.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Marshal writes an export the way the page writes it (JSON.stringify with
// two-space indents): fixed key order, answers sorted by id, empty answers
// left out, and a final newline. HTML characters are written as they are,
// as the page writes them.
func Marshal(e *Export) []byte {
	w := struct {
		Format     string            `json:"format"`
		Version    int               `json:"version"`
		Guidance   Guidance          `json:"guidance"`
		Assessment Assessment        `json:"assessment"`
		Answers    map[string]Answer `json:"answers"`
	}{Format, Version, e.Guidance, e.Assessment, map[string]Answer{}}
	if w.Guidance.Scale == "" {
		w.Guidance.Scale = DefaultScale
	}
	for k, x := range e.Answers {
		if !x.Empty() {
			w.Answers[k] = x
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(w); err != nil {
		// Strings, a bool and an int always encode.
		panic(err)
	}
	return b.Bytes()
}
