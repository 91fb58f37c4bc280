package load

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/site"
)

// minimal is the smallest valid site; cases change one file of it.
func minimal() fstest.MapFS {
	return fstest.MapFS{
		"content/site.yaml":  {Data: []byte("title: Test guidance\n")},
		"content/roles.yaml": {Data: []byte("roles:\n  - id: officer\n    name: Officer\n")},
		"content/sources.yaml": {Data: []byte(`sources:
  - id: guide
    title: A guide
    year: 2019
`)},
		"content/expected-results/01-first.yaml": {Data: []byte(`id: first
title: First
statement: Officers are trained.
recommendations:
  - id: train
    text: Train officers.
    roles: [officer]
    evidence:
      - source: guide
        locator: Page 1
`)},
		"checklists/officer.yaml": {Data: []byte(`role: officer
sections:
  - title: Daily
    items:
      - text: Do the thing.
        recommendations: [train]
`)},
		"content/protocols/plan.md": {Data: []byte("---\ntitle: Plan\nrecommendations: [train]\n---\n\nName: [[Name]]\n")},
		"content/pages/about.md":    {Data: []byte("---\ntitle: About\nweight: 1\n---\n\nSee [the rec](rec:train).\n")},
	}
}

func TestMinimalSiteLoads(t *testing.T) {
	s, diags := Load(minimal())
	if len(diags) > 0 {
		t.Fatalf("unexpected problems:\n%v", diags)
	}
	rec := s.Recommendation("train")
	if rec == nil || rec.Label != "1.1" || rec.Result.ID != "first" {
		t.Fatalf("recommendation not loaded as expected: %+v", rec)
	}
	if got := rec.Evidence[0]; got.Source.ID != "guide" || got.Locator != "Page 1" {
		t.Errorf("evidence = %+v", got)
	}
	if s.Config.Language != "en" {
		t.Errorf("default language = %q, want en", s.Config.Language)
	}
	if s.Config.Paper != site.PaperA4 {
		t.Errorf("default paper = %q, want a4", s.Config.Paper)
	}
	if p := s.Protocol("plan"); p == nil || p.Body.Pos.Line != 1 || !strings.HasPrefix(p.Body.Value, "\n\n\n\n\nName:") {
		t.Errorf("protocol body should keep blank lines for the front matter, got %q", p.Body.Value)
	}
}

// TestChecklistFieldsAndPaper loads a checklist's header fields in order,
// with their positions, and the paper a site prints on.
func TestChecklistFieldsAndPaper(t *testing.T) {
	fsys := minimal()
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: T\npaper: Letter\n")}
	fsys["checklists/officer.yaml"] = &fstest.MapFile{Data: []byte("role: officer\nfields:\n  - Name\n  - Staff number\n  - Incident reference\nsections:\n  - title: Daily\n    items:\n      - text: Do it.\n")}
	s, diags := Load(fsys)
	if len(diags) > 0 {
		t.Fatalf("unexpected problems:\n%v", diags)
	}
	if s.Config.Paper != site.PaperLetter {
		t.Errorf("paper = %q, want letter", s.Config.Paper)
	}
	got := s.ChecklistFor("officer").Fields
	want := []string{"Name", "Staff number", "Incident reference"}
	if len(got) != len(want) {
		t.Fatalf("fields = %+v, want %v", got, want)
	}
	for i, f := range got {
		if f.Label != want[i] || f.Pos.Line != 3+i || f.Pos.Col != 5 {
			t.Errorf("field %d = %q at %s, want %q at line %d col 5", i, f.Label, f.Pos, want[i], 3+i)
		}
	}
}

// TestDiagnostics checks each kind of problem is reported at its exact place.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		file string
		data string
		want string
	}{
		{"unknown key", "content/site.yaml", "title: T\ncolour: red\n",
			`content/site.yaml:2:1: unknown key "colour" in site.yaml (allowed: accent, disclaimer, language, languages, logo, paper, pretty_urls, published, publisher, quick_exit, quotes, raw_html, review_by, tagline, terms, title, version)`},
		{"quick exit without url", "content/site.yaml", "title: T\nquick_exit:\n  label: Leave\n",
			`content/site.yaml:3:3: quick_exit is missing required key "url"`},
		{"quick exit unknown key", "content/site.yaml", "title: T\nquick_exit:\n  url: https://example.org/\n  colour: red\n",
			`content/site.yaml:4:3: unknown key "colour" in quick_exit (allowed: label, url)`},
		{"quick exit script address", "content/site.yaml", "title: T\nquick_exit:\n  url: javascript:alert(1)\n",
			`content/site.yaml:3:8: url "javascript:alert(1)" must start with https:// or http://`},
		{"quick exit without host", "content/site.yaml", "title: T\nquick_exit:\n  url: \"http://\"\n",
			`content/site.yaml:3:8: url "http://" must be an absolute address with a host, such as https://www.example.org/`},
		{"quick exit with empty host", "content/site.yaml", "title: T\nquick_exit:\n  url: https:///away\n",
			`content/site.yaml:3:8: url "https:///away" must be an absolute address with a host, such as https://www.example.org/`},
		{"quick exit with port only", "content/site.yaml", "title: T\nquick_exit:\n  url: http://:80/\n",
			`content/site.yaml:3:8: url "http://:80/" must be an absolute address with a host, such as https://www.example.org/`},
		{"quick exit with a space", "content/site.yaml", "title: T\nquick_exit:\n  url: https://www.google .com/\n",
			`content/site.yaml:3:8: url "https://www.google .com/" must be an absolute address with a host, such as https://www.example.org/`},
		{"missing title", "content/site.yaml", "tagline: x\n",
			`content/site.yaml:1:1: site.yaml is missing required key "title"`},
		{"empty title", "content/site.yaml", "title:\n",
			`content/site.yaml:1:1: site.yaml: "title" must not be empty`},
		{"bad date", "content/site.yaml", "title: T\npublished: 30/09/2019\n",
			`content/site.yaml:2:12: expected a date as YYYY-MM-DD, found "30/09/2019"`},
		{"bad bool", "content/site.yaml", "title: T\npretty_urls: yes please\n",
			`content/site.yaml:2:14: expected true or false, found "yes please"`},
		{"bad language", "content/site.yaml", "title: T\nlanguage: English\n",
			`content/site.yaml:2:11: language "English" is not a BCP 47 tag such as en, fr or pt-BR`},
		{"low contrast accent", "content/site.yaml", "title: T\naccent: \"#ffcc00\"\n",
			`content/site.yaml:2:10: accent: #ffcc00 has a contrast of 1.5:1 with white; WCAG AA needs at least 4.5:1, so choose a darker colour`},
		{"missing logo", "content/site.yaml", "title: T\nlogo: assets/logo.svg\n",
			`content/site.yaml:2:7: logo "assets/logo.svg": no such file in the site folder`},
		{"logo not an image", "content/site.yaml", "title: T\nlogo: content/roles.yaml\n",
			`content/site.yaml:2:7: logo "content/roles.yaml" must be an image under assets/ (.svg, .png, .jpg, .jpeg or .webp), such as assets/logo.svg`},
		{"logo outside assets", "content/site.yaml", "title: T\nlogo: .env.png\n",
			`content/site.yaml:2:7: logo ".env.png" must be an image under assets/ (.svg, .png, .jpg, .jpeg or .webp), such as assets/logo.svg`},
		{"yaml syntax", "content/roles.yaml", "roles:\n  - id: officer\n    name: a: b\n",
			`content/roles.yaml:3: YAML syntax: mapping values are not allowed in this context`},
		{"list not mapping", "content/roles.yaml", "roles:\n  id: officer\n",
			`content/roles.yaml:2:3: expected a list, found a mapping`},
		{"bad id", "content/roles.yaml", "roles:\n  - id: Officer_1\n    name: Officer\n",
			`content/roles.yaml:2:9: invalid id "Officer_1": use lower-case letters, digits and hyphens, starting with a letter or digit`},
		{"duplicate role", "content/roles.yaml", "roles:\n  - id: officer\n    name: A\n  - id: officer\n    name: B\n",
			`content/roles.yaml:4:9: duplicate role id "officer" (first defined at content/roles.yaml:2:9)`},
		{"repeated key", "content/roles.yaml", "roles:\n  - id: officer\n    name: A\n    name: B\n",
			`content/roles.yaml:4:5: key "name" appears twice in role`},
		{"missing role name", "content/roles.yaml", "roles:\n  - id: officer\n",
			`content/roles.yaml:2:5: role is missing required key "name"`},
		{"bad year", "content/sources.yaml", "sources:\n  - id: guide\n    title: G\n    year: twenty\n",
			`content/sources.yaml:4:11: expected a whole number, found "twenty"`},
		{"bad url", "content/sources.yaml", "sources:\n  - id: guide\n    title: G\n    url: www.example.org\n",
			`content/sources.yaml:4:10: url "www.example.org" must start with https:// or http://`},
		{"empty file", "content/roles.yaml", "  \n",
			`content/roles.yaml:1:1: file is empty`},
		{"not utf-8", "content/roles.yaml", "roles:\n  - id: of\xfficer\n",
			`content/roles.yaml:2:11: file is not UTF-8 text (save it with UTF-8 encoding)`},
		{"no recommendations", "content/expected-results/01-first.yaml", "id: first\ntitle: F\nstatement: S\nrecommendations: []\n",
			`content/expected-results/01-first.yaml:1:1: expected result "first" has no recommendations`},
		{"missing text", "content/expected-results/01-first.yaml", "id: first\ntitle: F\nstatement: S\nrecommendations:\n  - id: train\n    roles: [officer]\n",
			`content/expected-results/01-first.yaml:5:5: recommendation is missing required key "text"`},
		{"empty roles", "content/expected-results/01-first.yaml", "id: first\ntitle: F\nstatement: S\nrecommendations:\n  - id: train\n    text: T\n    roles: []\n",
			`content/expected-results/01-first.yaml:5:5: recommendation "train" must name at least one role`},
		{"unknown evidence key", "content/expected-results/01-first.yaml", "id: first\ntitle: F\nstatement: S\nrecommendations:\n  - id: train\n    text: T\n    roles: [officer]\n    evidence:\n      - source: guide\n        page: 4\n",
			`content/expected-results/01-first.yaml:10:9: unknown key "page" in evidence (allowed: locator, source)`},
		{"bad paper", "content/site.yaml", "title: T\npaper: A5\n",
			`content/site.yaml:2:8: paper "A5": use a4 or letter`},
		{"checklist fields not a list", "checklists/officer.yaml", "role: officer\nfields: Name\nsections: []\n",
			`checklists/officer.yaml:2:9: expected a list, found a single value`},
		{"checklist field twice", "checklists/officer.yaml", "role: officer\nfields: [Name, Date, name]\nsections: []\n",
			`checklists/officer.yaml:2:22: field "name" is listed twice (first at checklists/officer.yaml:2:10)`},
		{"checklist field empty", "checklists/officer.yaml", "role: officer\nfields:\n  - Name\n  - \"\"\nsections: []\n",
			`checklists/officer.yaml:4:5: value must not be empty`},
		{"checklist field mapping", "checklists/officer.yaml", "role: officer\nfields:\n  - label: Name\nsections: []\n",
			`checklists/officer.yaml:3:5: expected a single value, found a mapping`},
		{"checklist too many fields", "checklists/officer.yaml", "role: officer\nfields: [A, B, C, D, E, F, G, H, I]\nsections: []\n",
			`checklists/officer.yaml:2:34: a checklist has at most 8 fields: there would be no room on the sheet for the checklist`},
		{"rows outside a table", "content/protocols/plan.md", "---\ntitle: Plan\n---\n\nName: [[Name]] [[rows: 4]]\n",
			`content/protocols/plan.md:5:16: [[rows: 4]] repeats a table row: put it in a row of a table, after the fields`},
		{"rows in a heading", "content/protocols/plan.md", "---\ntitle: Plan\n---\n\n| A [[rows: 4]] |\n| --- |\n| [[A]] |\n",
			`content/protocols/plan.md:5:5: [[rows: 4]] is in a table's heading row: put it in a row under the --- line`},
		{"too many rows", "content/protocols/plan.md", "---\ntitle: Plan\n---\n\n| A |\n| --- |\n| [[A]] [[rows: 99]] |\n",
			`content/protocols/plan.md:7:9: [[rows: 99]]: a row can be shown 2 to 40 times`},
		{"checklist file name", "checklists/officer.yaml", "role: chief\nsections: []\n",
			`checklists/officer.yaml:1:7: checklist for role "chief" is in officer.yaml: name the file chief.yaml`},
		{"no front matter", "content/pages/about.md", "# About\n",
			`content/pages/about.md:1:1: missing front matter: the file must start with a line "---", then YAML such as "title: ...", then a line "---"`},
		{"unclosed front matter", "content/pages/about.md", "---\ntitle: About\n",
			`content/pages/about.md:1:1: front matter is not closed: add a line "---" after it`},
		{"front matter key", "content/pages/about.md", "---\ntitle: About\nmenu: main\n---\nText\n",
			`content/pages/about.md:3:1: unknown key "menu" in page front matter (allowed: title, weight)`},
		{"reserved page", "content/pages/search.md", "---\ntitle: Search\n---\n",
			`content/pages/search.md:1:1: page "search" would replace the site's own search/ folder: rename the file`},
		{"yaml alias", "checklists/chief.yaml", "role: chief\nsections:\n  - &s\n    title: A\n    items: [{text: x}]\n  - *s\n",
			`checklists/chief.yaml:6:5: YAML alias *s: content files may not repeat a part with & and *; write it out instead`},
		{"yaml merge key", "content/roles.yaml", "roles:\n  - &r {id: a, name: A}\n  - <<: *r\n    id: b\n",
			`content/roles.yaml:3:9: YAML alias *r: content files may not repeat a part with & and *; write it out instead`},
		{"alias in front matter", "content/pages/about.md", "---\ntitle: &t About\nweight: *t\n---\n",
			`content/pages/about.md:3:9: YAML alias *t: content files may not repeat a part with & and *; write it out instead`},
		{"bad file name", "content/protocols/My Plan.md", "---\ntitle: Plan\n---\n",
			`content/protocols/My Plan.md: file name "My Plan.md" cannot be used in addresses: use lower-case letters, digits and hyphens`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := minimal()
			fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
			_, diags := Load(fsys)
			if !hasDiag(diags, tc.want) {
				t.Errorf("want problem\n  %s\ngot\n%s", tc.want, indent(diags))
			}
		})
	}
}

func TestDuplicateRecommendationAcrossFiles(t *testing.T) {
	fsys := minimal()
	fsys["content/expected-results/02-second.yaml"] = &fstest.MapFile{Data: []byte("id: second\ntitle: S\nstatement: S\nrecommendations:\n  - id: train\n    text: Again.\n    roles: [officer]\n")}
	_, diags := Load(fsys)
	want := `content/expected-results/02-second.yaml:5:9: duplicate recommendation id "train" (first defined at content/expected-results/01-first.yaml:5:9)`
	if !hasDiag(diags, want) {
		t.Errorf("want %s, got\n%s", want, indent(diags))
	}
}

func TestAllProblemsReportedTogether(t *testing.T) {
	fsys := minimal()
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: T\nbogus: 1\n")}
	fsys["content/roles.yaml"] = &fstest.MapFile{Data: []byte("roles:\n  - id: BAD\n    name: x\n")}
	fsys["content/pages/about.md"] = &fstest.MapFile{Data: []byte("no front matter")}
	_, diags := Load(fsys)
	if len(diags) != 3 {
		t.Fatalf("want 3 problems from 3 files, got %d:\n%s", len(diags), indent(diags))
	}
	for i := 1; i < len(diags); i++ {
		if diags[i-1].Pos.File > diags[i].Pos.File {
			t.Errorf("problems not sorted by file: %s before %s", diags[i-1], diags[i])
		}
	}
}

func TestMissingRequiredFiles(t *testing.T) {
	_, diags := Load(fstest.MapFS{})
	for _, want := range []string{
		"content/site.yaml: cannot read file: file does not exist",
		"content/roles.yaml: cannot read file: file does not exist",
		"content/expected-results: no expected results: add at least one .yaml file",
	} {
		if !hasDiag(diags, want) {
			t.Errorf("want %s, got\n%s", want, indent(diags))
		}
	}
}

func TestTextPositions(t *testing.T) {
	fsys := minimal()
	fsys["content/expected-results/01-first.yaml"] = &fstest.MapFile{Data: []byte(`id: first
title: First
statement: S
recommendations:
  - id: train
    text: Train.
    roles: [officer]
    guidance: |
      First line.
      Second line.
`)}
	s, diags := Load(fsys)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	g := s.Recommendation("train").Guidance
	off := strings.Index(g.Value, "Second")
	if got, want := g.PosAt(off).String(), "content/expected-results/01-first.yaml:10:7"; got != want {
		t.Errorf("position of 'Second' = %s, want %s", got, want)
	}
}

func TestSplitFrontMatter(t *testing.T) {
	front, body, err := SplitFrontMatter([]byte("---\ntitle: X\n---\nBody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(front) != "\ntitle: X\n" {
		t.Errorf("front = %q", front)
	}
	if string(body) != "\n\n\nBody\n" {
		t.Errorf("body = %q: line numbers must match the file", body)
	}
	if _, _, err := SplitFrontMatter([]byte("title: X\n")); err != errNoFrontMatter {
		t.Errorf("err = %v, want errNoFrontMatter", err)
	}
	if _, _, err := SplitFrontMatter([]byte("---\ntitle: X\n")); err != errUnclosedFrontMatter {
		t.Errorf("err = %v, want errUnclosedFrontMatter", err)
	}
}

func hasDiag(diags site.Diagnostics, want string) bool {
	for _, d := range diags {
		if d.String() == want {
			return true
		}
	}
	return false
}

func indent(diags site.Diagnostics) string {
	if len(diags) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: X\n---\nBody", "---\n---\n", "---", "", "--- \n...\n", "x\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, err := SplitFrontMatter(src)
		if err != nil {
			return
		}
		// Blank lines keep line numbers: the body has as many lines as the file.
		if got, want := strings.Count(string(body), "\n"), strings.Count(string(src), "\n"); got != want {
			t.Fatalf("body has %d newlines, file has %d", got, want)
		}
		if len(front) > len(src) {
			t.Fatalf("front matter longer than the file")
		}
	})
}

func FuzzLoad(f *testing.F) {
	base := minimal()
	for _, name := range []string{"content/site.yaml", "content/roles.yaml", "content/expected-results/01-first.yaml", "checklists/officer.yaml", "content/pages/about.md"} {
		f.Add(name, base[name].Data)
	}
	f.Add("content/roles.yaml", []byte("roles: &a [*a]"))
	f.Add("content/roles.yaml", []byte("roles:\n  - id: x\n    name: !!binary aGk=\n"))
	f.Add("content/site.yaml", []byte("title: T\nterms:\n  recommendation: {singular: requirement, plural: requirements}\n"))
	f.Add("content/assessment.yaml", []byte("scale:\n  - {id: pass, label: Pass, score: 1, colour: green, done: true}\n  - {id: fail, label: Fail, score: 0, colour: red}\nnot_applicable: false\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		fsys := minimal()
		if _, ok := fsys[name]; !ok && name != "content/assessment.yaml" {
			name = "content/expected-results/01-first.yaml"
		}
		fsys[name] = &fstest.MapFile{Data: data}
		s, diags := Load(fsys)
		if s == nil {
			t.Fatal("nil site")
		}
		for _, d := range diags {
			if d.Pos.File == "" || d.Message == "" {
				t.Fatalf("problem without file or message: %+v", d)
			}
		}
	})
}

// TestWindowsStyleNames feeds the loader the names a site made on, or
// copied from, Windows may hold: a backslash, a drive letter, a device name
// (CON, nul), a trailing dot, as file names and as ids. Each is a problem at
// its file (and line and column for an id), so a site that builds here
// builds on Windows too, and no output path is made of them.
func TestWindowsStyleNames(t *testing.T) {
	fsys := minimal()
	for _, name := range []string{`content/pages/notes\draft.md`, "content/pages/C:notes.md", "content/pages/con.md", "content/pages/page..md", "content/protocols/nul.md", "content/protocols/Plan.md"} {
		fsys[name] = &fstest.MapFile{Data: []byte("---\ntitle: A page\n---\n\nText.\n")}
	}
	fsys["content/expected-results/02-second.yaml"] = &fstest.MapFile{Data: []byte("id: aux\ntitle: Second\nstatement: S.\nrecommendations:\n  - id: com1\n    text: T.\n    roles: [officer]\n")}
	_, diags := Load(fsys)
	got := diags.Error()
	for _, want := range []string{
		`content/pages/notes\draft.md: file name "notes\\draft.md" cannot be used in addresses`,
		`content/pages/C:notes.md: file name "C:notes.md" cannot be used in addresses`,
		`content/pages/con.md: file name "con.md" cannot be used: "con" is a name Windows keeps for the device CON`,
		`content/pages/page..md: file name "page..md" cannot be used in addresses`,
		`content/protocols/nul.md: file name "nul.md" cannot be used: "nul" is a name Windows keeps for the device NUL`,
		`content/protocols/Plan.md: file name "Plan.md" cannot be used in addresses`,
		`content/expected-results/02-second.yaml:1:5: invalid id: "aux" is a name Windows keeps for the device AUX`,
		`content/expected-results/02-second.yaml:5:9: invalid id: "com1" is a name Windows keeps for the device COM1`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}
