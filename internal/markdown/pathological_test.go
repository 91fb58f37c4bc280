package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// Texts that once took time growing with the square of their size. The
// benchmarks show they now grow linearly (docs/benchmarks.md).
var (
	repeatedHeadings = strings.Repeat("# Same\n\n", 20000)
	repeatedFields   = strings.Repeat("[[Name]] ", 20000)
	openBrackets     = strings.Repeat("[", 100000)
)

func BenchmarkRepeatedHeadings(b *testing.B) {
	r := New(Options{})
	for b.Loop() {
		r.Render(repeatedHeadings, &Page{})
	}
}

func BenchmarkRepeatedFields(b *testing.B) {
	r := New(Options{})
	for b.Loop() {
		r.Render(repeatedFields, &Page{})
	}
}

func BenchmarkOpenBrackets(b *testing.B) {
	r := New(Options{})
	for b.Loop() {
		r.Render(openBrackets, &Page{})
	}
}

// TestRepeatedIDsStayUniqueInOrder: each repeat of a heading takes the
// next free suffix, skipping ids taken by hand or by other headings.
func TestRepeatedIDsStayUniqueInOrder(t *testing.T) {
	ids := NewIDs("main")
	var got []string
	gen := func(s string) { got = append(got, string(ids.Generate([]byte(s), ast.KindHeading))) }
	gen("Same")
	ids.Put([]byte("same-2"))
	gen("Same")
	gen("Same 3")
	gen("Same")
	gen("Same")
	gen("Main")
	gen("Main")
	want := []string{"same", "same-1", "same-3", "same-4", "same-5", "main-1", "main-2"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids = %v, want %v", got, want)
	}
}

// TestFieldOnLongLine: a field is recognised by its own text, whatever
// follows on the line, and a line of many "[[" holds none.
func TestFieldOnLongLine(t *testing.T) {
	for _, tt := range []struct {
		s     string
		label string
		n     int
	}{
		{"[[Name]] and [[Date]]", "Name", 8},
		{"[[Notes...]]" + strings.Repeat(" x", 1000), "Notes", 12},
		{"[[Name] ]]", "", 0},
		{"[[Na\nme]]", "", 0},
		{"[[[[Name]]", "", 0},
		{strings.Repeat("[", 1000), "", 0},
	} {
		label, _, n := ParseField(tt.s)
		if label != tt.label || n != tt.n {
			t.Errorf("ParseField(%.20q) = %q, %d; want %q, %d", tt.s, label, n, tt.label, tt.n)
		}
	}
}
