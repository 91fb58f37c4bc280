package load

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/synth"
)

// sameNode reports how a node read by fastYAML differs from yaml.v3's, or
// "" if it does not, in everything but comments.
func sameNode(got, want *yaml.Node, path string) string {
	if got.Kind != want.Kind || got.Style != want.Style || got.Tag != want.Tag || got.Value != want.Value ||
		got.Line != want.Line || got.Column != want.Column || got.Anchor != want.Anchor || got.Alias != nil ||
		len(got.Content) != len(want.Content) {
		return fmt.Sprintf("%s: got %+v\nwant %+v", path, *got, *want)
	}
	for i := range got.Content {
		if d := sameNode(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// compareYAML reads src both ways. It fails if fastYAML reads it and yaml.v3
// reads it differently or not at all; it reports whether fastYAML read it.
func compareYAML(t *testing.T, name string, src []byte) bool {
	t.Helper()
	got := fastYAML(src)
	if got == nil {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s: fastYAML read what yaml.v3 refuses (%v):\n%s", name, err, src)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		t.Fatalf("%s: fastYAML read what yaml.v3 reads as %v", name, doc.Kind)
	}
	if d := sameNode(got, doc.Content[0], name); d != "" {
		t.Fatalf("%s\nin:\n%s", d, src)
	}
	return true
}

// contentYAML returns the YAML of every content file of a site: whole
// files and Markdown front matter.
func contentYAML(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(p, ".yaml"):
			out[p] = data
		case strings.HasSuffix(p, ".md") && strings.HasPrefix(p, "content/"):
			if front, _, err := SplitFrontMatter(data); err == nil && len(front) > 0 {
				out[p] = front
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFastYAMLReadsContentAsYAMLDoes: every content file of the default site
// and of a synthetic site reads the same both ways, and fastYAML reads
// nearly all of them itself.
func TestFastYAMLReadsContentAsYAMLDoes(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 200, 5); err != nil {
		t.Fatal(err)
	}
	for name, fsys := range map[string]fs.FS{"default": riskguide.Default, "synthetic": os.DirFS(dir)} {
		files := contentYAML(t, fsys)
		fast := 0
		var slow []string
		for p, data := range files {
			if compareYAML(t, p, data) {
				fast++
			} else {
				slow = append(slow, p)
			}
		}
		t.Logf("%s: %d of %d files read by fastYAML; not: %v", name, fast, len(files), slow)
		if name == "synthetic" && fast != len(files) || fast*10 < len(files)*8 {
			t.Errorf("%s: fastYAML read %d of %d files; not %v", name, fast, len(files), slow)
		}
	}
}

// TestFastYAMLCases: small documents at the edges of the subset, each
// either read the same as yaml.v3 or left to it.
func TestFastYAMLCases(t *testing.T) {
	cases := []struct {
		src  string
		fast bool
	}{
		{"a: b\n", true},
		{"a: b", true},
		{"a:   spaced value   \nb: 'it''s'\nc: \"quoted\"\n", true},
		{"list:\n  - one\n  - two\nnext: x\n", true},
		{"list:\n- one\n- two\nnext: x\n", true},
		{"items:\n  -   id: x\n      name: y\n  - id: z\n", true},
		{"ids: [a, b-c, d_e]\nnone: []\nnums: [1, 2]\n", true},
		{"text: |\n  line one\n\n    indented\n  last\n\n\nnext: x\n", true},
		{"text: |-\n  strip\n\nx: y\n", true},
		{"text: |+\n  keep\n\n\nx: y\n", true},
		{"# comment\na: b # not a comment in a plain value? yes it is\n", false},
		{"# leading comment\na: b\n  # indented comment\nc: d\n", false},
		{"# leading comment\na: b\n# comment\nc: d\n", true},
		{"year: 2019\ndate: 2019-09-30\nflag: true\nnull: ~\nver: 1.0\n", true},
		{"text: |\n  # a heading, not a comment\n  body\n", true},
		{"a: b\n  c\n", false},              // continues on the next line
		{"a:\n", false},                     // empty
		{"a: &x b\n", false},                // anchor
		{"a: >\n  folded\n", false},         // folded
		{"a: |2\n   x\n", false},            // indentation indicator
		{"a: \"esc\\n\"\n", false},          // escape
		{"a: 'two\n  lines'\n", false},      // multi-line quoted
		{"a:\tb\n", false},                  // tab
		{"a: b\r\nc: d\r\n", false},         // CR
		{"- a\n- b\n", true},                // a list at the top
		{"a: b\na: c\n", true},              // duplicate keys: yaml.v3 reads both
		{"a: text: more\n", false},          // not YAML
		{"a: |\n  no final break", false},   // chomping at the end of the file
		{"a: x\n b: y\n", false},            // bad indentation
		{"text: |\n  a\n   \n  b\n", false}, // spaces-only line in a block
		{"a: é ünïcode ☂ 𝄞\n", true},
		{"a: b\u2028c\n", false},
		{"k: \"\"\nl: ''\n", true},
		{strings.Repeat("k", 256) + ": v\n", true},
		{strings.Repeat("9", 1100) + ": v\n", false}, // too long for a key
	}
	for _, c := range cases {
		if got := compareYAML(t, fmt.Sprintf("%q", c.src), []byte(c.src)); got != c.fast {
			t.Errorf("%q: read by fastYAML: %v, want %v", c.src, got, c.fast)
		}
	}
}

func FuzzFastYAML(f *testing.F) {
	for _, data := range contentYAML(&testing.T{}, riskguide.Default) {
		f.Add(data)
	}
	for _, s := range []string{"a: b\n", "l:\n- x\n- y: z\n  w: |\n    t\n", "a: [b, c]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		compareYAML(t, "fuzz", src)
	})
}
