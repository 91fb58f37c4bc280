package edition

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestWordDiffJoinsAChange(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		// A word kept before a comma is the same word.
		{"Introduce mandatory training for any police involved.", "Introduce mandatory, regularly refreshed training for all police staff involved.",
			"Introduce mandatory{+, regularly refreshed} training for {-any}{+all} police{+ staff} involved."},
		// Only spaces kept between two changes: one replacement.
		{"uses a single vetted mechanism", "uses one vetted, documented mechanism",
			"uses {-a single vetted}{+one vetted, documented} mechanism"},
		{"multiagency stakeholders.", "multi-agency stakeholders.", "{-multiagency}{+multi-agency} stakeholders."},
		{"Same text.", "Same  text.", "Same text."},
	} {
		var got strings.Builder
		for _, s := range WordDiff(c.a, c.b) {
			switch {
			case s.Op < 0:
				fmt.Fprintf(&got, "{-%s}", s.Text)
			case s.Op > 0:
				fmt.Fprintf(&got, "{+%s}", s.Text)
			default:
				got.WriteString(s.Text)
			}
		}
		if got.String() != c.want {
			t.Errorf("WordDiff(%q, %q)\n got %s\nwant %s", c.a, c.b, got.String(), c.want)
		}
	}
}

func siteFS() fstest.MapFS {
	return fstest.MapFS{"content/site.yaml": {Data: []byte("title: T\nlanguage: en\nversion: \"2.1\"\npublished: 2027-01-01\n")}}
}

func TestProblemsInNotes(t *testing.T) {
	old := testRecord("2.0", Rec{ID: "a", Label: "1.1", Text: "A."}, Rec{ID: "b", Label: "1.2", Text: "B."})
	cur := testRecord("2.1", Rec{ID: "a", Label: "1.1", Text: "A."}, Rec{ID: "c", Label: "1.2", Text: "C."})
	notes, diags := ParseNotes("editions/changes.yaml", []byte(`"2.1":
  corrected:
    a: Not amended at all.
  retired:
    b:
      replaced_by: nowhere
      note: Gone.
"1.0":
  corrected:
    a: Before any record.
`))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	got := Problems(siteFS(), NewSet([]*Record{old}, notes, cur))
	want := []string{
		"editions/changes.yaml:3:5: correction of a in edition 2.1: its quoted text did not change from edition 2.0 (unchanged or unknown)",
		"editions/changes.yaml:5:5: retirement of b: replaced_by nowhere is not a recommendation of edition 2.1",
		"editions/changes.yaml:10:5: edition 1.0 is neither the current edition nor a recorded one after the first: there is no change in it to note",
	}
	if strings.Join(strs(got), "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%v\nwant\n%v", strings.Join(strs(got), "\n"), strings.Join(want, "\n"))
	}
}

func strs[T fmt.Stringer](xs []T) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.String())
	}
	return out
}

func TestWarnings(t *testing.T) {
	rec := testRecord("2.1", Rec{ID: "a", Label: "1.1", Text: "A."})
	same := testRecord("2.1", Rec{ID: "a", Label: "1.1", Text: "A."})
	changed := testRecord("2.1", Rec{ID: "a", Label: "1.1", Text: "A, amended."})
	if ws := Warnings(siteFS(), NewSet([]*Record{rec}, nil, same)); len(ws) != 0 {
		t.Errorf("unchanged content: %v", ws)
	}
	ws := Warnings(siteFS(), NewSet([]*Record{rec}, nil, changed))
	if len(ws) != 1 || !strings.HasPrefix(ws[0].String(), "content/site.yaml:3:1: warning: the content changed since edition 2.1 was recorded (1 amended), but version: is still 2.1") {
		t.Errorf("changed content under a recorded version: %v", ws)
	}
	older := testRecord("1.9", Rec{ID: "a", Label: "1.1", Text: "A."})
	if ws := Warnings(siteFS(), NewSet([]*Record{rec}, nil, older)); len(ws) != 1 || !strings.Contains(ws[0].Message, "version 1.9 comes before 2.1") {
		t.Errorf("an older version: %v", ws)
	}
	next := testRecord("2.2", Rec{ID: "a", Label: "1.1", Text: "A."})
	next.Date = rec.Date
	if ws := Warnings(siteFS(), NewSet([]*Record{rec}, nil, next)); len(ws) != 1 || !strings.HasPrefix(ws[0].String(), "content/site.yaml:4:1: warning: published: is still") {
		t.Errorf("a new version with the old date: %v", ws)
	}
}

// FuzzParseNotes feeds editions/changes.yaml, which authors write by hand:
// whatever it holds, ParseNotes returns notes or positioned problems, and
// never panics.
func FuzzParseNotes(f *testing.F) {
	f.Add([]byte("\"2.1\":\n  corrected:\n    a: Why.\n  retired:\n    b:\n      replaced_by: c\n      note: Gone.\n"))
	f.Add([]byte("2.1: [1, 2]\n"))
	f.Add([]byte("\"2.1\":\n  retired:\n    b: text\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		notes, diags := ParseNotes("editions/changes.yaml", data)
		if notes == nil && len(diags) == 0 {
			t.Fatal("no notes and no problem")
		}
		for _, d := range diags {
			if d.Pos.File != "editions/changes.yaml" {
				t.Fatalf("problem without its file: %v", d)
			}
		}
	})
}

// FuzzParseRecord: a record edited, truncated or replaced is refused with
// a problem, never accepted silently and never a panic.
func FuzzParseRecord(f *testing.F) {
	good := testRecord("2.0", Rec{ID: "a", Label: "1.1", Text: "Act.", Surround: "01"}).Marshal("Guide")
	f.Add(good)
	f.Add([]byte("version: \"2.0\"\nhash: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, diags := Parse("editions/2.0.yaml", data)
		if len(diags) == 0 && (r == nil || !strings.Contains(string(data), r.file().Hash)) {
			t.Fatal("accepted a record that does not match its hash")
		}
	})
}
