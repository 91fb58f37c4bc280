package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/site"
)

func siteFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/site.yaml":    {Data: []byte("title: T\n")},
		"content/roles.yaml":   {Data: []byte("roles:\n  - id: officer\n    name: Officer\n")},
		"content/sources.yaml": {Data: []byte("sources:\n  - id: guide\n    title: G\n")},
		"content/expected-results/01-a.yaml": {Data: []byte(`id: a
title: A
statement: S
recommendations:
  - id: train
    text: Train.
    roles: [officer]
`)},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown role in recommendation", map[string]string{"content/expected-results/01-a.yaml": "id: a\ntitle: A\nstatement: S\nrecommendations:\n  - id: train\n    text: T\n    roles: [officer, chief]\n"},
			`content/expected-results/01-a.yaml:7:22: recommendation "train" names unknown role "chief": add it to content/roles.yaml`},
		{"unknown source", map[string]string{"content/expected-results/01-a.yaml": "id: a\ntitle: A\nstatement: S\nrecommendations:\n  - id: train\n    text: T\n    roles: [officer]\n    evidence:\n      - source: law\n"},
			`content/expected-results/01-a.yaml:9:17: unknown source "law": add it to content/sources.yaml`},
		{"checklist unknown role", map[string]string{"checklists/chief.yaml": "role: chief\nsections:\n  - title: S\n    items:\n      - text: x\n"},
			`checklists/chief.yaml:1:7: checklist for unknown role "chief": add it to content/roles.yaml`},
		{"checklist unknown recommendation", map[string]string{"checklists/officer.yaml": "role: officer\nsections:\n  - title: S\n    items:\n      - text: x\n        recommendations: [train, trian]\n"},
			`checklists/officer.yaml:6:34: unknown recommendation "trian"`},
		{"protocol unknown recommendation", map[string]string{"content/protocols/plan.md": "---\ntitle: P\nrecommendations: [nope]\n---\n"},
			`content/protocols/plan.md:3:19: unknown recommendation "nope"`},
		{"protocol unknown role", map[string]string{"content/protocols/plan.md": "---\ntitle: P\nroles: [chief]\n---\n"},
			`content/protocols/plan.md:3:9: protocol "plan" names unknown role "chief": add it to content/roles.yaml`},
		{"cross-reference in page body", map[string]string{"content/pages/about.md": "---\ntitle: About\n---\n\nIntro.\n\nSee [this](rec:missing) now.\n"},
			`content/pages/about.md:7:12: unknown cross-reference target "rec:missing": no recommendation with id "missing"`},
		{"cross-reference in guidance block", map[string]string{"content/expected-results/01-a.yaml": "id: a\ntitle: A\nstatement: S\nrecommendations:\n  - id: train\n    text: T\n    roles: [officer]\n    guidance: |\n      Line one.\n      See [x](result:gone).\n"},
			`content/expected-results/01-a.yaml:10:15: unknown cross-reference target "result:gone": no expected result with id "gone"`},
		{"cross-reference in one-line description", map[string]string{"content/roles.yaml": "roles:\n  - id: officer\n    name: O\n    description: Works with [p](protocol:none).\n"},
			`content/roles.yaml:4:33: unknown cross-reference target "protocol:none": no template with id "none"`},
		{"unknown page and source", map[string]string{"content/pages/about.md": "---\ntitle: About\n---\n[a](page:nope) [b](source:nope) [c](role:nope)\n"},
			`content/pages/about.md:4:20: unknown cross-reference target "source:nope": no source with id "nope"`},
		{"quotes an unknown source", map[string]string{"content/site.yaml": "title: T\nquotes: gide\n"},
			`content/site.yaml:2:9: quotes: unknown source "gide": add it to content/sources.yaml`},
		{"external image", map[string]string{"content/pages/about.md": "---\ntitle: About\n---\n![logo](https://cdn.example.org/logo.png)\n"},
			`content/pages/about.md:4:9: image "https://cdn.example.org/logo.png" would be loaded from outside the site: copy it into assets/ and link it relatively`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, diags := load.Load(siteFS(tc.files))
			diags = append(diags, Check(s, diags, nil)...)
			for _, d := range diags {
				if d.String() == tc.want {
					return
				}
			}
			t.Errorf("want\n  %s\ngot\n  %s", tc.want, strings.ReplaceAll(diags.Error(), "\n", "\n  "))
		})
	}
}

func TestValidReferencesPass(t *testing.T) {
	s, diags := load.Load(siteFS(map[string]string{
		"content/pages/about.md":    "---\ntitle: About\n---\n[a](rec:train) [b](result:a#top) [c](role:officer) [d](source:guide) [e](page:about) [f](protocol:plan) [g](https://example.org)\n",
		"content/protocols/plan.md": "---\ntitle: P\nrecommendations: [train]\nroles: [officer]\n---\n[[Name]]\n",
	}))
	diags = append(diags, Check(s, diags, nil)...)
	if len(diags) > 0 {
		t.Errorf("unexpected problems:\n%v", diags)
	}
}

// TestNoCascade: a broken roles.yaml is reported once, not again as an
// unknown role at every reference.
func TestNoCascade(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/roles.yaml":      "roles:\n  - id: officer\n    nmae: Officer\n",
		"checklists/officer.yaml": "role: officer\nsections:\n  - title: S\n    items:\n      - text: x\n",
		"content/pages/about.md":  "---\ntitle: About\n---\n[o](role:officer) [r](rec:nope)\n",
	})
	s, diags := load.Load(fsys)
	all := append(diags, Check(s, diags, nil)...)
	var roleProblems, recProblems int
	for _, d := range all {
		if strings.Contains(d.Message, "role") && d.Pos.File != "content/roles.yaml" {
			roleProblems++
		}
		if strings.Contains(d.Message, `"rec:nope"`) {
			recProblems++
		}
	}
	if roleProblems != 0 {
		t.Errorf("a broken roles.yaml cascaded:\n%v", site.Diagnostics(all))
	}
	if recProblems != 1 {
		t.Errorf("references of other kinds must still be checked:\n%v", site.Diagnostics(all))
	}
}

// TestUnsafeLinksReported: a link the renderer publishes empty
// (javascript:, vbscript:, data: other than an image) is reported at its
// position, whatever raw_html says.
func TestUnsafeLinksReported(t *testing.T) {
	page := "---\ntitle: About\n---\nSee [x](javascript:alert(1)) and\n[y](VBScript:msgbox) or ![z](data:text/html,hi).\n<javascript:alert(2)>\n"
	want := []string{
		`content/pages/about.md:4:9: link "javascript:alert(1)" could run code: riskguide does not publish javascript:, vbscript:, file: or data: addresses (but data: images); remove it`,
		`content/pages/about.md:5:5: link "VBScript:msgbox" could run code: riskguide does not publish javascript:, vbscript:, file: or data: addresses (but data: images); remove it`,
		`content/pages/about.md:5:30: image "data:text/html,hi" could run code: riskguide does not publish javascript:, vbscript:, file: or data: addresses (but data: images); remove it`,
		`content/pages/about.md:6:2: link "javascript:alert(2)" could run code: riskguide does not publish javascript:, vbscript:, file: or data: addresses (but data: images); remove it`,
	}
	for _, siteYAML := range []string{"title: T\n", "title: T\nraw_html: true\n"} {
		s, diags := load.Load(siteFS(map[string]string{"content/site.yaml": siteYAML, "content/pages/about.md": page}))
		diags = append(diags, Check(s, diags, nil)...)
		if got := strings.Split(diags.Error(), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: want\n  %s\ngot\n  %s", siteYAML, strings.Join(want, "\n  "), strings.Join(got, "\n  "))
		}
	}
}

// TestRawHTMLBlockedByCSP: with raw_html on, raw HTML that the site's
// Content-Security-Policy (default-src 'self') would block is reported at
// the element or attribute at fault.
func TestRawHTMLBlockedByCSP(t *testing.T) {
	page := "---\ntitle: About\n---\n" + // lines 1-3
		"Text <span style=\"color: red\">red</span> and <a href=\"#\" onclick=\"go()\">go</a>.\n" + // 4
		"\n" +
		"<script>alert(1)</script>\n" + // 6
		"\n" +
		"<style>\np { color: red }\n</style>\n" + // 8-10
		"\n" +
		"<div>\n<a href=\" JavaScript:alert(1)\">x</a> <img src=\"x.png\" ONERROR=\"x()\">\n</div>\n" + // 12-14
		"\n" +
		"<script src=\"https://cdn.example.org/x.js\"></script>\n" + // 16
		"\n" +
		"<script src=\"../assets/ok.js\"></script> <b class=\"onward\">fine</b> <a href=\"https://example.org\">out</a>\n" + // 18
		"\n" +
		"<img src=\"//cdn.example.org/x.png\" alt=\"\">\n" // 20
	want := []string{
		`content/pages/about.md:4:12: style= attribute in raw HTML: the site's Content-Security-Policy blocks it; use a class and a stylesheet under assets/`,
		`content/pages/about.md:4:58: onclick= event handler in raw HTML: the site's Content-Security-Policy blocks it; put the script in a file under assets/`,
		`content/pages/about.md:6:1: inline <script> in raw HTML: the site's Content-Security-Policy blocks it; put the script in a file under assets/ and load it with <script src>`,
		`content/pages/about.md:8:1: <style> in raw HTML: the site's Content-Security-Policy blocks it; put the rules in a stylesheet under assets/`,
		`content/pages/about.md:13:4: href=" JavaScript:alert(1)" in raw HTML: the site's Content-Security-Policy blocks javascript: URLs`,
		`content/pages/about.md:13:55: onerror= event handler in raw HTML: the site's Content-Security-Policy blocks it; put the script in a file under assets/`,
		`content/pages/about.md:16:9: src="https://cdn.example.org/x.js" in raw HTML would be loaded from outside the site: the site's Content-Security-Policy blocks it; copy the file into assets/ and link it relatively`,
		`content/pages/about.md:20:6: src="//cdn.example.org/x.png" in raw HTML would be loaded from outside the site: the site's Content-Security-Policy blocks it; copy the file into assets/ and link it relatively`,
	}
	s, diags := load.Load(siteFS(map[string]string{"content/site.yaml": "title: T\nraw_html: true\n", "content/pages/about.md": page}))
	diags = append(diags, Check(s, diags, nil)...)
	if got := diags.Error(); got != strings.Join(want, "\n") {
		t.Errorf("want\n  %s\ngot\n  %s", strings.Join(want, "\n  "), strings.ReplaceAll(got, "\n", "\n  "))
	}
	// With raw_html off the HTML is dropped, so there is nothing to report.
	s, diags = load.Load(siteFS(map[string]string{"content/pages/about.md": page}))
	if diags = append(diags, Check(s, diags, nil)...); len(diags) > 0 {
		t.Errorf("raw HTML reported although raw_html is off:\n%v", diags)
	}
}

// TestPlaceholderPublisherWarning: a publisher in square brackets is a
// placeholder, warned of at its position; a name is not.
func TestPlaceholderPublisherWarning(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"title: T\npublisher: \"[Name of the force]\"\n", `content/site.yaml:2:12: warning: publisher "[Name of the force]" is a placeholder`},
		{"title: T\npublisher: North Police\n", ""},
		{"title: T\n", ""},
	} {
		s, diags := load.Load(siteFS(map[string]string{"content/site.yaml": tc.yaml}))
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		ws := Warnings(s)
		switch {
		case tc.want == "" && len(ws) > 0:
			t.Errorf("%q: unexpected warnings %v", tc.yaml, ws)
		case tc.want != "" && (len(ws) != 1 || !strings.HasPrefix(ws[0].String(), tc.want)):
			t.Errorf("%q: warnings %v, want one starting %q", tc.yaml, ws, tc.want)
		}
	}
}
