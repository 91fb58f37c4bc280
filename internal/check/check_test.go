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
			`content/roles.yaml:4:33: unknown cross-reference target "protocol:none": no protocol template with id "none"`},
		{"unknown page and source", map[string]string{"content/pages/about.md": "---\ntitle: About\n---\n[a](page:nope) [b](source:nope) [c](role:nope)\n"},
			`content/pages/about.md:4:20: unknown cross-reference target "source:nope": no source with id "nope"`},
		{"external image", map[string]string{"content/pages/about.md": "---\ntitle: About\n---\n![logo](https://cdn.example.org/logo.png)\n"},
			`content/pages/about.md:4:9: image "https://cdn.example.org/logo.png" would be loaded from outside the site: copy it into assets/ and link it relatively`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, diags := load.Load(siteFS(tc.files))
			diags = append(diags, Check(s, diags)...)
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
	diags = append(diags, Check(s, diags)...)
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
	all := append(diags, Check(s, diags)...)
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
