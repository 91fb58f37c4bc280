package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseField(t *testing.T) {
	tests := []struct {
		in    string
		label string
		multi bool
		n     int
	}{
		{"[[Name]] rest", "Name", false, 8},
		{"[[Notes...]]", "Notes", true, 12},
		{"[[ Spaced label ]]", "Spaced label", false, 18},
		{"[[Notes…]]", "Notes", true, 12},
		{"[[]]", "", false, 0},
		{"[[   ...]]", "", false, 0},
		{"[[a [b] c]]", "", false, 0},
		{"[link](x)", "", false, 0},
		{"[[unclosed", "", false, 0},
	}
	for _, tc := range tests {
		label, multi, n := ParseField(tc.in)
		if label != tc.label || multi != tc.multi || n != tc.n {
			t.Errorf("ParseField(%q) = %q, %v, %d; want %q, %v, %d", tc.in, label, multi, n, tc.label, tc.multi, tc.n)
		}
	}
}

func render(src string) string {
	r := New(Options{})
	p := &Page{Resolve: func(kind, id string) (string, bool) {
		if id == "missing" {
			return "", false
		}
		return "../" + kind + "/" + id + "/index.html", true
	}}
	return string(r.Render(src, p))
}

func TestRender(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"cross-reference", "See [x](rec:train).", []string{`<a href="../rec/train/index.html">x</a>`}},
		{"cross-reference with fragment", "[x](result:a#b)", []string{`href="../result/a/index.html#b"`}},
		{"unknown target leads nowhere", "[x](rec:missing)", []string{`<a href="#">x</a>`}},
		{"one-line field", "Name: [[Your name]]", []string{`<label for="field-your-name">Your name</label>`, `<input type="text" id="field-your-name" name="field-your-name" data-field>`}},
		{"several-line field", "[[Notes...]]", []string{`<textarea id="field-notes" name="field-notes" rows="4" data-field></textarea>`}},
		{"repeated labels get unique ids", "[[Name]] [[Name]]", []string{`id="field-name"`, `id="field-name-1"`}},
		{"field label escaped", "[[<b>x</b>]]", []string{`&lt;b&gt;x&lt;/b&gt;</label>`}},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}},
		{"field in a table cell is named by its column", "| Name |\n|---|\n| [[Name 1]] |", []string{`<label class="visually-hidden" for="field-name-1">Name 1</label>`}},
		{"heading anchor", "## Who does what", []string{`<h2 id="who-does-what">`}},
		{"raw HTML dropped", "<script>alert(1)</script>", []string{"<!-- raw HTML omitted -->"}},
		{"code as classes", "```go\nfunc f() {}\n```", []string{`<pre class="chroma">`, `<span class="kd">func</span>`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(tc.src)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("render(%q) =\n%s\nwant it to contain %s", tc.src, got, w)
				}
			}
			if strings.Contains(got, "style=") {
				t.Errorf("inline style in %s", got)
			}
		})
	}
}

func TestUnsafeKeepsRawHTML(t *testing.T) {
	got := New(Options{Unsafe: true}).Render("<kbd>Ctrl</kbd>", &Page{})
	if !strings.Contains(string(got), "<kbd>Ctrl</kbd>") {
		t.Errorf("raw HTML not kept with Unsafe: %s", got)
	}
}

func TestReservedIDs(t *testing.T) {
	got := New(Options{}).Render("## Main", &Page{IDs: NewIDs("main")})
	if !strings.Contains(string(got), `id="main-1"`) {
		t.Errorf("heading took a reserved id: %s", got)
	}
}

func TestLinks(t *testing.T) {
	src := "Intro [a](rec:x) and [b](rec:x)\n![i](img.png) <https://example.org>"
	links := new(Texts).Links(src)
	if len(links) != 4 {
		t.Fatalf("got %d links: %+v", len(links), links)
	}
	for _, l := range links {
		if !strings.HasPrefix(src[l.Offset:], l.Dest) {
			t.Errorf("offset %d of %q points at %q", l.Offset, l.Dest, src[l.Offset:])
		}
	}
	if links[0].Offset == links[1].Offset {
		t.Error("two links to the same target got the same offset")
	}
	if !links[2].Image {
		t.Error("image not marked")
	}
}

func TestSplitRef(t *testing.T) {
	kind, id, frag, ok := SplitRef("rec:train#guidance")
	if !ok || kind != "rec" || id != "train" || frag != "guidance" {
		t.Errorf("SplitRef = %q %q %q %v", kind, id, frag, ok)
	}
	if _, _, _, ok := SplitRef("https://example.org"); ok {
		t.Error("a web address is not a cross-reference")
	}
}

func FuzzParseField(f *testing.F) {
	for _, s := range []string{"[[Name]]", "[[Notes...]]", "[[a]]]", "[[", "[[…]]", "[[\n]]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		label, _, n := ParseField(s)
		if n > len(s) {
			t.Fatalf("consumed %d of %d bytes", n, len(s))
		}
		if (n == 0) != (label == "") {
			t.Fatalf("label %q with length %d", label, n)
		}
		if strings.ContainsAny(label, "[]\n") {
			t.Fatalf("label %q holds brackets or a newline", label)
		}
	})
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"[[Name]]", "[x](rec:a)", "| [[a]] |\n|-|\n| b |", "```\ncode\n```", "[[x...]] [y](page:)", "| [[a]] [[rows: 3]] |\n|-|\n| *b* [[rows: 40]] |",
		"See www.example.org for more.", "Write to team@example.org today.", "(https://example.org/a_b) and *http://x.y*",
		"- [ ] task\n- [x] done", "ends in a tab\t\t\nand spaces     \nhere"} {
		f.Add(s)
	}
	r := New(Options{})
	resolve := func(kind, id string) (string, bool) { return "x", true }
	f.Fuzz(func(t *testing.T, s string) {
		out := r.Render(s, &Page{Resolve: resolve})
		if strings.Contains(string(out), "<script") {
			t.Fatalf("script in output of %q", s)
		}
	})
}

// TestLinkify: a bare address is linked on a page and left as it is in
// the plain text.
func TestLinkify(t *testing.T) {
	r := New(Options{})
	if !strings.Contains(string(r.Render("See www.example.org for more.", &Page{})), `<a href="http://www.example.org">`) {
		t.Error("a bare address is no longer linked")
	}
	if got, want := new(Texts).PlainText("Mail a@b.org or see www.example.org."), "Mail a@b.org or see www.example.org."; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestPlainText(t *testing.T) {
	got := new(Texts).PlainText("## Who\n\nThe **victim's** own [account](rec:x).\nNext line.\n\n- one\n- two\n\nName: [[Full name]] <b>raw</b>\n\n| a | b |\n|---|---|\n| c | d |\n")
	want := "Who The victim's own account. Next line. one two Name: Full name raw a b c d"
	if got != want {
		t.Errorf("PlainText =\n%q\nwant\n%q", got, want)
	}
}

// TestRawHTMLKeepsLinkFilter: raw_html lets HTML through, but a
// javascript: (or vbscript:, or data: other than an image) link or image is
// still published empty, as without it.
func TestRawHTMLKeepsLinkFilter(t *testing.T) {
	src := "[a](javascript:alert(1)) [b](VBSCRIPT:x) ![c](data:text/html,x) <javascript:alert(2)> ![d](data:image/png;base64,AA==) [e](https://example.org) <b>raw</b>"
	for _, unsafe := range []bool{false, true} {
		got := string(New(Options{Unsafe: unsafe}).Render(src, &Page{}))
		for _, bad := range []string{`="javascript:`, `="VBSCRIPT:`, `="data:text/html`} {
			if strings.Contains(got, bad) {
				t.Errorf("Unsafe=%v: %q is published:\n%s", unsafe, bad, got)
			}
		}
		for _, ok := range []string{`<a href="">a</a>`, `<img src="" alt="c">`, `src="data:image/png;base64,AA=="`, `href="https://example.org"`} {
			if !strings.Contains(got, ok) {
				t.Errorf("Unsafe=%v: want %s in\n%s", unsafe, ok, got)
			}
		}
		if raw := strings.Contains(got, "<b>raw</b>"); raw != unsafe {
			t.Errorf("Unsafe=%v: raw HTML passed = %v:\n%s", unsafe, raw, got)
		}
	}
	for _, dest := range []string{"javascript:x", "JavaScript:x", "vbscript:x", "file:///etc/passwd", "data:text/html,x", "data:image/svg+xml,x"} {
		if !UnsafeURL(dest) {
			t.Errorf("UnsafeURL(%q) = false", dest)
		}
	}
	for _, dest := range []string{"https://example.org", "../about/", "rec:x", "data:image/png;base64,AA==", "mailto:a@b.c"} {
		if UnsafeURL(dest) {
			t.Errorf("UnsafeURL(%q) = true", dest)
		}
	}
}

// TestRowsMarker repeats a table row as many times as its marker asks, each
// copy with fields of their own ids and numbered labels, and drops the
// marker; a marker outside a table, or asking for too few or too many rows,
// shows nothing and repeats nothing.
func TestRowsMarker(t *testing.T) {
	got := render("| Case | Trigger |\n| --- | --- |\n| [[Case reference]] | **Now:** [[Trigger]] [[rows: 3]] |\n")
	if n := strings.Count(got, "<tr>"); n != 4 {
		t.Errorf("%d rows, want a heading row and 3 rows:\n%s", n, got)
	}
	for _, want := range []string{`id="field-case-reference"`, `id="field-case-reference-1"`, `id="field-case-reference-2"`,
		`id="field-trigger-2"`, `>Case reference 3</label>`, `<strong>Now:</strong>`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	if strings.Count(got, "<strong>Now:</strong>") != 3 || strings.Contains(got, "rows:") {
		t.Errorf("each row keeps its text, and the marker goes:\n%s", got)
	}
	for _, src := range []string{"Text [[rows: 3]]\n", "| A |\n| --- |\n| [[A]] [[rows: 1]] |\n", "| A |\n| --- |\n| [[A]] [[rows: 999]] |\n"} {
		got := render(src)
		if strings.Contains(got, "rows") || strings.Count(got, "<tr>") > 2 {
			t.Errorf("%q gave\n%s", src, got)
		}
	}
	if c, n := ParseRows("[[ rows: 12 ]] rest"); c != 12 || n != len("[[ rows: 12 ]]") {
		t.Errorf("ParseRows = %d, %d", c, n)
	}
}

func TestHeadings(t *testing.T) {
	src := "Intro\n\n## Who *takes* part\n\ntext\n\nSetext\n------\n\n```\n# not a heading\n```\n"
	got := new(Texts).Headings(src)
	if want := []string{"Who takes part", "Setext"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Headings = %q, want %q", got, want)
	}
	if got := new(Texts).Headings("no headings here\n"); got != nil {
		t.Errorf("Headings of plain text = %q", got)
	}
}
