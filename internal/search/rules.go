package search

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The rules that turn text into terms are data, in rules.json, written once
// for both sides: this package builds the index by them, and the index's
// manifest carries them to assets/js/search.js, which turns a query into
// terms by the same rules. testdata/text-cases.json holds texts with the
// words and terms both must make of them (TestTextCases here, and
// TestSearchTextCases in the browser).

//go:embed rules.json
var rulesJSON []byte

// TextRules are the contents of rules.json.
type TextRules struct {
	Fold struct {
		Special map[string]string `json:"special"`
	} `json:"fold"`
	Words struct {
		Apostrophes []string `json:"apostrophes"`
	} `json:"words"`
	Stop map[string][]string    `json:"stop"`
	Stem map[string]SuffixRules `json:"stem"`
}

// SuffixRules describe a stemmer that removes suffixes (see rules.json).
type SuffixRules struct {
	Irregular      map[string]string `json:"irregular"`
	Short          int               `json:"short"`
	Suffixes       []Suffix          `json:"suffixes"`
	KeepS          []string          `json:"keepS"`
	UndoubleAfter  []string          `json:"undoubleAfter"`
	UndoubleExcept string            `json:"undoubleExcept"`
	DropEAbove     int               `json:"dropEAbove"`
}

// Suffix is a suffix, what replaces it, and how many characters must stay
// before it; in JSON, ["ations", "ate", 3].
type Suffix struct {
	Suffix, Replace string
	MinStem         int
}

// UnmarshalJSON reads the three-element array form.
func (s *Suffix) UnmarshalJSON(b []byte) error {
	var a []any
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if len(a) == 3 {
		suf, ok1 := a[0].(string)
		rep, ok2 := a[1].(string)
		n, ok3 := a[2].(float64)
		if ok1 && ok2 && ok3 {
			*s = Suffix{suf, rep, int(n)}
			return nil
		}
	}
	return fmt.Errorf("a suffix is [suffix, replacement, minimum stem], not %s", b)
}

// MarshalJSON writes the three-element array form.
func (s Suffix) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{s.Suffix, s.Replace, s.MinStem})
}

// Rules are the text rules the index was built with.
var Rules = readRules()

// foldSpecial maps letters that Unicode does not decompose into a base letter
// and a mark, so that "lodz" finds "Łódź" and "osterreich" finds "Østerreich".
var foldSpecial = map[rune]string{}

// apostrophes are dropped inside a word.
var apostrophes []rune

func readRules() TextRules {
	var r TextRules
	if err := json.Unmarshal(rulesJSON, &r); err != nil {
		panic("search: rules.json: " + err.Error()) // embedded; TestRules reads it too
	}
	for k, v := range r.Fold.Special {
		rs := []rune(k)
		if len(rs) != 1 {
			panic("search: rules.json: fold.special keys are single letters, not " + k)
		}
		foldSpecial[rs[0]] = v
	}
	for _, a := range r.Words.Apostrophes {
		apostrophes = append(apostrophes, []rune(a)...)
	}
	for lang, words := range r.Stop {
		StopWords[lang] = map[string]bool{}
		for _, w := range words {
			StopWords[lang][w] = true
		}
	}
	return r
}

// StopWords are words too common to index, per language; the query drops
// them too (the manifest carries the list to the browser).
var StopWords = map[string]map[string]bool{}

// browserRules are the rules the manifest carries for an index in lang:
// the stemmer only where search.js applies it (see jsStemmers).
func browserRules(lang string) map[string]any {
	m := map[string]any{"special": Rules.Fold.Special, "apostrophes": Rules.Words.Apostrophes}
	if s, ok := Rules.Stem[lang]; ok && jsStemmers[lang] {
		m["stem"] = s
	}
	return m
}

// suffixStemmer returns the stemmer rules describe.
func suffixStemmer(r SuffixRules) Stemmer {
	return func(w string) string {
		if irr, ok := r.Irregular[w]; ok {
			return irr
		}
		if runes(w) <= r.Short {
			return w
		}
		for _, s := range r.Suffixes {
			if !strings.HasSuffix(w, s.Suffix) || runes(w)-runes(s.Suffix) < s.MinStem {
				continue
			}
			if s.Suffix == "s" && slices.ContainsFunc(r.KeepS, func(k string) bool { return strings.HasSuffix(w, k) }) {
				break
			}
			w = w[:len(w)-len(s.Suffix)] + s.Replace
			if slices.Contains(r.UndoubleAfter, s.Suffix) {
				// "planned" -> "plan", "referring" -> "refer"; not "assess".
				rs := []rune(w)
				if n := len(rs); n >= 2 && rs[n-1] == rs[n-2] && !strings.ContainsRune(r.UndoubleExcept, rs[n-1]) {
					w = string(rs[:n-1])
				}
			}
			break
		}
		if runes(w) > r.DropEAbove && strings.HasSuffix(w, "e") {
			w = w[:len(w)-1]
		}
		return w
	}
}
