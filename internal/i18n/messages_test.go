package i18n

import "testing"

// TestPluralFormsCLDR: the plural form of a whole number is CLDR's, in any
// language CLDR knows, not only those with built-in strings. The expected
// forms are CLDR's rules written out (cldr plurals.xml, integers).
func TestPluralFormsCLDR(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    []int
		want string
	}{
		{"en", []int{1}, "one"}, {"en", []int{0, 2, 11, 21}, "other"},
		{"fr", []int{0, 1}, "one"}, {"fr", []int{2, 10}, "other"}, {"fr-CA", []int{1}, "one"},
		{"pl", []int{1}, "one"}, {"pl", []int{2, 3, 4, 22, 24, 102}, "few"}, {"pl", []int{0, 5, 11, 12, 13, 14, 21, 25, 112}, "many"},
		{"cs", []int{1}, "one"}, {"cs", []int{2, 3, 4}, "few"}, {"cs", []int{0, 5, 11, 21, 22, 101}, "other"},
		{"lt", []int{1, 21, 31, 101}, "one"}, {"lt", []int{2, 9, 22, 29}, "few"}, {"lt", []int{0, 10, 11, 12, 19, 20, 30, 111}, "other"},
		{"sl", []int{1, 101}, "one"}, {"sl", []int{2, 102}, "two"}, {"sl", []int{3, 4, 103}, "few"}, {"sl", []int{0, 5, 100}, "other"},
		{"de", []int{1}, "one"}, {"de", []int{0, 2}, "other"},
	} {
		for _, n := range c.n {
			if got := pluralForm(c.lang, n); got != c.want {
				t.Errorf("pluralForm(%s, %d) = %s, want %s", c.lang, n, got, c.want)
			}
		}
	}
}
