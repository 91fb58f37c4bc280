package markdown

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// TestCodeCSSIsGithubStyle: the theme's code.css is what chroma writes for
// its "github" style with our formatter. After upgrading chroma, rewrite the
// file from codeFormatter.WriteCSS if this fails.
func TestCodeCSSIsGithubStyle(t *testing.T) {
	file, err := os.ReadFile("../../assets/css/code.css")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := codeFormatter.WriteCSS(&want, styles.Get("github")); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, want.Bytes()) {
		t.Error("assets/css/code.css is not chroma's github style")
	}
}

// TestCodeClassesIgnoreTheStyle: in class mode, highlighted code is the
// same whatever the style, so the colourless codeStyle loses nothing.
func TestCodeClassesIgnoreTheStyle(t *testing.T) {
	samples := map[string]string{
		"go":     "package main\n\nfunc main() { println(\"hi\") } // c\n",
		"json":   `{"a": [1, true, null], "b": "x"}`,
		"yaml":   "key: value\nlist:\n  - 1 # c\n",
		"html":   "<p class=\"x\">&amp; <b>b</b></p>",
		"python": "def f(x):\n    return x ** 2  # c\n",
		"none":   "plain\ttext\n",
	}
	for lang, code := range samples {
		lexer := lexers.Get(lang)
		if lexer == nil {
			lexer = lexers.Fallback
		}
		format := func(style *chroma.Style) string {
			it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := codeFormatter.Format(&b, style, it); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		if got, want := format(codeStyle), format(styles.Get("github")); got != want {
			t.Errorf("%s: with codeStyle %q\nwith github %q", lang, got, want)
		}
	}
}
