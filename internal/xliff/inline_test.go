package xliff

import "testing"

// TestInlineRoundTrip: Markdown's inline markup becomes codes and comes back
// byte for byte; plain brackets and stars stay text.
func TestInlineRoundTrip(t *testing.T) {
	for _, c := range []struct{ md, xml string }{
		{"Plain text.", "Plain text."},
		{"See [the guide](rec:train) and **this** or *that* or _this_.", `See <g id="1" ctype="link">the guide</g> and <g id="2" ctype="bold">this</g> or <g id="3" ctype="italic">that</g> or <g id="4" ctype="italic">this</g>.`},
		{"Name: [[Name]] and `code` at <https://example.org>.", `Name: <x id="1" ctype="x-field"/> and <x id="2" ctype="x-code"/> at <x id="3" ctype="x-autolink"/>.`},
		{"A [**bold** link](https://e.org/a_(b)) 3 * 4 [not a link] a < b & c", `A <g id="1" ctype="link"><g id="2" ctype="bold">bold</g> link</g>) 3 * 4 [not a link] a &lt; b &amp; c`},
		{"Two lines\nand\n\n- a list *item*", "Two lines\nand\n\n- a list <g id=\"1\" ctype=\"italic\">item</g>"},
		{`Escaped \*not\* emphasis`, `Escaped \*not\* emphasis`},
	} {
		s := parse(c.md)
		if got := markdownOf(s.parts, s.codes); got != c.md {
			t.Errorf("round trip of %q: %q", c.md, got)
		}
		if got := xmlOf(s.parts, s.codes); got != c.xml {
			t.Errorf("codes of %q:\n got %s\nwant %s", c.md, got, c.xml)
		}
	}
}
