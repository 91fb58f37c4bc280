package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The rules here follow rules.json, which search.js receives in the index's
// manifest (see rules.go).

// Fold lower-cases s and removes diacritics.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // what foldRunes does, without decoding
	}
	return foldRunes(s)
}

func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		foldRune(&b, r)
	}
	return b.String()
}

// foldRune writes the folded form of one character. ASCII, nearly all of
// most texts, needs no decomposition.
func foldRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteByte(byte(r))
		return
	}
	if f, ok := foldSpecial[r]; ok {
		b.WriteString(f)
		return
	}
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if f, ok := foldSpecial[d]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(d))
	}
}

// Words splits folded text into words: runs of letters and digits. An
// apostrophe inside a word is dropped ("victim's" gives "victims"). The
// words share the memory of the folded text, apart from the few that lose
// an apostrophe: indexing a large site splits millions of words.
func Words(s string) []string { return appendWords(nil, s) }

// appendWords appends the words of s to out.
func appendWords(out []string, s string) []string {
	f := Fold(s)
	start := -1    // where the current word starts in f, or -1
	var cut []byte // the current word so far, once it has lost an apostrophe
	end := func(i int) {
		switch {
		case start < 0:
		case cut != nil:
			out = append(out, string(cut))
		default:
			out = append(out, f[start:i])
		}
		start, cut = -1, nil
	}
	for i, r := range f {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			if cut != nil {
				cut = utf8.AppendRune(cut, r)
			}
		case slices.Contains(apostrophes, r) && start >= 0 && letterAt(f, i+utf8.RuneLen(r)):
			// keep the word whole
			if cut == nil {
				cut = append(make([]byte, 0, 32), f[start:i]...)
			}
		default:
			end(i)
		}
	}
	end(len(f))
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isWordRune reports whether r is a letter or digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// letterAt reports whether s has a letter at byte offset i.
func letterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// A Stemmer reduces a folded word to the form stored in the index. Other
// languages plug in here, and in the matching table of search.js.
type Stemmer func(string) string

// Stemmers holds a stemmer per primary language subtag; a language without
// one is indexed word for word.
var Stemmers = map[string]Stemmer{"en": StemEnglish}

// StemmerFor returns the stemmer of a BCP 47 language tag.
func StemmerFor(lang string) (Stemmer, string) {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if s, ok := Stemmers[primary]; ok {
		return s, primary
	}
	return func(w string) string { return w }, ""
}

// StemEnglish is a light English stemmer (rules.json): it joins plurals and
// the common verb and noun forms ("monitor", "monitors", "monitoring",
// "monitored"; "share", "sharing"; "disaggregate", "disaggregation") and
// leaves the rest.
var StemEnglish = suffixStemmer(Rules.Stem["en"])

// runes counts characters, as search.js does.
func runes(s string) int { return utf8.RuneCountInString(s) }
