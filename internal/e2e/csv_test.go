package e2e

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/report"
)

// writeCSV writes rows as the page's CSV does: BOM, quoted, CRLF.
func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("\ufeff")
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	_, before := tb.download("export-json")
	_, data := tb.download("export-csv")
	rows := readCSV(t, data)
	find := func(id string) []string {
		for _, r := range rows {
			if r[5] == id {
				return r
			}
		}
		t.Fatalf("no row for %s", id)
		return nil
	}
	// Edit one cell, as in a spreadsheet, and add a formula-looking value
	// that must stay text.
	find(rec2)[10] = "=1+1 Budget approved in May."
	dir := t.TempDir()
	path := filepath.Join(dir, "edited.csv")
	writeCSV(t, path, rows)

	tb.importFile(path)
	tb.waitFor("the preview", `document.getElementById('sa-dialog').open`)
	body := tb.eval(`document.getElementById('sa-dialog-body').textContent`)
	for _, want := range []string{"1 answer changes", "0 answers are added", "0 answers you have now are not in the file", "1 answer stays the same"} {
		if !strings.Contains(body, want) {
			t.Errorf("preview %q lacks %q", body, want)
		}
	}
	tb.dialog("", "replace")
	if got := tb.value("#sa-" + rec2 + "-evidence"); got != "=1+1 Budget approved in May." {
		t.Errorf("edited evidence = %q", got)
	}
	if got := tb.value("#sa-" + rec1 + "-owner"); got != `=HYPERLINK("x")` {
		t.Errorf("a formula-like value came back as %q", got)
	}
	_, after := tb.download("export-json")
	b, _ := report.Parse(before)
	a, err := report.Parse(after)
	if err != nil {
		t.Fatal(err)
	}
	if a.Assessment.ID != b.Assessment.ID || a.Assessment.Organisation != "Police Service Nord" {
		t.Errorf("the CSV did not go back into the same assessment: %+v", a.Assessment)
	}
	if a.Answers[rec1] != b.Answers[rec1] {
		t.Errorf("an unchanged answer changed: %+v -> %+v", b.Answers[rec1], a.Answers[rec1])
	}
	if x, y := b.Answers[rec2], a.Answers[rec2]; y.Evidence != "=1+1 Budget approved in May." || y.Status != "planned" || y.Updated == x.Updated {
		t.Errorf("the edited answer: %+v (was %+v)", y, x)
	}

	// Bad files are refused whole and change nothing.
	kept := tb.storage()
	edit := func(f func([][]string) [][]string) [][]string {
		c := make([][]string, len(rows))
		for i := range rows {
			c[i] = append([]string(nil), rows[i]...)
		}
		return f(c)
	}
	cases := []struct {
		name, want string
		rows       [][]string
		raw        string
	}{
		{name: "columns.csv", want: "column 8 should be “Status”", rows: edit(func(r [][]string) [][]string { r[0][7] = "State"; return r })},
		{name: "unknown.csv", want: "row 3, column “Id”: “no-such-rec” is not a recommendation", rows: edit(func(r [][]string) [][]string { r[2][5] = "no-such-rec"; return r })},
		{name: "date.csv", want: "row 3, column “Target date”: the date “2027-02-30” is not written as YYYY-MM-DD, dd.mm.yyyy or dd/mm/yyyy, or is not a real day", rows: edit(func(r [][]string) [][]string { r[2][13] = "2027-02-30"; return r })},
		{name: "status.csv", want: "“done” is not one of the statuses", rows: edit(func(r [][]string) [][]string { r[2][8] = "done"; return r })},
		{name: "twice.csv", want: "appears twice", rows: edit(func(r [][]string) [][]string { return append(r, r[1]) })},
		{name: "short.csv", want: "row 2 has 3 values instead of 16", rows: edit(func(r [][]string) [][]string { r[1] = r[1][:3]; return r })},
		{name: "quote.csv", want: "a quoted value is not closed", raw: "\"Organisation\",\"Unit\r\n"},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		if c.raw != "" {
			os.WriteFile(p, []byte(c.raw), 0o644)
		} else {
			writeCSV(t, p, c.rows)
		}
		tb.importFile(p)
		tb.waitFor(c.name+" refused", `!document.getElementById('sa-error').hidden`)
		msg := tb.eval(`document.getElementById('sa-error').textContent`)
		if !strings.Contains(msg, "nothing was changed") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q, want %q", c.name, msg, c.want)
		}
		if tb.evalBool(`document.getElementById('sa-dialog').open`) {
			t.Errorf("%s: a preview opened", c.name)
			tb.dialog("", "")
		}
		if tb.storage() != kept {
			t.Errorf("%s changed what the browser keeps", c.name)
		}
		tb.Do(evalVoid(`document.getElementById('sa-error').hidden = true`))
	}
}
