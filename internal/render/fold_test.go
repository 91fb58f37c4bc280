package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// msgData is page data with the i18n method layouts call.
type msgData struct{ m *Messages }

func (d msgData) T(key string, args ...any) (string, error) { return d.m.Format(key, args...) }

const foldLayout = `{{define "baseof.html"}}<title>{{.T "a"}}</title>` +
	`<p title="{{.T "b"}}" class="x-{{$.T "a"}}">{{$.T "c"}}</p>` +
	`{{$p := .}}{{range .List}}<i>{{$.T "c"}}{{$p.T "b"}}</i>{{end}}` +
	`<a href="{{.T "url"}}">{{.T "arg" 3}}</a>{{end}}`

func execFold(t *testing.T, m *Messages, fold bool) (string, string) {
	t.Helper()
	tm := template.Must(template.New("set").Parse(foldLayout))
	if fold {
		if err := newFolder(m).fold(tm); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	data := struct {
		msgData
		List []int
	}{msgData{m}, []int{1, 2}}
	if err := tm.ExecuteTemplate(&b, "baseof.html", data); err != nil {
		t.Fatal(err)
	}
	return b.String(), tm.Lookup("baseof.html").Tree.Root.String()
}

func TestFoldMessagesPrintsTheSameBytes(t *testing.T) {
	m := &Messages{m: map[string]string{
		"a": `Tom & "Jerry" <x> 1+1 'q'`, "b": `b "quoted" & <b>`, "c": "c <i>",
		"url": "javascript:alert(1)", "arg": "n=%d <",
	}}
	plain, _ := execFold(t, m, false)
	folded, tree := execFold(t, m, true)
	if plain != folded {
		t.Errorf("folded output differs:\n plain: %s\nfolded: %s", plain, folded)
	}
	for _, gone := range []string{`.T "a"`, `.T "b"`, `.T "c"`} {
		if strings.Contains(tree, gone) {
			t.Errorf("%s was not folded: %s", gone, tree)
		}
	}
	// A URL context and a string with arguments still run as written.
	for _, kept := range []string{`.T "url"`, `.T "arg" 3`} {
		if !strings.Contains(tree, kept) {
			t.Errorf("%s was folded: %s", kept, tree)
		}
	}
	if !strings.Contains(folded, `href="#ZgotmplZ"`) {
		t.Errorf("unsafe URL not filtered: %s", folded)
	}
}

func TestFoldMessagesLeavesMissingKeysToPrintThemselves(t *testing.T) {
	m := &Messages{m: map[string]string{"a": "A", "b": "B", "url": "/", "arg": "%d"}}
	tm := template.Must(template.New("set").Parse(foldLayout))
	if err := newFolder(m).fold(tm); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := tm.ExecuteTemplate(&out, "baseof.html", struct {
		msgData
		List []int
	}{msgData{m}, nil})
	if err != nil || !strings.Contains(out.String(), ">c</p>") {
		t.Fatalf("missing key: got %v, %q", err, out.String())
	}
}

func TestFoldMessagesReportsEscapingErrors(t *testing.T) {
	tm := template.Must(template.New("set").Parse(`{{define "baseof.html"}}<a href="{{if .X}}">{{end}}{{end}}`))
	err := newFolder(&Messages{m: map[string]string{}}).fold(tm)
	if err == nil || !strings.Contains(err.Error(), "layouts/") {
		t.Fatalf("escaping error: got %v", err)
	}
}
