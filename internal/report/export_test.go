package report

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func validExport(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/exports/north.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseValid(t *testing.T) {
	data := validExport(t)
	e, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if e.Assessment.Organisation != "North Police" || e.Answers["mandatory-training"].Status != "evaluated" || len(e.Answers) != 5 {
		t.Errorf("parsed %+v", e)
	}
	// north.json is a version 1 file, as exports were written before the
	// sign-off: it reads as a draft without one, and is written back as
	// the current version with nothing lost, on the built-in scale, each
	// answer given under the edition the file names, its text's hash not
	// known.
	got := Marshal(e)
	want := strings.Replace(string(data), `"version": 1,`, `"version": 4,`, 1)
	want = regexp.MustCompile(`("updated": "[^"]*")(\n    })`).ReplaceAllString(want, `$1,
      "edition": "1.0",
      "textHash": "",
      "reviewed": ""$2`)
	want = regexp.MustCompile(`("fingerprint": "[^"]*")`).ReplaceAllString(want, `$1,
    "scale": "`+DefaultScale+`"`)
	want = strings.Replace(want, `"updated": "2026-03-01T09:00:00.000Z"
  },`, `"updated": "2026-03-01T09:00:00.000Z",
    "final": false,
    "approvedBy": "",
    "approverRole": "",
    "approvedOn": ""
  },`, 1)
	if string(got) != want {
		t.Errorf("Marshal of a version 1 file:\n%s\nwant:\n%s", got, want)
	}
	again, err := Parse(got)
	if err != nil || !reflect.DeepEqual(again, e) {
		t.Errorf("version 2 written from version 1 reads back as %+v, %v", again, err)
	}
	// A byte order mark, as an editor may add, is allowed.
	if _, err := Parse(append([]byte("\xef\xbb\xbf"), data...)); err != nil {
		t.Errorf("with a BOM: %v", err)
	}
}

func TestParseRefuses(t *testing.T) {
	valid := string(validExport(t))
	repl := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("test data lacks %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	tests := []struct {
		name, data, want string
	}{
		{"empty", "  \n", "is empty"},
		{"not json", "<html>", "is not JSON"},
		{"trailing", valid + "{}", "more data after the end"},
		{"array", "[]", "is not a riskguide self-assessment export"},
		{"other format", repl(`"riskguide-self-assessment"`, `"something-else"`), "is not a riskguide self-assessment export"},
		{"newer version", repl(`"version": 1,`, `"version": 5,`), "is version 5 of the format"},
		{"version 2 without sign-off", repl(`"version": 1,`, `"version": 2,`), "assessment.final is missing"},
		{"sign-off in version 1", repl(`"completedBy": "A. Lead",`, `"completedBy": "A. Lead", "final": false,`), "assessment.final is not part of the format"},
		{"version as text", repl(`"version": 1,`, `"version": "1",`), "version must be a whole number"},
		{"fractional version", repl(`"version": 1,`, `"version": 1.5,`), "version must be a whole number"},
		{"unknown key", repl(`"format"`, `"extra": 1, "format"`), "extra is not part of the format"},
		{"missing key", repl(`"unit": "Public protection",`, ``), "assessment.unit is missing"},
		{"wrong type", repl(`"organisation": "North Police"`, `"organisation": 7`), "assessment.organisation must be text"},
		{"guidance not object", replaceValue(t, valid, "guidance", []int{}), "guidance must be a group"},
		{"bad id", repl(`"id": "a-north-2026"`, `"id": "A North"`), "assessment.id is not a valid identifier"},
		{"empty name", repl(`"name": "North 2026"`, `"name": "  "`), "assessment.name must not be empty"},
		{"bad time", repl(`"created": "2026-01-10T08:00:00.000Z"`, `"created": "yesterday"`), "assessment.created is not a date and time"},
		{"bad answer id", repl(`"mandatory-training": {`, `"Mandatory Training": {`), "answers.Mandatory Training is not a valid identifier"},
		{"bad status", repl(`"status": "evaluated"`, `"status": "done"`), "answers.mandatory-training.status is not one of the statuses"},
		{"html status", repl(`"status": "evaluated"`, `"status": "<b>in-place</b>"`), "is not one of the statuses"},
		{"bad date", repl(`"targetDate": "2026-12-31"`, `"targetDate": "2026-02-30"`), "is not a date written as YYYY-MM-DD"},
		{"long text", repl(`"evidence": "Completion 96%."`, `"evidence": "`+strings.Repeat("é", MaxText+1)+`"`), "is longer than 10000 characters"},
		{"too big", valid + strings.Repeat(" ", MaxBytes), "larger than the limit"},
		{"deep", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "is not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func replaceValue(t *testing.T, data, key string, v any) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		t.Fatal(err)
	}
	m[key] = v
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseTooManyAnswers(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "riskguide-self-assessment", "version": 1, "guidance": {"title": "", "version": "", "fingerprint": ""},
"assessment": {"id": "a", "name": "n", "organisation": "", "unit": "", "period": "", "completedBy": "", "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"},
"answers": {`)
	for i := 0; i <= MaxAnswers; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"r` + itoa(i) + `": 0`)
	}
	b.WriteString("}}")
	if _, err := Parse([]byte(b.String())); err == nil || !strings.Contains(err.Error(), "more than 5000 answers") {
		t.Errorf("error %v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// FuzzParseExport proves that no input makes Parse panic, and that what it
// accepts it writes back in a form it reads as the same export.
func FuzzParseExport(f *testing.F) {
	for _, name := range []string{"north", "south", "east", "bad-version", "not-json"} {
		data, err := os.ReadFile("testdata/exports/" + name + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// The files of the written rule, but for the two of 2 MB.
	entries, err := os.ReadDir(formatDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if data, err := os.ReadFile(formatDir + "/" + e.Name()); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format": "riskguide-self-assessment", "version": 1e0}`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Parse(data)
		if err != nil {
			return
		}
		out := Marshal(e)
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("Marshal wrote what Parse refuses: %v\n%s", err, out)
		}
		// Empty answers are not written.
		for k, a := range e.Answers {
			if a.Empty() {
				delete(e.Answers, k)
			}
		}
		if !reflect.DeepEqual(e, again) {
			t.Fatalf("round trip changed the export:\n%+v\n%+v", e, again)
		}
	})
}
