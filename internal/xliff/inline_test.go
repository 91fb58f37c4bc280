package xliff

import (
	"strings"
	"testing"
)

// TestInlineRoundTrip: Markdown's inline markup becomes codes and comes back
// byte for byte; plain brackets and stars stay text.
func TestInlineRoundTrip(t *testing.T) {
	for _, c := range []struct{ md, xml string }{
		{"Plain text.", "Plain text."},
		{"See [the guide](rec:train) and **this** or *that* or _this_.", `See <bpt id="1" ctype="link">[</bpt>the guide<ept id="1">](rec:train)</ept> and <bpt id="2" ctype="bold">**</bpt>this<ept id="2">**</ept> or <bpt id="3" ctype="italic">*</bpt>that<ept id="3">*</ept> or <bpt id="4" ctype="italic">_</bpt>this<ept id="4">_</ept>.`},
		{"Name: [[Name]] and `code` at <https://example.org>.", `Name: <ph id="1" ctype="x-field">[[Name]]</ph> and <ph id="2" ctype="x-code">` + "`code`" + `</ph> at <ph id="3" ctype="x-autolink">&lt;https://example.org&gt;</ph>.`},
		{"A [**bold** link](https://e.org/a_(b)) 3 * 4 [not a link] a < b & c", `A <bpt id="1" ctype="link">[</bpt><bpt id="2" ctype="bold">**</bpt>bold<ept id="2">**</ept> link<ept id="1">](https://e.org/a_(b)</ept>) 3 * 4 [not a link] a &lt; b &amp; c`},
		{"Two lines\nand\n\n- a list *item*", "Two lines\nand\n\n- a list <bpt id=\"1\" ctype=\"italic\">*</bpt>item<ept id=\"1\">*</ept>"},
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

// TestDecodeTarget: a target's codes, as pairs or alone, in the file's form
// or the one some tools write (<g>, <x/>), come back as the source's
// Markdown, moved where the translator put them; a code broken, added,
// repeated or left out is refused.
func TestDecodeTarget(t *testing.T) {
	src := parse("See [the guide](rec:train), **now**: [[Name]].")
	for _, c := range []struct{ target, want, err string }{
		{`Voir <bpt id="1">[</bpt>le guide<ept id="1">](x)</ept> : <ph id="3">[[x]]</ph>, <bpt id="2">**</bpt>maintenant<ept id="2">**</ept>.`, "Voir [le guide](rec:train) : [[Name]], **maintenant**.", ""},
		{`<x id="3"/> <g id="1">guide</g>`, "[[Name]] [guide](rec:train)", ""},
		{`<mrk mtype="seg">Voir <ph id="3"/></mrk>`, "Voir [[Name]]", ""},
		{`Voir le guide`, "", "is missing"},
		{`<ph id="3"/><ph id="3"/>`, "", "twice"},
		{`<ph id="9"/>`, "", "not one of the source's"},
		{`<ph id="1"/><ph id="3"/>`, "", "not one of the source's"},
		{`<bpt id="1">[</bpt>x <ph id="3"/>`, "", "has no <ept>"},
		{`<bpt id="1">[</bpt>x<bpt id="2">**</bpt>y<ept id="1">]</ept><ept id="2">**</ept><ph id="3"/>`, "", "does not close"},
		{`<sub>x</sub><ph id="3"/>`, "", "not one of this file's"},
	} {
		root, err := readTree([]byte("<target>" + c.target + "</target>"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := decode(root, src, true)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("%s: %q, %v; want %q", c.target, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want one saying %q", c.target, err, c.err)
		}
	}
}

// FuzzInline: whatever the Markdown, its codes give it back byte for byte,
// and a target made of the source's own content decodes to the source.
func FuzzInline(f *testing.F) {
	for _, s := range []string{"See [the guide](rec:train), **now**: [[Name]].", "`a` <https://x.org> *b* _c_ \\*", "[[x|y]] [a [b] c](d)", "**a *b* c**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		s := parse(md)
		if got := markdownOf(s.parts, s.codes); got != md {
			t.Fatalf("round trip of %q: %q", md, got)
		}
		root, err := readTree([]byte("<target>" + xmlOf(s.parts, s.codes) + "</target>"))
		if err != nil {
			return // text that is not valid in XML (control characters)
		}
		got, err := decode(root, s, true)
		if err != nil || got != md {
			t.Fatalf("decoding the codes of %q: %q, %v", md, got, err)
		}
	})
}
