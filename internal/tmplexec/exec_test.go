package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// Page data shaped like the site's: an embedded base with methods on its
// pointer, fields of many kinds, lists of structs, interfaces and pointers.
type base struct {
	Title string
	Lang  string
}

func (b *base) T(key string, args ...any) (string, error) {
	if key == "missing" {
		return "", errors.New("no string " + key)
	}
	return fmt.Sprint(append([]any{key}, args...)...), nil
}

func (b *base) URL(id string) string { return "../" + id + "/" }

func (b base) Upper() string { return strings.ToUpper(b.Title) }

type item struct {
	ID    string
	Label string
	N     int
	Tags  []string
	Body  template.HTML
	Link  template.URL
	Ptr   *string
}

func (i item) Double() int { return 2 * i.N }

type stringer struct{ s string }

func (s stringer) String() string { return "<" + s.s + ">" }

type page struct {
	*base
	Items   []item
	Empty   []item
	Any     any
	Str     fmt.Stringer
	Nil     *item
	Flag    bool
	Count   int
	Count8  int8
	Uint    uint
	Float   float64
	HTML    template.HTML
	Map     map[string]string
	private string
}

func newPage() *page {
	s := "pointed & <to>"
	return &page{
		base: &base{Title: `Title "one" & <two> + 'three'`, Lang: "en"},
		Items: []item{
			{ID: "r1", Label: "1.1", N: 1, Tags: []string{"a", "b&c"}, Body: "<em>x</em> & y", Link: "javascript:ok()", Ptr: &s},
			{ID: "r 2", Label: "é\x00\xff", N: 300, Body: "", Link: "/a b/?q=%zz"},
		},
		Any:   "any string <b>",
		Str:   stringer{"str"},
		Flag:  true,
		Count: 3, Count8: 3, Uint: 3, Float: 1.5,
		HTML:    "<strong>bold</strong>",
		Map:     map[string]string{"k": "v"},
		private: "hidden",
	}
}

var testFuncs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"join": strings.Join,
	"fail": func() (string, error) { return "", errors.New("failed") },
}

type execCase struct {
	name, src string
	// fast says the executor must run the case itself; otherwise it must
	// decline (ErrUnsupported at compile or run time), so that
	// html/template runs it.
	fast bool
}

var execCases = []execCase{
	{"text and fields", `<p>{{.Title}} {{.Lang}} {{.Count}} {{.Flag}}</p>`, true},
	{"contexts", `<title>{{.Title}}</title><p title="{{.Title}}" data-x='{{.Lang}}'>{{.Title}}</p><textarea>{{.Title}}</textarea>`, true},
	{"urls", `{{range .Items}}<a href="{{.ID}}">x</a><a href="/s?q={{.Label}}&t={{.ID}}">y</a><a href="{{.Link}}">z</a><a href="{{$.URL .ID}}">w</a>{{end}}<a href="javascript:{{.Title}}">j</a>`, true},
	{"script", `<script>var t = {{.Title}};</script>`, false},
	{"event handler", `<button onclick="go({{.Lang}})">x</button>`, false},
	{"style", `<p style="color: {{.Lang}}">x</p>`, false},
	{"url filter", `{{range .Items}}<a href="{{.Link}}">{{.Link}}</a>{{end}}<a href="{{.Title}}">t</a><img src="{{.Any}}">`, true},
	{"html content", `<div>{{.HTML}}</div><title>{{.HTML}}</title>{{range .Items}}<section>{{.Body}}</section><textarea>{{.Body}}</textarea>{{end}}`, true},
	{"html in attribute", `<p title="{{.HTML}}">x</p>`, false},
	{"methods", `{{.T "key"}}|{{.T "key" 3 "x" .Count}}|{{$.T "k" .Title}}|{{.URL "abc"}}|{{.Upper}}|{{range .Items}}{{.Double}} {{end}}`, true},
	{"method error", `{{.T "missing"}}`, false},
	{"function error", `{{fail}}`, false},
	{"variables", `{{$p := .}}{{$n := 0}}{{range $i, $it := .Items}}{{$n = $i}}[{{$i}} {{$it.ID}} {{$p.Title}} {{$.Lang}}]{{end}}{{$n}}{{range $x := .Items}}{{$x.Label}}{{end}}`, true},
	{"assign in range", `{{$i := 9}}{{$e := ""}}{{range $i, $e = .Items}}{{$i}}{{end}}{{$i}}{{$e.ID}}`, true},
	{"if else with", `{{if .Flag}}yes{{else}}no{{end}}{{if .Empty}}e{{else if .Items}}i{{end}}{{with .Title}}<b>{{.}}</b>{{end}}{{with .Empty}}x{{else}}none{{end}}{{with $t := .Lang}}{{$t}}{{end}}`, true},
	{"range else", `{{range .Empty}}x{{else}}empty{{end}}{{range .Items}}{{range .Tags}}<i>{{.}}</i>{{else}}-{{end}}{{end}}`, true},
	{"builtins", `{{if and .Flag .Items}}a{{end}}{{if or .Empty .Count}}o{{end}}{{if not .Empty}}n{{end}}{{if eq .Count 3}}3{{end}}{{if ne .Lang "fr"}}!fr{{end}}{{if eq .Lang "de" "en"}}en{{end}}{{len .Items}}{{print .Count "x" .Flag}}{{and .Count .Lang}}{{or .Empty .Lang}}`, true},
	{"eq of mixed ints", `{{if eq .Uint 3}}u{{end}}{{if eq .Count8 .Count}}8{{end}}`, true},
	{"eq of incomparable", `{{if eq .Count "3"}}x{{end}}`, false},
	{"functions", `{{add .Count 4}} {{join (index .Items 0).Tags ", "}}`, false},
	{"own functions", `{{add .Count 4}} {{range .Items}}{{join .Tags ", "}}{{end}} {{.Count | add 1}}`, true},
	{"pipelines", `{{.Title | print}} {{.Count | printf "%d"}}`, false},
	{"parenthesised", `{{print (add 1 2) (.T "k")}}{{(.Upper)}}`, true},
	{"interfaces and pointers", `{{.Any}} {{.Str}} {{range .Items}}{{.Ptr}}{{end}}`, true},
	{"float", `{{.Float}}`, true},
	{"nil pointer field", `{{.Nil.ID}}`, false},
	{"map", `{{.Map.k}}`, false},
	{"templates", `{{define "row"}}<li>{{.ID}} {{$.Label}}</li>{{end}}<ul>{{range .Items}}{{template "row" .}}{{end}}</ul>{{block "b" .Title}}[{{.}}]{{end}}{{template "b" "lit"}}`, true},
	{"template in attribute", `{{define "v"}}{{.}}{{end}}<p title="{{template "v" .Title}}">`, false},
	{"comments and trim", "{{/* c */}}\n  {{- .Lang -}}  \n", true},
	{"constants", `{{"a<b"}} {{3}} {{true}} {{.T "x" true 4 "s"}}`, true},
	{"float constant", `{{.T "x" 1.5}}`, false},
	{"unexported", `{{.private}}`, false},
}

// run executes src on data with html/template and with the executor. It
// reports whether the executor ran it, and fails if the outputs differ.
func run(t *testing.T, src string, data any) bool {
	t.Helper()
	set, err := template.New("page").Funcs(testFuncs).Parse(src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var want bytes.Buffer
	wantErr := set.Execute(&want, data)
	if wantErr != nil && strings.Contains(wantErr.Error(), "ZgotmplZ") {
		t.Fatalf("html/template: %v", wantErr)
	}
	if set.Tree == nil {
		return false // html/template could not escape it
	}
	p, err := Compile(set, "page", testFuncs)
	if err != nil {
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("compile: %v", err)
		}
		return false
	}
	var got bytes.Buffer
	if err := p.Execute(&got, data); err != nil {
		return false
	}
	if wantErr != nil {
		t.Fatalf("html/template failed (%v) but the executor printed %q", wantErr, got.String())
	}
	if got.String() != want.String() {
		t.Fatalf("output differs\n got: %q\nwant: %q", got.String(), want.String())
	}
	return true
}

func TestExecuteMatchesHTMLTemplate(t *testing.T) {
	for _, c := range execCases {
		t.Run(c.name, func(t *testing.T) {
			if ran := run(t, c.src, newPage()); ran != c.fast {
				t.Errorf("executor ran it: %v, want %v", ran, c.fast)
			}
		})
	}
}

// TestExecuteConcurrently runs one program from many goroutines, as the
// build's workers do, on data of two types, so that the per-type caches
// are raced (go test -race).
func TestExecuteConcurrently(t *testing.T) {
	set := template.Must(template.New("page").Funcs(testFuncs).Parse(`{{range .Items}}{{.ID}}{{.Double}}{{end}}{{.Title}}`))
	if err := set.Execute(&bytes.Buffer{}, newPage()); err != nil {
		t.Fatal(err)
	}
	p, err := Compile(set, "page", testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	type other struct {
		Title string
		Items []struct {
			ID     string
			Double string
		}
	}
	o := other{Title: "o"}
	o.Items = append(o.Items, struct{ ID, Double string }{"x", "y"})
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for range 200 {
				var b bytes.Buffer
				var data any = newPage()
				want := "r12r 2600Title &#34;one&#34; &amp; &lt;two&gt; &#43; &#39;three&#39;"
				if g%2 == 1 {
					data, want = o, "xyo"
				}
				if err := p.Execute(&b, data); err != nil || b.String() != want {
					errs <- fmt.Errorf("got %q, %v; want %q", b.String(), err, want)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
