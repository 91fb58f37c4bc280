package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The rules in this file are mirrored exactly by assets/js/search.js, which
// must turn a query into the same terms the index holds; TestJavaScriptParity
// runs both on the same words.

// foldSpecial maps letters that Unicode does not decompose into a base letter
// and a mark, so that "lodz" finds "Łódź" and "osterreich" finds "Østerreich".
var foldSpecial = map[rune]string{
	'ł': "l", 'Ł': "l", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ħ': "h", 'Ħ': "h",
	'ı': "i", 'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th",
	'ð': "d", 'Ð': "d", 'ŀ': "l", 'Ŀ': "l",
}

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
		case (r == '\'' || r == '’') && start >= 0 && letterAt(f, i+utf8.RuneLen(r)):
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

// englishIrregular are plurals no suffix rule reaches.
var englishIrregular = map[string]string{"children": "child", "women": "woman", "men": "man", "people": "person"}

// englishSuffixes are tried longest first; the first that matches with
// enough of the word left is removed or replaced.
var englishSuffixes = []struct {
	suffix, replace string
	minStem         int
}{
	{"izations", "ize", 3}, {"isations", "ise", 3}, {"ization", "ize", 3}, {"isation", "ise", 3},
	{"ations", "ate", 3}, {"ation", "ate", 3},
	{"ments", "", 4}, {"ment", "", 4},
	{"ness", "", 4},
	{"sses", "ss", 1},
	{"ities", "ity", 3}, {"ies", "y", 2},
	{"ings", "", 4}, {"ing", "", 4},
	{"ed", "", 4},
	{"es", "", 4},
	{"s", "", 3},
}

// StemEnglish is a light English stemmer: it joins plurals and the common
// verb and noun forms ("monitor", "monitors", "monitoring", "monitored";
// "share", "sharing"; "disaggregate", "disaggregation") and leaves the rest.
func StemEnglish(w string) string {
	if irr, ok := englishIrregular[w]; ok {
		return irr
	}
	if runes(w) <= 3 {
		return w
	}
	for _, s := range englishSuffixes {
		if !strings.HasSuffix(w, s.suffix) || runes(w)-len(s.suffix) < s.minStem {
			continue
		}
		if s.suffix == "s" && (strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is")) {
			break
		}
		w = w[:len(w)-len(s.suffix)] + s.replace
		if s.suffix == "ing" || s.suffix == "ings" || s.suffix == "ed" {
			// "planned" -> "plan", "referring" -> "refer"; not "assess".
			r := []rune(w)
			if n := len(r); r[n-1] == r[n-2] && !strings.ContainsRune("aeiousz", r[n-1]) {
				w = string(r[:n-1])
			}
		}
		break
	}
	if runes(w) > 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// runes counts characters, as search.js does.
func runes(s string) int { return utf8.RuneCountInString(s) }
