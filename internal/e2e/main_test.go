// Package e2e proves SPEC section 5 in a real browser: the built site works
// from file://, at the root of a plain HTTP server and under a sub-path of a
// real nginx; under Content-Security-Policy: default-src 'self' with no
// violation; with no request to another origin; with zero axe-core WCAG 2.2
// AA violations at desktop and mobile width; from the keyboard; without
// JavaScript; and on A4 paper. It proves SPEC section 6 as well: the
// self-assessment page (assessment_test.go).
//
// Each site is built once per test run and shared by the tests, which read
// it and never change it. Set BROWSERTEST_PDF_DIR to keep the PDFs the print
// tests make.
package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/site"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// builtSite is one site built for the tests.
type builtSite struct {
	Name  string
	Dir   string
	Site  *site.Site
	Pages []string // every HTML page, as a slash path from the site root
}

var sites struct {
	sync.Mutex
	built map[string]*builtSite
}

// getSite builds a site once per run.
func getSite(t *testing.T, name string, src generate.Source) *builtSite {
	t.Helper()
	sites.Lock()
	defer sites.Unlock()
	if s, ok := sites.built[name]; ok {
		if s == nil {
			t.Fatalf("site %s failed to build earlier", name)
		}
		return s
	}
	if sites.built == nil {
		sites.built = map[string]*builtSite{}
	}
	sites.built[name] = nil
	out := filepath.Join(browsertest.PackageDir(t), name)
	res, err := generate.BuildSource(src, generate.Options{Out: out})
	if err != nil {
		t.Fatalf("building %s: %v", name, err)
	}
	s := &builtSite{Name: name, Dir: out, Site: res.Site}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			s.Pages = append(s.Pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(s.Pages)
	sites.built[name] = s
	return s
}

// defaultSite is the embedded default guidance.
func defaultSite(t *testing.T) *builtSite {
	return getSite(t, "default", generate.DefaultSource())
}

// testSite is a small site with its own logo, colour, roles, a checklist, a
// protocol with one-line and several-line fields inside a table and a list,
// a page with code and a table, and external citations.
func testSite(t *testing.T) *builtSite {
	return getSite(t, "small", generate.Source{FS: smallSource(false), Name: "small test site"})
}

// prettySite is the small site with pretty_urls: true, for web servers only.
func prettySite(t *testing.T) *builtSite {
	return getSite(t, "pretty", generate.Source{FS: smallSource(true), Name: "small test site, pretty URLs"})
}

func smallSource(pretty bool) fstest.MapFS {
	config := `title: Small test guidance
tagline: A site written for the browser tests
language: en
publisher: Test publisher
version: "0.9"
published: 2024-05-01
logo: assets/logo.svg
accent: "#7a1f5c"
`
	if pretty {
		config += "pretty_urls: true\n"
	}
	return fstest.MapFS{
		"content/site.yaml": {Data: []byte(config)},
		"assets/logo.svg":   {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#7a1f5c"/></svg>`)},
		"content/roles.yaml": {Data: []byte(`roles:
  - id: officer
    name: Patrol officer
    description: Attends first. See [the training recommendation](rec:train-officers).
  - id: analyst
    name: Analyst
    description: Works with the data.
`)},
		"content/sources.yaml": {Data: []byte(`sources:
  - id: convention
    title: A convention on preventing violence
    publisher: Council
    year: 2011
    url: https://example.org/convention
  - id: study
    title: A study of risk factors
    year: 2020
`)},
		"content/expected-results/01-training.yaml": {Data: []byte(`id: training
title: Training that changes practice
statement: Officers understand the dynamics of intimate partner violence.
summary: |
  Training matters because **first contact** shapes what victims say next.
recommendations:
  - id: train-officers
    text: Train every officer who attends incidents, within a year of joining.
    roles: [officer]
    guidance: |
      Plan it with [the analyst](role:analyst) and use [the plan](protocol:plan).

      | Who | When |
      |-----|------|
      | New officers | First year |
      | Everyone | Every three years |

      ` + "```yaml\n      schedule: yearly\n      ```" + `
    indicators:
      - A plan exists.
      - Attendance is recorded.
    evidence:
      - source: convention
        locator: Article 15
  - id: evaluate-training
    text: Evaluate whether training changes what officers do.
    roles: [officer, analyst]
    evidence:
      - source: study
`)},
		"content/expected-results/02-data.yaml": {Data: []byte(`id: data
title: Data that is used
statement: Data about cases is collected and used.
recommendations:
  - id: monitor-cases
    text: Monitor repeat victimisation with administrative data.
    roles: [analyst]
    indicators:
      - A quarterly report exists.
`)},
		"checklists/officer.yaml": {Data: []byte(`role: officer
title: Patrol officer checklist
fields:
  - Officer name
  - Incident reference
intro: Use at every incident.
sections:
  - title: At the scene
    items:
      - text: Ask about weapons in the home.
        recommendations: [train-officers]
      - text: Record the victim's words.
  - title: Afterwards
    items:
      - text: Refer to a support service.
        recommendations: [evaluate-training, monitor-cases]
`)},
		"content/protocols/plan.md": {Data: []byte(`---
title: Training plan
summary: A plan to fill in.
recommendations: [train-officers]
roles: [officer, analyst]
---

## Who

Organisation: [[Organisation]]

| Course | Owner |
|--------|-------|
| Induction | [[Induction owner]] |

- Start date: [[Start date]]

## What

[[Agreed actions...]]

## Record

| Case reference | Trigger, and when it became known | Referred to |
| --- | --- | --- |
| [[Case reference]] | [[Trigger]] | [[Referred to]] [[rows: 24]] |
`)},
		"content/pages/about.md": {Data: []byte("---\ntitle: About this test site\nweight: 1\n---\n\n## Numbering\n\nSee [1.1](rec:train-officers), [the plan](protocol:plan) and [the sources](source:convention).\n\n```go\nfunc main() {}\n```\n")},
	}
}

// url is the address of a page of s in one of the ways the site is opened.
type host struct {
	Name string
	Base string // ends in /; for file:// the site folder
}

func (h host) URL(page string) string { return h.Base + page }

func fileHost(s *builtSite) host {
	return host{Name: "file", Base: browsertest.FileURL(s.Dir, "") + "/"}
}

// atBothWidths runs f as two parallel subtests, prefix+"desktop" and
// prefix+"mobile", each with a new page of b at that width (mobile says
// which): the checks every page must pass on a wide screen and on a phone.
func atBothWidths(t *testing.T, b *browsertest.Browser, prefix string, f func(t *testing.T, p *browsertest.Page, mobile bool)) {
	t.Helper()
	for _, mobile := range []bool{false, true} {
		name := prefix + "desktop"
		if mobile {
			name = prefix + "mobile"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := b.NewPage(t)
			if mobile {
				p.Mobile()
			} else {
				p.Desktop()
			}
			f(t, p, mobile)
		})
	}
}
