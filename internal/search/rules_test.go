package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// textCases are testdata/text-cases.json, which the browser test of
// search.js reads too.
type textCases struct {
	Lang  string `json:"lang"`
	Cases []struct {
		Text  string   `json:"text"`
		Words []string `json:"words"`
		Terms []string `json:"terms"`
	} `json:"cases"`
}

// TestTextCases checks the Go side of the shared text rules against the
// shared cases.
func TestTextCases(t *testing.T) {
	data, err := os.ReadFile("testdata/text-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var tc textCases
	if err := json.Unmarshal(data, &tc); err != nil {
		t.Fatal(err)
	}
	if len(tc.Cases) < 10 {
		t.Fatalf("only %d cases", len(tc.Cases))
	}
	stem, lang := StemmerFor(tc.Lang)
	for _, c := range tc.Cases {
		words := Words(c.Text)
		if !slices.Equal(words, c.Words) {
			t.Errorf("Words(%q) = %q, want %q", c.Text, words, c.Words)
		}
		var terms []string
		for _, w := range words {
			if !StopWords[lang][w] {
				terms = append(terms, stem(w))
			}
		}
		if !slices.Equal(terms, c.Terms) {
			t.Errorf("terms of %q = %q, want %q", c.Text, terms, c.Terms)
		}
	}
}

// TestRules checks that rules.json says what the code reads: a key the
// code does not know would be a rule one side might follow and the other not.
func TestRules(t *testing.T) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rulesJSON, &raw); err != nil {
		t.Fatal(err)
	}
	for k := range raw {
		if !slices.Contains([]string{"about", "aboutStop", "fold", "words", "stop", "stem"}, k) {
			t.Errorf("rules.json: unknown key %q", k)
		}
	}
	en := Rules.Stem["en"]
	if len(en.Suffixes) == 0 || en.Short == 0 || len(Rules.Fold.Special) == 0 || len(apostrophes) == 0 || len(StopWords["en"]) == 0 {
		t.Errorf("rules.json read incompletely: %+v", Rules)
	}
	if got := StemEnglish("monitoring"); got != "monitor" {
		t.Errorf("StemEnglish(monitoring) = %q", got)
	}
}
