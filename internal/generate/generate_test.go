package generate

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/riskguide/riskguide/bench/synth"
	"github.com/riskguide/riskguide/internal/linkcheck"
	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// smallSite is a whole site described inline: two results, three
// recommendations, two roles, a checklist, a protocol with fields and a page.
func smallSite() fstest.MapFS {
	return fstest.MapFS{
		"content/site.yaml": {Data: []byte(`title: Small <guidance>
tagline: For tests
publisher: Test publisher
version: "2.1"
published: 2024-01-31
accent: "#0b5d3b"
`)},
		"content/roles.yaml": {Data: []byte(`roles:
  - id: officer
    name: Officer
    description: Attends first. See [training](rec:train).
  - id: analyst
    name: Analyst
`)},
		"content/sources.yaml": {Data: []byte(`sources:
  - id: convention
    title: A convention
    publisher: Council
    year: 2011
    url: https://example.org/convention
`)},
		"content/expected-results/01-training.yaml": {Data: []byte(`id: training
title: Training
statement: Officers understand the dynamics.
summary: Why training matters.
recommendations:
  - id: train
    text: Train every officer.
    roles: [officer]
    guidance: |
      Plan it with [the analyst](role:analyst) and see [the data](rec:data-monitoring).

      | Who | When |
      |-----|------|
      | All | Yearly |
    indicators:
      - A plan exists.
      - <b>Escaped</b> markup.
    evidence:
      - source: convention
        locator: Article 15
  - id: evaluate
    text: Evaluate training.
    roles: [officer, analyst]
`)},
		"content/expected-results/02-data.yaml": {Data: []byte(`id: data
title: Data
statement: Data is used.
recommendations:
  - id: data-monitoring
    text: Monitor with data.
    roles: [analyst]
`)},
		"checklists/officer.yaml": {Data: []byte(`role: officer
title: Officer checklist
sections:
  - title: At the scene
    items:
      - text: Ask about weapons.
        recommendations: [train]
      - text: Record the victim's words.
`)},
		"content/protocols/safety-plan.md": {Data: []byte(`---
title: Safety plan
summary: A plan.
recommendations: [train, evaluate]
roles: [officer]
---

## Contacts

Name: [[Victim's name]]

[[Agreed actions...]]
`)},
		"content/pages/about.md": {Data: []byte("---\ntitle: About\nweight: 1\n---\n\n## Numbering\n\nSee [1.1](rec:train) and [the plan](protocol:safety-plan).\n")},
	}
}

func buildFS(t *testing.T, fsys fs.FS, out string) *Result {
	t.Helper()
	res, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Out: out, Workers: 2})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

func parsePage(t *testing.T, dir, name string) *html.Node {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// expect is a check of one page: the selector must match count elements
// (count -1: at least one), and the first must contain text (if given) and
// have the attribute value (if given).
type expect struct {
	sel      string
	count    int
	text     string
	attr, is string
}

func checkPage(t *testing.T, dir, name string, checks []expect) {
	t.Helper()
	doc := parsePage(t, dir, name)
	for _, c := range checks {
		nodes := cascadia.MustCompile(c.sel).MatchAll(doc)
		switch {
		case c.count >= 0 && len(nodes) != c.count:
			t.Errorf("%s: %q matched %d elements, want %d", name, c.sel, len(nodes), c.count)
			continue
		case len(nodes) == 0:
			if c.count != 0 {
				t.Errorf("%s: %q matched nothing", name, c.sel)
			}
			continue
		}
		if c.text != "" && !strings.Contains(text(nodes[0]), c.text) {
			t.Errorf("%s: %q has text %q, want it to contain %q", name, c.sel, text(nodes[0]), c.text)
		}
		if c.attr != "" && attr(nodes[0], c.attr) != c.is {
			t.Errorf("%s: %q has %s=%q, want %q", name, c.sel, c.attr, attr(nodes[0], c.attr), c.is)
		}
	}
}

func TestSmallSitePages(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := buildFS(t, smallSite(), out)
	if res.Pages < 12 {
		t.Errorf("built %d pages", res.Pages)
	}
	every := []expect{
		{"html[lang=en]", 1, "", "", ""},
		{"h1", 1, "", "", ""},
		{"a.skip-link[href='#main']", 1, "", "", ""},
		{"main#main", 1, "", "", ""},
		{"header nav[aria-label] a[aria-current]", -1, "", "", ""},
		{"[style]", 0, "", "", ""},
		{"script:not([src])", 0, "", "", ""},
	}
	checkPage(t, out, "index.html", append(every,
		expect{"title", 1, "Small <guidance>", "", ""},
		expect{"h1", 1, "Small <guidance>", "", ""},
		expect{".result-card", 2, "", "", ""},
		expect{".result-card h3 a", -1, "1 Training", "href", "results/training/index.html"},
		expect{".rec-list a[href='recommendations/data-monitoring/index.html']", 1, "2.1 Monitor with data.", "", ""},
		expect{".role-grid a[href='checklists/analyst/index.html']", 1, "Analyst", "", ""},
		expect{"link[href^='assets/css/site.css?v=']", 1, "", "", ""},
		expect{".site-footer", 1, "Version 2.1", "", ""},
	))
	checkPage(t, out, "recommendations/train/index.html", append(every,
		expect{"h1", 1, "Train every officer.", "", ""},
		expect{".eyebrow", 1, "Recommendation 1.1", "", ""},
		expect{"link[href^='../../assets/css/site.css?v=']", 1, "", "", ""},
		expect{"#guidance + .prose a[href='../../checklists/analyst/index.html']", 1, "the analyst", "", ""},
		expect{"#guidance + .prose a[href='../../recommendations/data-monitoring/index.html']", 1, "", "", ""},
		expect{".prose table td", 2, "All", "", ""},
		expect{".indicators li", 2, "", "", ""},
		expect{".evidence a[href='../../sources/index.html#source-convention']", 1, "A convention", "", ""},
		expect{".evidence li", 1, "Article 15", "", ""},
		expect{"#templates ~ ul a[href='../../protocols/safety-plan/index.html']", 1, "Safety plan", "", ""},
		expect{"#checklist-items ~ ul li", 1, "Ask about weapons.", "", ""},
		expect{".pager a[rel=next]", 1, "1.2", "href", "../../recommendations/evaluate/index.html"},
		expect{".pager a[rel=prev]", 0, "", "", ""},
	))
	checkPage(t, out, "recommendations/data-monitoring/index.html", []expect{
		{".pager a[rel=prev]", 1, "1.2", "", ""},
		{".pager a[rel=next]", 0, "", "", ""},
	})
	checkPage(t, out, "results/training/index.html", append(every,
		expect{"h1", 1, "Training", "", ""},
		expect{".statement", 1, "Officers understand the dynamics.", "", ""},
		expect{".rec-cards li", 2, "", "", ""},
	))
	checkPage(t, out, "checklists/officer/index.html", append(every,
		expect{"h1", 1, "Officer checklist", "", ""},
		expect{".checklist[data-store='checklist:officer'] input[type=checkbox][data-tick]", 2, "", "", ""},
		expect{".checklist-items li label", -1, "Ask about weapons.", "", ""},
		expect{".checklist-items .tick[aria-hidden=true]", 2, "", "", ""},
		expect{".item-recs a[href='../../recommendations/train/index.html']", 1, "1.1", "", ""},
		expect{"#recommendations ~ ul li", 2, "", "", ""},
		expect{"script[src^='../../assets/js/keep.js?v=']", 1, "", "", ""},
		expect{"#storage-warning[hidden]", 1, "", "", ""},
	))
	checkPage(t, out, "checklists/analyst/index.html", []expect{
		{"h1", 1, "Analyst", "", ""},
		{"input[type=checkbox]", 0, "", "", ""},
		{"#recommendations ~ ul li", 2, "", "", ""},
	})
	checkPage(t, out, "protocols/safety-plan/index.html", append(every,
		expect{"h1", 1, "Safety plan", "", ""},
		expect{".protocol-body[data-store='protocol:safety-plan']", 1, "", "", ""},
		expect{"label[for=field-victim-s-name]", 1, "Victim's name", "", ""},
		expect{"input#field-victim-s-name[data-field]", 1, "", "", ""},
		expect{"textarea#field-agreed-actions[data-field]", 1, "", "", ""},
		expect{"h2#contacts", 1, "", "", ""},
	))
	checkPage(t, out, "sources/index.html", append(every,
		expect{"li#source-convention", 1, "Council, 2011", "", ""},
		expect{"li#source-convention .url a", 1, "https://example.org/convention", "", ""},
		expect{"li#source-convention li", 1, "(Article 15)", "", ""},
	))
	checkPage(t, out, "print/index.html", append(slices.Clip(every[:4]),
		expect{"article.print-rec", 3, "", "", ""},
		expect{"#rec-train .prose a[href='#rec-data-monitoring']", 1, "", "", ""},
		expect{"#rec-train .evidence a[href='#source-convention']", 1, "", "", ""},
		expect{".print-sources li#source-convention", 1, "", "", ""},
	))
	checkPage(t, out, "print/checklists/index.html", []expect{
		{"article.print-section", 1, "Officer checklist", "", ""},
		{"article.print-section h3", 1, "At the scene", "", ""},
	})
	// A free page is listed in the footer, not the header.
	checkPage(t, out, "about/index.html", append(slices.Clip(every[:4]),
		expect{"h1", 1, "About", "", ""},
		expect{"[style]", 0, "", "", ""},
		expect{"script:not([src])", 0, "", "", ""},
		expect{".prose a[href='../recommendations/train/index.html']", 1, "", "", ""},
		expect{".prose a[href='../protocols/safety-plan/index.html']", 1, "", "", ""},
		expect{"footer nav a[aria-current=page]", 1, "About", "", ""},
	))
	theme, err := os.ReadFile(filepath.Join(out, "assets/css/theme.css"))
	if err != nil || !strings.Contains(string(theme), "--accent: #0b5d3b;") {
		t.Errorf("theme.css = %q, %v", theme, err)
	}
	diags, err := linkcheck.Check(os.DirFS(out), "public", false)
	if err != nil || len(diags) > 0 {
		t.Errorf("links: %v %v", diags, err)
	}
}

func TestPrettyURLs(t *testing.T) {
	fsys := smallSite()
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: T\npretty_urls: true\n")}
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	checkPage(t, out, "recommendations/train/index.html", []expect{
		{".pager a[rel=next]", 1, "", "href", "../../recommendations/evaluate/"},
		{".site-title", 1, "", "href", "../../"},
		{"link[href^='../../assets/css/site.css?v=']", 1, "", "", ""},
	})
	checkPage(t, out, "index.html", []expect{
		{".site-title", 1, "", "href", "./"},
	})
	if diags, err := linkcheck.Check(os.DirFS(out), "public", true); err != nil || len(diags) > 0 {
		t.Errorf("links with pretty URLs: %v %v", diags, err)
	}
}

func TestOverrideLayoutAndAsset(t *testing.T) {
	fsys := smallSite()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1 class="custom">{{.Title}}</h1>{{end}}`)}
	fsys["assets/css/site.css"] = &fstest.MapFile{Data: []byte("body{color:red}")}
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	checkPage(t, out, "about/index.html", []expect{{"h1.custom", 1, "About", "", ""}})
	css, _ := os.ReadFile(filepath.Join(out, "assets/css/site.css"))
	if string(css) != "body{color:red}" {
		t.Errorf("site's stylesheet did not replace the default: %.40q", css)
	}
	if _, err := os.Stat(filepath.Join(out, "assets/js/keep.js")); err != nil {
		t.Errorf("default assets not kept beside the override: %v", err)
	}
}

// TestPagesAreCountedOnce: a site with a layout of its own (Markdown, then
// the same HTML in an attribute) reports the pages and files it wrote, the
// same on disk and in memory.
func TestPagesAreCountedOnce(t *testing.T) {
	fsys := smallSite()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{$h := .Markdown .Page.Body}}<div>{{$h}}</div><p title="{{$h}}"></p>{{end}}`)}
	out := filepath.Join(t.TempDir(), "public")
	res := buildFS(t, fsys, out)
	files, pages := 0, 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
			if strings.HasSuffix(p, ".html") {
				pages++
			}
		}
		return err
	})
	if res.Pages != pages || res.Files != files {
		t.Errorf("on disk: reported %d pages and %d files, wrote %d and %d", res.Pages, res.Files, pages, files)
	}
	checkPage(t, out, "about/index.html", []expect{{"p[title]", 1, "", "", ""}})
	mem, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	if mem.Pages != pages || mem.Files != files || len(mem.Output) != files {
		t.Errorf("in memory: reported %d pages and %d files, holds %d files; want %d and %d", mem.Pages, mem.Files, len(mem.Output), pages, files)
	}
}

// TestHeaderIsSiteWide: the header and footer are rendered once for all
// pages alike, so a site's own header may not show a page's title; the
// build says so instead of repeating one page's title on every page.
func TestHeaderIsSiteWide(t *testing.T) {
	fsys := smallSite()
	fsys["layouts/partials/header.html"] = &fstest.MapFile{Data: []byte(`{{define "header"}}<header>{{.Title}}</header>{{end}}`)}
	_, err := BuildSource(Source{FS: fsys, Name: "t"}, Options{Out: filepath.Join(t.TempDir(), "public")})
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/header.html") || !strings.Contains(err.Error(), "Title") {
		t.Errorf("err = %v, want one naming the header layout and Title", err)
	}
	fsys["layouts/partials/header.html"] = &fstest.MapFile{Data: []byte(`{{define "header"}}<header class="own"><a href="{{.Root}}">{{.Site.Config.Title}}</a></header>{{end}}`)}
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	checkPage(t, out, "recommendations/train/index.html", []expect{{"header.own a", 1, "", "href", "../../index.html"}})
	checkPage(t, out, "index.html", []expect{{"header.own a", 1, "", "href", "index.html"}})
}

func TestBaseURL(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := BuildSource(Source{FS: smallSite(), Name: "t"}, Options{Out: out, BaseURL: "https://intranet.example/guidance/"}); err != nil {
		t.Fatal(err)
	}
	checkPage(t, out, "results/training/index.html", []expect{
		{"link[rel=canonical]", 1, "", "href", "https://intranet.example/guidance/results/training/index.html"},
	})
	sitemap, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil || !strings.Contains(string(sitemap), "<loc>https://intranet.example/guidance/recommendations/train/index.html</loc>") {
		t.Errorf("sitemap: %v\n%s", err, sitemap)
	}
}

// TestFailedBuildKeepsOutput checks that a build with broken content leaves
// the previous output byte for byte as it was, and no staging folder behind.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	buildFS(t, smallSite(), out)
	before := snapshot(t, out)

	broken := smallSite()
	broken["content/roles.yaml"] = &fstest.MapFile{Data: []byte("roles:\n  - id: officer\n    nme: typo\n")}
	_, err := BuildSource(Source{FS: broken, Name: "broken"}, Options{Out: out})
	var diags site.Diagnostics
	if err == nil || !errors.As(err, &diags) {
		t.Fatalf("broken content built: %v", err)
	}

	brokenLayout := smallSite()
	brokenLayout["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.NoSuchField}}{{end}}`)}
	if _, err := BuildSource(Source{FS: brokenLayout, Name: "layout"}, Options{Out: out}); err == nil || !strings.Contains(err.Error(), "layouts/home.html") {
		t.Fatalf("broken layout: err = %v, want one naming layouts/home.html", err)
	}

	after := snapshot(t, out)
	if len(before) != len(after) {
		t.Fatalf("output has %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind beside the output: %v", names)
	}
}

// TestDeterministic builds the default site and a synthetic site large
// enough to split the search index, each with one worker (sequentially) and
// with several, and compares every byte.
func TestDeterministic(t *testing.T) {
	synthetic := t.TempDir()
	if err := synth.Write(synthetic, 600, 3); err != nil {
		t.Fatal(err)
	}
	large, err := FindSource(synthetic)
	if err != nil {
		t.Fatal(err)
	}
	sameBytes(t, DefaultSource())
	files := sameBytes(t, large)
	shards := 0
	for name := range files {
		if strings.HasPrefix(name, filepath.FromSlash("search/data/t-")) {
			shards++
		}
	}
	if shards < 2 {
		t.Errorf("the synthetic site's search index has %d term files; it should be split", shards)
	}
}

// sameBytes builds src sequentially and in parallel, compares the two, and
// returns the files.
func sameBytes(t *testing.T, src Source) map[string][]byte {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, err := BuildSource(src, Options{Out: a, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := BuildSource(src, Options{Out: b, Workers: 4}); err != nil {
		t.Fatal(err)
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) != len(sb) {
		t.Fatalf("%d files vs %d", len(sa), len(sb))
	}
	for name, data := range sa {
		if !bytes.Equal(sb[name], data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	return sa
}

// TestDefaultSiteBuildsClean builds the embedded default site and checks
// every internal link and anchor.
func TestDefaultSiteBuildsClean(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := BuildSource(DefaultSource(), Options{Out: out})
	if err != nil {
		t.Fatalf("default site: %v", err)
	}
	if res.Pages < 40 {
		t.Errorf("default site has only %d pages", res.Pages)
	}
	diags, err := linkcheck.Check(os.DirFS(out), "public", false)
	if err != nil || len(diags) > 0 {
		t.Errorf("links in default site:\n%v %v", diags, err)
	}
}

var assetVersion = regexp.MustCompile(`\?v=[0-9a-f]+`)

var goldenPages = []string{"index.html", "recommendations/train/index.html", "checklists/officer/index.html", "protocols/safety-plan/index.html"}

// TestGolden compares a few whole pages of the small site with files in
// testdata/golden; run with -update after an intended change.
func TestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, smallSite(), out)
	for _, page := range goldenPages {
		got, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		// Asset links carry content hashes, which change with every edit
		// of the stylesheet or a script; the pages are compared without.
		got = assetVersion.ReplaceAll(got, []byte("?v=HASH"))
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/generate -run TestGolden -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if the change is intended, run with -update\n%s", page, golden, firstDiff(string(want), string(got)))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestLogoNamedLikeItsCopy: a logo at assets/logo.svg, the name the logo is
// published under, is copied once, on disk and in the preview's memory.
func TestLogoNamedLikeItsCopy(t *testing.T) {
	fsys := smallSite()
	fsys["assets/logo.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)}
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: Test\nlogo: assets/logo.svg\n")}
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	if data, err := os.ReadFile(filepath.Join(out, "assets/logo.svg")); err != nil || !strings.HasPrefix(string(data), "<svg") {
		t.Errorf("logo not published: %v", err)
	}
	if _, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true}); err != nil {
		t.Errorf("in memory: %v", err)
	}
}

// TestSlowMarkdownIsReadOnceAndConvertedOnce: a text goldmark parses slowly
// (100,000 "[") is parsed once to be read (its links for the checker, its
// plain text and headings for the search index) and once to be converted
// for the one page that shows it, never again for each phase; and ids of
// repeated headings and fields stay linear.
func TestSlowMarkdownIsReadOnceAndConvertedOnce(t *testing.T) {
	fsys := smallSite()
	base := markdown.Parses()
	if _, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true}); err != nil {
		t.Fatal(err)
	}
	without := markdown.Parses() - base
	fsys["content/pages/brackets.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Brackets\n---\n" + strings.Repeat("[", 100000) + "\n")}
	base = markdown.Parses()
	if _, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true}); err != nil {
		t.Fatal(err)
	}
	if with := markdown.Parses() - base; with != without+2 {
		t.Errorf("one more page of one text made %d more parses, want 2 (one read, one conversion)", with-without)
	}

	fsys["content/pages/repeated.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Repeated\n---\n" +
		strings.Repeat("## Same\n\n", 20000) + strings.Repeat("[[Name]] ", 20000) + "\n")}
	res, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Output["repeated/index.html"])
	for _, id := range []string{`id="same"`, `id="same-19999"`, `id="field-name"`, `id="field-name-19999"`} {
		if !strings.Contains(page, id) {
			t.Errorf("repeated/index.html lacks %s", id)
		}
	}
}
