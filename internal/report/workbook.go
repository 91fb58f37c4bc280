package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// The workbook's layout (docs/self-assessment-format.md, "The workbook"),
// as internal/workbook writes it: sheets by fixed names, the Assessment
// sheet's columns by position, the Details sheet's rows by the key in
// column A.
const (
	wbAssessment = "Assessment"
	wbDetails    = "Details"
	wbScale      = "Scale"
)

// Columns of the Assessment sheet that are read, from 0.
const (
	colID, colStatus, colEvidence, colGaps, colOwner, colTarget, colUpdated = 2, 4, 5, 6, 7, 8, 9
)

var wbColumnNames = []string{"A (expected result)", "B (number)", "C (id)", "D (text)", "E (status)",
	"F (evidence held)", "G (gaps and actions)", "H (owner)", "I (target date)", "J (last changed)", "K (note)"}

var (
	dotDate   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	slashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	serialDay = regexp.MustCompile(`^\d+(\.\d+)?$`)
	wbSlug    = regexp.MustCompile(`[^a-z0-9]+`)
)

// ParseWorkbook reads a self-assessment workbook, the blank one of a site
// filled in or one the page exported, into an export, and then applies the
// rule every export follows (Parse's). name, the file's name, gives an id
// to a workbook without one (a blank filled in by hand).
func ParseWorkbook(name string, data []byte) (*Export, error) {
	if len(data) > MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("is %d bytes, larger than the limit of %d", len(data), MaxBytes)}
	}
	// A small workbook may not unpack into a large one.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, &Error{Msg: "is a workbook (.xlsx) that cannot be read: " + err.Error()}
	}
	defer f.Close()
	var sheets [3][][]string
	for i, name := range []string{wbDetails, wbScale, wbAssessment} {
		if idx, err := f.GetSheetIndex(name); err != nil || idx < 0 {
			return nil, &Error{Msg: fmt.Sprintf("is a workbook (.xlsx) without the sheet %q of a riskguide self-assessment workbook", name)}
		}
		if sheets[i], err = f.GetRows(name, excelize.Options{RawCellValue: true}); err != nil {
			return nil, &Error{Msg: fmt.Sprintf("is a workbook (.xlsx) whose sheet %q cannot be read: %v", name, err)}
		}
	}
	details, scale, rows := sheets[0], sheets[1], sheets[2]
	cell := func(r []string, i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	d := map[string]string{}
	for _, r := range details {
		if k := cell(r, 0); k != "" {
			d[k] = cell(r, 2)
		}
	}
	codes := map[string]string{}
	for _, r := range scale[min(1, len(scale)):] {
		if cell(r, 0) != "" && cell(r, 1) != "" {
			codes[cell(r, 0)] = cell(r, 1)
		}
	}
	if d["format"] != Format {
		return nil, &Error{Msg: fmt.Sprintf("is a workbook (.xlsx) whose sheet %q does not name the format %s", wbDetails, Format)}
	}

	// When the workbook does not say when it changed (a blank filled in by
	// hand), the time its spreadsheet saved it.
	changed := d["updated"]
	if changed == "" {
		if p, err := f.GetDocProps(); err == nil && validTime(p.Modified) {
			changed = p.Modified
		} else {
			changed = "2000-01-01T00:00:00Z"
		}
	}
	id := d["id"]
	if id == "" {
		base := strings.ToLower(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
		id = strings.Trim(wbSlug.ReplaceAllString(base, "-"), "-")
		id = strings.TrimRight("workbook-"+id[:min(len(id), 60)], "-")
	}
	aname := d["name"]
	if strings.TrimSpace(aname) == "" {
		aname = strings.TrimSpace(d["organisation"] + " " + d["period"])
	}
	if aname == "" {
		aname = filepath.Base(name)
	}
	created := d["created"]
	if created == "" {
		created = changed
	}

	dates, err := workbookDates(f, rows)
	if err != nil {
		return nil, err
	}
	answers := map[string]any{}
	for i, r := range rows {
		if i == 0 {
			continue
		}
		at := func(col int, msg string) error {
			return &Error{Msg: fmt.Sprintf("sheet %q, row %d, column %s: %s", wbAssessment, i+1, wbColumnNames[col], msg)}
		}
		rid := cell(r, colID)
		status := cell(r, colStatus)
		if c, ok := codes[status]; ok {
			status = c
		}
		a := map[string]any{
			"status": status, "evidence": cell(r, colEvidence), "gaps": cell(r, colGaps), "owner": cell(r, colOwner),
			"targetDate": dates[i], "updated": cell(r, colUpdated),
		}
		if status == "" && a["evidence"] == "" && a["gaps"] == "" && a["owner"] == "" && dates[i] == "" {
			continue
		}
		if rid == "" {
			return nil, at(colID, "an answer without an id")
		}
		if _, dup := answers[rid]; dup {
			return nil, at(colID, fmt.Sprintf("%q appears twice", rid))
		}
		if a["updated"] == "" {
			a["updated"] = changed
		}
		if !validTime(a["updated"].(string)) {
			return nil, at(colUpdated, fmt.Sprintf("%q is not a date and time (RFC 3339)", a["updated"]))
		}
		answers[rid] = a
	}
	final := d["final"] == "true"
	// A workbook says nothing of the edition each answer was given under:
	// it is read by the rule of version 3, whose answers are given under
	// the edition the file names (guidance.version).
	v := map[string]any{
		"format":  Format,
		"version": json.Number("3"),
		"guidance": map[string]any{
			"title": d["guidance.title"], "version": d["guidance.version"], "fingerprint": d["guidance.fingerprint"], "scale": d["guidance.scale"],
		},
		"assessment": map[string]any{
			"id": id, "name": aname, "organisation": d["organisation"], "unit": d["unit"], "period": d["period"],
			"completedBy": d["completedBy"], "created": created, "updated": changed, "final": final,
			"approvedBy": d["approvedBy"], "approverRole": d["approverRole"], "approvedOn": d["approvedOn"],
		},
		"answers": answers,
	}
	var e Export
	if err := e.read(v); err != nil {
		if x, ok := err.(*Error); ok && x.Path != "" {
			x.Path = "(workbook) " + x.Path
		}
		return nil, err
	}
	return &e, nil
}

// workbookDates reads the target dates of the Assessment sheet, by row:
// a spreadsheet's date, or text as YYYY-MM-DD, dd.mm.yyyy or dd/mm/yyyy.
// As on the page, slashes are read day first only when a date of the
// sheet says so (a first number above 12); a date that could be read both
// ways, or is month first, is refused.
func workbookDates(f *excelize.File, rows [][]string) ([]string, error) {
	out := make([]string, len(rows))
	dayFirst := false
	for _, r := range rows[min(1, len(rows)):] {
		if colTarget < len(r) {
			if m := slashDate.FindStringSubmatch(strings.TrimSpace(r[colTarget])); m != nil {
				dayFirst = dayFirst || atoi(m[1]) > 12
			}
		}
	}
	for i, r := range rows {
		if i == 0 || colTarget >= len(r) {
			continue
		}
		v := strings.TrimSpace(r[colTarget])
		bad := func(why string) error {
			return &Error{Msg: fmt.Sprintf("sheet %q, row %d, column %s: the date %q %s", wbAssessment, i+1, wbColumnNames[colTarget], v, why)}
		}
		ref, _ := excelize.CoordinatesToCellName(colTarget+1, i+1)
		switch {
		case v == "":
		case serialDay.MatchString(v):
			if t, err := f.GetCellType(wbAssessment, ref); err == nil && (t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString) {
				return nil, bad("is not written as YYYY-MM-DD")
			}
			n, _ := strconv.ParseFloat(v, 64)
			t, err := excelize.ExcelDateToTime(n, false)
			if err != nil {
				return nil, bad("is not a day")
			}
			out[i] = t.Format(time.DateOnly)
		case validDate(v):
			out[i] = v
		default:
			var d, m, y string
			if x := dotDate.FindStringSubmatch(v); x != nil {
				d, m, y = x[1], x[2], x[3]
			} else if x := slashDate.FindStringSubmatch(v); x != nil {
				a, b := atoi(x[1]), atoi(x[2])
				switch {
				case b > 12:
					return nil, bad("is written month first; write it as YYYY-MM-DD")
				case !dayFirst && a != b:
					return nil, bad("could be day first or month first; write it as YYYY-MM-DD")
				}
				d, m, y = x[1], x[2], x[3]
			} else {
				return nil, bad("is not written as YYYY-MM-DD, dd.mm.yyyy or dd/mm/yyyy")
			}
			iso := fmt.Sprintf("%s-%02d-%02d", y, atoi(m), atoi(d))
			if !validDate(iso) {
				return nil, bad("is not a day")
			}
			out[i] = iso
		}
	}
	return out, nil
}
