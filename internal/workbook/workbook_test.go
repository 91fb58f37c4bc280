package workbook

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func blank() Blank {
	return Blank{
		Title: "Guidance", Version: "1.0", Fingerprint: "0123456789abcdef", Scale: "a=1 b=0 not-applicable",
		Format: "riskguide-self-assessment", FormatVersion: 3,
		Levels:   []Level{{"Yes", "a", "1"}, {"No", "b", "0"}, {"Not applicable", "not-applicable", ""}},
		Headings: []string{"Result", "No.", "Id", "Text", "Status", "Evidence", "Gaps", "Owner", "Target date", "Last changed", "Note"},
		Rows:     []Row{{"1 One", "1.1", "first", "Do the first thing."}, {"1 One", "1.2", "second", "Do the second."}},
	}
}

// TestWriteIsDeterministic: the same Blank gives the same bytes, which is
// what lets the page's script be versioned by a hash of the Blank.
func TestWriteIsDeterministic(t *testing.T) {
	a, err := Write(blank())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Write(blank())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same Blank differ")
	}
	other := blank()
	other.Rows[1].Text = "Do the second thing."
	c, _ := Write(other)
	if bytes.Equal(a, c) {
		t.Error("another Blank gives the same bytes")
	}
}

// TestLayoutVersionNamesExcelize: LayoutVersion names the excelize that
// go.mod requires, so that updating it changes the script's version.
func TestLayoutVersionNamesExcelize(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`github.com/xuri/excelize/v2 (v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require excelize")
	}
	if !strings.Contains(LayoutVersion, string(m[1])) {
		t.Errorf("LayoutVersion %q does not name excelize %s", LayoutVersion, m[1])
	}
}
