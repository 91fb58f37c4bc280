package tmplexec

import (
	"html/template"
	"testing"
)

// fuzzLayout puts values of each content type in every context the
// executor escapes for: text, quoted attributes, RCDATA, URLs whole and in
// part, through html/template's chains of escapers.
const fuzzLayout = `<title>{{.S}} {{.H}} {{.U}}</title>` +
	`<p title="{{.S}}" data-u='{{.U}}'>{{.S}}|{{.H}}|{{.U}}|{{.A}}|{{.N}}</p>` +
	`<textarea>{{.S}}{{.H}}</textarea>` +
	`<a href="{{.S}}">1</a><a href="{{.U}}">2</a><a href="/x/{{.S}}?q={{.S}}&u={{.U}}#{{.S}}">3</a>` +
	`<img src="{{.A}}" alt="{{.A}}">`

type fuzzData struct {
	S string
	H template.HTML
	U template.URL
	A any
	N int
}

func FuzzExecute(f *testing.F) {
	for _, s := range []string{
		"", "plain", `<a href="x">&amp; "q" 'a' +</a>`, "\x00\xff\xfe é ﷐ \uFFFF",
		"javascript:alert(1)", "HTTPS://x.example/a b?c=d&e=%2G%20#f", "mailto:a@b", "/rel/../x:y",
		"data:text/html,x", "%", "%4", "%41%zz", "a/b:c",
	} {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		d := fuzzData{S: s, H: template.HTML(s), U: template.URL(s), A: s, N: n}
		if !run(t, fuzzLayout, d) {
			t.Fatal("the executor declined the layout")
		}
		// The same value as other content types, in text.
		for _, a := range []any{template.CSS(s), template.JS(s), template.JSStr(s), template.HTMLAttr(s), template.Srcset(s), &s, []byte(s)} {
			if !run(t, `<p>{{.A}}</p><p title="{{.A}}">`, fuzzData{A: a}) {
				t.Fatalf("the executor declined %T", a)
			}
		}
	})
}
