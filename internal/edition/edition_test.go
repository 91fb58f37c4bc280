package edition

import (
	"strings"
	"testing"
	"testing/fstest"
)

func testRecord(version string, recs ...Rec) *Record {
	return &Record{Version: version, Date: "2026-01-01", Results: []Result{{ID: "r1", Number: 1, Title: "One", Statement: "S", Recs: recs}}}
}

func TestRecordRoundTrip(t *testing.T) {
	r := testRecord("2.0", Rec{ID: "a", Label: "1.1", Text: "Police should act: \"now\".", Surround: "0123"})
	data := r.Marshal("Guide")
	got, diags := Parse("editions/2.0.yaml", data)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v\n%s", diags, data)
	}
	if got.Results[0].Recs[0].Text != r.Results[0].Recs[0].Text || got.Version != "2.0" {
		t.Fatalf("round trip changed the record: %+v", got)
	}
	if p := got.Results[0].Recs[0].Pos; p.Line == 0 {
		t.Errorf("recommendation has no position")
	}
	if string(r.Marshal("Guide")) != string(data) {
		t.Errorf("Marshal is not deterministic")
	}
}

func TestEditedRecordRefusedAtHash(t *testing.T) {
	data := string(testRecord("2.0", Rec{ID: "a", Label: "1.1", Text: "Police should act.", Surround: "0123"}).Marshal("Guide"))
	edited := strings.Replace(data, "should act", "must act", 1)
	_, diags := Parse("editions/2.0.yaml", []byte(edited))
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "changed after it was written") {
		t.Fatalf("want the edit refused, got %v", diags)
	}
	lines := strings.Split(edited, "\n")
	if l := diags[0].Pos.Line; l < 1 || !strings.HasPrefix(lines[l-1], "hash:") {
		t.Errorf("refused at line %d, not at the hash", l)
	}
	if _, diags := Parse("editions/2.1.yaml", []byte(data)); len(diags) != 1 || !strings.Contains(diags[0].Message, "must be named editions/2.0.yaml") {
		t.Errorf("a record under another version's name: %v", diags)
	}
}

func TestCompare(t *testing.T) {
	old := testRecord("2.0",
		Rec{ID: "same", Label: "1.1", Text: "Keep this.", Surround: "s"},
		Rec{ID: "amend", Label: "1.2", Text: "Officers should ensure the victim is safe.", Surround: "s"},
		Rec{ID: "fix", Label: "1.3", Text: "Recrod the risk.", Surround: "s"},
		Rec{ID: "gone", Label: "1.4", Text: "Old advice.", Surround: "s"},
		Rec{ID: "move", Label: "1.5", Text: "Moved text.", Surround: "s"},
		Rec{ID: "guide", Label: "1.6", Text: "Guided.", Surround: "s"},
	)
	cur := testRecord("2.1",
		Rec{ID: "same", Label: "1.1", Text: "Keep   this.", Surround: "s"},
		Rec{ID: "amend", Label: "1.2", Text: "Officers must make sure the victim is safe.", Surround: "s"},
		Rec{ID: "fix", Label: "1.3", Text: "Record the risk.", Surround: "s"},
		Rec{ID: "move", Label: "1.4", Text: "Moved text.", Surround: "s"},
		Rec{ID: "guide", Label: "1.5", Text: "Guided.", Surround: "t"},
		Rec{ID: "added", Label: "1.6", Text: "New advice.", Surround: "s"},
	)
	notes := &EditionNotes{
		Corrected: map[string]Note{"fix": {Text: "Typing error."}},
		Retired:   map[string]Retirement{"gone": {ReplacedBy: "added", Note: "Superseded."}},
	}
	got := map[string]Change{}
	var order []string
	for _, c := range Compare(old, cur, notes) {
		got[c.ID] = c
		order = append(order, c.ID+"="+string(c.Kind))
	}
	want := "amend=amended fix=corrected move=moved guide=revised added=new gone=retired"
	if strings.Join(order, " ") != want {
		t.Fatalf("changes:\n got %s\nwant %s", strings.Join(order, " "), want)
	}
	if !got["guide"].Moved || got["amend"].Moved {
		t.Errorf("moved flags wrong: %+v", got)
	}
	if g := got["gone"]; g.ReplacedBy != "added" || g.Note != "Superseded." {
		t.Errorf("retirement: %+v", g)
	}
	if n := got["fix"].Note; n != "Typing error." {
		t.Errorf("correction note %q", n)
	}
	var del, ins []string
	for _, s := range got["amend"].Diff {
		switch {
		case s.Op < 0:
			del = append(del, strings.TrimSpace(s.Text))
		case s.Op > 0:
			ins = append(ins, strings.TrimSpace(s.Text))
		}
	}
	if strings.Join(del, "|") != "should ensure" || strings.Join(ins, "|") != "must make sure" {
		t.Errorf("word diff: deleted %q inserted %q", del, ins)
	}
}

func TestReadAndHistory(t *testing.T) {
	r20 := testRecord("2.0", Rec{ID: "a", Label: "1.1", Text: "One.", Surround: "s"})
	r10 := testRecord("2.10", Rec{ID: "a", Label: "1.1", Text: "One more.", Surround: "s"})
	r9 := testRecord("2.9", Rec{ID: "a", Label: "1.1", Text: "One.", Surround: "s"}, Rec{ID: "b", Label: "1.2", Text: "Two.", Surround: "s"})
	fsys := fstest.MapFS{
		"editions/2.0.yaml":     {Data: r20.Marshal("G")},
		"editions/2.10.yaml":    {Data: r10.Marshal("G")},
		"editions/2.9.yaml":     {Data: r9.Marshal("G")},
		"editions/changes.yaml": {Data: []byte("\"2.10\":\n  retired:\n    b:\n      note: Merged into 1.1.\n")},
	}
	recs, notes, diags := Read(fsys)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var vs []string
	for _, r := range recs {
		vs = append(vs, r.Version)
	}
	if strings.Join(vs, " ") != "2.0 2.9 2.10" {
		t.Fatalf("versions in order: %v", vs)
	}
	cur := testRecord("3.0", Rec{ID: "a", Label: "1.1", Text: "One more.", Surround: "s"})
	steps := History(recs, cur, notes)
	if len(steps) != 3 || len(steps[2].Changes) != 0 || steps[2].To != cur {
		t.Fatalf("want 3 steps, the last to 3.0 changing nothing, got %d", len(steps))
	}
	if c := steps[1].Changes; len(c) != 2 || c[1].Kind != Retired || c[1].Note != "Merged into 1.1." {
		t.Errorf("2.9 to 2.10: %+v", c)
	}
	if _, diags := ParseNotes("editions/changes.yaml", []byte("\"2.1\":\n  fixed:\n    a: x\n")); len(diags) != 1 || diags[0].Pos.Line != 2 {
		t.Errorf("unknown field not reported at its line: %v", diags)
	}
}
