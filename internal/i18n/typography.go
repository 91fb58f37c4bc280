package i18n

import (
	"strings"
)

// nnbsp is U+202F NARROW NO-BREAK SPACE, which French typography puts
// before : ; ? ! and inside « », so that the mark never starts a line.
const nnbsp = '\u202f'

// typography returns the function that fits an interface string to the
// typographic rules of lang, or nil when the language needs none. The
// translations are written with ordinary spaces (or none); the rules are
// applied here, once, so that no translator has to type an invisible
// character in every string.
func typography(lang string) func(string) string {
	primary, _, _ := strings.Cut(lang, "-")
	if primary == "fr" {
		return frenchSpacing
	}
	return nil
}

// UseTypography applies the typographic rules of the strings' language
// to every string, those of the page scripts too. load calls it last, when
// the site's terms and scale are in the strings.
func (m *Messages) UseTypography() {
	if f := typography(m.lang); f != nil {
		m.rewrite(f)
	}
}

// frenchSpacing puts a narrow no-break space before : ; ? and ! and inside
// « », replacing an ordinary or no-break space written there, or adding one
// when none was. A mark that does not end a phrase is left alone: the
// colon of 10:30 or https://, the ? of a query string (?q=), a mark at the
// start of the string, or a second mark right after a first (?!).
func frenchSpacing(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ':' || r == ';' || r == '?' || r == '!':
			if endsPhrase(rs, i) {
				trimSpaceBefore(&b)
				if b.Len() > 0 {
					b.WriteRune(nnbsp)
				}
			} else if continuesPhrase(rs, i) {
				// " : preuves", written to follow a name: the space
				// before the mark is the one French needs.
				b.Reset()
				b.WriteRune(nnbsp)
			}
			b.WriteRune(r)
		case r == '«':
			b.WriteRune(r)
			b.WriteRune(nnbsp)
			for i+1 < len(rs) && isSpace(rs[i+1]) {
				i++
			}
		case r == '»':
			trimSpaceBefore(&b)
			b.WriteRune(nnbsp)
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// continuesPhrase reports whether the mark at rs[i] has only spaces, at
// least one, before it: the string continues a phrase another string began.
func continuesPhrase(rs []rune, i int) bool {
	if i == 0 {
		return false
	}
	for _, r := range rs[:i] {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// endsPhrase reports whether the mark at rs[i] closes a phrase: it follows
// a word, a number, a placeholder or a closing mark, and is followed by a
// space, the end of the string, a closing quote or another such mark.
func endsPhrase(rs []rune, i int) bool {
	if i == 0 {
		return false
	}
	if i+1 < len(rs) {
		next := rs[i+1]
		if !isSpace(next) && next != '»' && next != '"' && next != '”' && next != ')' && !strings.ContainsRune(":;?!", next) {
			return false
		}
	}
	j := i - 1
	for j >= 0 && isSpace(rs[j]) {
		j--
	}
	// Nothing before it, or a mark right before it (?!): no space.
	return j >= 0 && !(j == i-1 && strings.ContainsRune(":;?!", rs[j]))
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == nnbsp }

// trimSpaceBefore drops the ordinary, no-break or narrow spaces at the end
// of b, to be replaced by one narrow no-break space.
func trimSpaceBefore(b *strings.Builder) {
	s := b.String()
	t := strings.TrimRightFunc(s, isSpace)
	if len(t) != len(s) {
		b.Reset()
		b.WriteString(t)
	}
}
