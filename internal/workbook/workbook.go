// Package workbook writes the self-assessment as an Excel workbook (.xlsx):
// the blank one every build offers beside the self-assessment page, which
// the page also fills in to export an assessment. Its layout (sheet names,
// columns, the keys of the Details sheet) is written in
// docs/self-assessment-format.md, "The workbook (.xlsx)"; the readers, the
// page's assets/js/assessment-xlsx.js and riskguide report's
// internal/report/workbook.go, follow it.
//
// It is written with excelize, a well-kept library for the format, rather
// than by hand: the drop-down list of the scale (a data validation), the
// styles and the frozen heading row are what Excel and LibreOffice expect.
package workbook

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The sheets, by their fixed names: the readers find them by name, whatever
// the site's language.
const (
	Instructions = "Instructions"
	Assessment   = "Assessment"
	Details      = "Details"
	Scale        = "Scale"
)

// LayoutVersion changes whenever Write would give other bytes for the same
// Blank (a change of layout, or of excelize), so that a hash of a Blank and
// it names the workbook's bytes.
const LayoutVersion = "1 excelize v2.11.1"

// Columns of the Assessment sheet, by the keys of their headings (the
// page's message keys csv.<key>).
var Columns = []string{"result", "rec", "id", "text", "status", "evidence", "gaps", "owner", "target", "updated", "note"}

// DetailKeys are the rows of the Details sheet, in order: column A holds
// the key, B its label, C the value.
var DetailKeys = []string{"name", "organisation", "unit", "period", "completedBy", "id", "created", "updated",
	"final", "approvedBy", "approverRole", "approvedOn",
	"guidance.title", "guidance.version", "guidance.fingerprint", "guidance.scale", "format", "version"}

// Blank describes the blank workbook of a site.
type Blank struct {
	// Title and Version of the guidance; Fingerprint and Scale as exports
	// write them (guidance.fingerprint, guidance.scale).
	Title, Version, Fingerprint, Scale string
	// Format and FormatVersion of the exchange format.
	Format        string
	FormatVersion int
	// Levels of the scale, in order.
	Levels []Level
	// Headings of the Assessment sheet, one per Columns; ScaleHeadings
	// those of the Scale sheet (name, code, points).
	Headings      []string
	ScaleHeadings [3]string
	// DetailLabels by key of DetailKeys; a key without one is its own label.
	DetailLabels map[string]string
	// Rows are the recommendations, in the guidance's order.
	Rows []Row
	// InstructionsTitle and InstructionLines fill the Instructions sheet.
	InstructionsTitle string
	InstructionLines  []string
}

// Level is one level of the scale: the name the status column shows, its
// code in exports, and its points ("" when it does not score).
type Level struct {
	Name, Code, Points string
}

// Row is one recommendation.
type Row struct {
	Result, Number, ID, Text string
}

// Write writes the blank workbook. The same Blank gives the same bytes.
func Write(b Blank) ([]byte, error) {
	if len(b.Headings) != len(Columns) {
		return nil, fmt.Errorf("workbook: %d headings for %d columns", len(b.Headings), len(Columns))
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", Instructions); err != nil {
		return nil, err
	}
	for _, name := range []string{Assessment, Details, Scale} {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	// Every step below is skipped after the first error, which Write
	// returns.
	var err error
	newStyle := func(st *excelize.Style) int {
		id, serr := f.NewStyle(st)
		if err == nil {
			err = serr
		}
		return id
	}
	bold := newStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	title := newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	wrap := newStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	// Target dates and details are text (number format "@").
	text := newStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}})
	set := func(sheet, cell string, v any) {
		if err == nil {
			err = f.SetCellValue(sheet, cell, v)
		}
	}
	style := func(sheet, from, to string, s int) {
		if err == nil {
			err = f.SetCellStyle(sheet, from, to, s)
		}
	}
	width := func(sheet, from, to string, w float64) {
		if err == nil {
			err = f.SetColWidth(sheet, from, to, w)
		}
	}

	// Instructions.
	set(Instructions, "A1", b.Title)
	style(Instructions, "A1", "A1", title)
	if b.Version != "" {
		set(Instructions, "A2", b.Version)
	}
	set(Instructions, "A4", b.InstructionsTitle)
	style(Instructions, "A4", "A4", bold)
	for i, line := range b.InstructionLines {
		set(Instructions, cell(1, 5+i), strconv.Itoa(i+1)+". "+line)
	}
	style(Instructions, "A5", cell(1, 5+len(b.InstructionLines)), wrap)
	at := 6 + len(b.InstructionLines)
	for i, h := range b.ScaleHeadings {
		set(Instructions, cell(i+1, at), h)
	}
	style(Instructions, cell(1, at), cell(3, at), bold)
	for i, lv := range b.Levels {
		set(Instructions, cell(1, at+1+i), lv.Name)
		set(Instructions, cell(2, at+1+i), lv.Code)
		set(Instructions, cell(3, at+1+i), lv.Points)
	}
	width(Instructions, "A", "A", 100)

	// Assessment, written as a stream: a site may have thousands of
	// recommendations, and cell by cell excelize takes time that grows
	// faster than their number. The drop-down list is added first, so that
	// the stream writes it with the sheet.
	last := len(b.Rows) + 1
	if err == nil && len(b.Levels) > 0 {
		// The status is chosen from the Scale sheet's names; the list
		// reaches beyond the recommendations so that rows added for
		// retired answers have it too.
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "E2:E" + strconv.Itoa(last+1000)
		dv.SetSqrefDropList("'" + Scale + "'!$A$2:$A$" + strconv.Itoa(len(b.Levels)+1))
		err = f.AddDataValidation(Assessment, dv)
	}
	if err == nil {
		err = writeAssessment(f, b, bold, wrap, text)
	}

	// Details.
	values := map[string]string{
		"guidance.title": b.Title, "guidance.version": b.Version, "guidance.fingerprint": b.Fingerprint,
		"guidance.scale": b.Scale, "format": b.Format, "version": strconv.Itoa(b.FormatVersion),
	}
	for i, k := range DetailKeys {
		set(Details, cell(1, i+1), k)
		set(Details, cell(2, i+1), cmp.Or(b.DetailLabels[k], k))
		// Every value is text: an id or a version must not become a number.
		set(Details, cell(3, i+1), values[k])
	}
	style(Details, "B1", cell(2, len(DetailKeys)), bold)
	style(Details, "C1", cell(3, len(DetailKeys)), text)
	width(Details, "A", "A", 20)
	width(Details, "B", "C", 40)

	// Scale.
	for i, h := range b.ScaleHeadings {
		set(Scale, cell(i+1, 1), h)
	}
	style(Scale, "A1", "C1", bold)
	for i, lv := range b.Levels {
		set(Scale, cell(1, i+2), lv.Name)
		set(Scale, cell(2, i+2), lv.Code)
		if lv.Points != "" {
			p, _ := strconv.Atoi(lv.Points)
			set(Scale, cell(3, i+2), p)
		}
	}
	width(Scale, "A", "B", 28)
	if err == nil {
		err = f.SetDocProps(&excelize.DocProperties{Title: b.Title, Subject: b.Version, Creator: "riskguide",
			Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"})
	}
	if err != nil {
		return nil, fmt.Errorf("writing the blank workbook: %w", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("writing the blank workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// writeAssessment streams the Assessment sheet: headings, then a row per
// recommendation.
func writeAssessment(f *excelize.File, b Blank, bold, wrap, text int) error {
	sw, err := f.NewStreamWriter(Assessment)
	if err != nil {
		return err
	}
	for i, width := range []float64{24, 6, 22, 60, 20, 40, 40, 18, 12, 18, 18} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(b.Headings))
	for i, h := range b.Headings {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, r := range b.Rows {
		row := make([]any, len(Columns))
		for c := range row {
			row[c] = excelize.Cell{StyleID: wrap}
		}
		row[0] = excelize.Cell{StyleID: wrap, Value: r.Result}
		row[1] = excelize.Cell{StyleID: wrap, Value: r.Number}
		row[2] = excelize.Cell{StyleID: wrap, Value: r.ID}
		row[3] = excelize.Cell{StyleID: wrap, Value: r.Text}
		// Target dates are text, so that a spreadsheet keeps YYYY-MM-DD
		// as typed instead of turning it into a date in its locale.
		row[8] = excelize.Cell{StyleID: text}
		if err := sw.SetRow(cell(1, i+2), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// Script is assets/js/assessment-workbook.js: the blank workbook for the
// page, which fills it in to export an assessment. It is a script rather
// than a file the page fetches, because pages opened from disk (file://)
// cannot fetch.
func Script(blank []byte) []byte {
	return []byte("// The blank self-assessment workbook (.xlsx), written by every build\n" +
		"// (internal/workbook); assessment-xlsx.js fills it in to export.\n" +
		"window.riskguideWorkbook = '" + base64.StdEncoding.EncodeToString(blank) + "';\n")
}

// cell names a cell by its column and row, both from 1.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
