package search

import (
	"slices"
	"testing"
	"unicode"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Łódź": "lodz", "Österreich": "osterreich", "ØRESUND": "oresund", "Straße": "strasse",
		"Crème Brûlée": "creme brulee", "victims’": "victims’",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("Victims’ safety: the victim's own risk-assessment, in Łódź (2019).")
	want := []string{"victims", "safety", "the", "victims", "own", "risk", "assessment", "in", "lodz", "2019"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestStemEnglish(t *testing.T) {
	groups := [][]string{
		{"monitor", "monitors", "monitoring", "monitored"},
		{"share", "shared", "sharing", "shares"},
		{"disaggregate", "disaggregated", "disaggregation"},
		{"child", "children"},
		{"service", "services"},
		{"plan", "planned", "planning", "plans"},
		{"train", "training", "trained", "trains"},
		{"policy", "policies"},
		{"refer", "referring", "referred"},
		{"assess", "assessed", "assessing"},
		{"process", "processes"},
		{"manage", "management", "managing", "managed"},
		{"evaluate", "evaluation", "evaluated", "evaluating"},
	}
	for _, g := range groups {
		want := StemEnglish(g[0])
		for _, w := range g[1:] {
			if got := StemEnglish(w); got != want {
				t.Errorf("StemEnglish(%q) = %q, but StemEnglish(%q) = %q", w, got, g[0], want)
			}
		}
	}
	for _, w := range []string{"focus", "crisis", "bus", "need", "use", "case", "data"} {
		if got := StemEnglish(w); len(got) < 3 {
			t.Errorf("StemEnglish(%q) = %q: too short", w, got)
		}
	}
	if StemEnglish("risk") == StemEnglish("risen") {
		t.Error("unrelated words joined")
	}
}

// FuzzFold: the shortcuts for ASCII give what the general path gives.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Plain ASCII, with 123 Digits.", "Łódź", "\xff\x00A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldRunes(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
		for _, r := range s {
			if isWordRune(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				t.Fatalf("isWordRune(%q) is wrong", r)
			}
		}
	})
}
