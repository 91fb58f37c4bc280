package site

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// TestAssessmentFormat: the format file is complete, every scored status is
// a status, and the script the page reads holds the same values.
func TestAssessmentFormat(t *testing.T) {
	f := AssessmentFormat
	if f.Format != "riskguide-self-assessment" || f.Version != 4 || len(f.Reads) != 4 || len(f.EditionKeys) != 3 || f.TextHashPattern == "" || f.DefaultScale == "" || f.MaxScaleLevels == 0 || len(f.SignOffKeys) != 4 || len(f.Statuses) != 6 ||
		f.Limits.Bytes == 0 || f.Limits.Text == 0 || f.Limits.Name == 0 || f.Limits.ID == 0 || f.Limits.Answers == 0 ||
		len(f.AssessmentKeys) == 0 || len(f.AnswerKeys) == 0 || f.EntryYears[0] < 1 || f.EntryYears[1] <= f.EntryYears[0] || f.EntryYears[1] > 9999 {
		t.Fatalf("incomplete format: %+v", f)
	}
	for s := range f.Points {
		if !slices.Contains(f.Statuses, s) {
			t.Errorf("points for unknown status %q", s)
		}
	}
	js := AssessmentFormatScript()
	const prefix = "window.riskguideAssessmentFormat = "
	i := bytes.Index(js, []byte(prefix))
	if i < 0 || !bytes.HasSuffix(js, []byte(";\n")) {
		t.Fatalf("script:\n%s", js)
	}
	var got ExportFormat
	if err := json.Unmarshal(js[i+len(prefix):len(js)-2], &got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Statuses, f.Statuses) || got.Format != f.Format || got.Limits != f.Limits || got.EntryYears != f.EntryYears {
		t.Errorf("the script holds %+v", got)
	}
}
