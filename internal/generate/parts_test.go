package generate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/bench/synth"
	"github.com/riskguide/riskguide/internal/linkcheck"
	"github.com/riskguide/riskguide/internal/render"
)

// TestFormInParts: from render.PartForm recommendations the
// self-assessment is an overview without fields and a page per expected
// result holding that result's; the scripts learn the whole guidance from
// assessment-guidance.js; a recommendation's page, the coverage tables and
// the list of parts link to the part that holds it, and every link
// resolves. A shorter guidance keeps one page and no such script.
func TestFormInParts(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if err := synth.Write(src, render.PartForm, 3); err != nil {
		t.Fatal(err)
	}
	gs, err := FindSource(src)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := BuildSource(gs, Options{Out: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	results := res.Site.Results
	first, second := results[0], results[1]
	checkPage(t, out, "self-assessment/index.html", []expect{
		{"#sa-form .sa-rec", 0, "", "", ""},
		{".sa-part-open a", len(results), "Open this part of the form", "", ""},
		{`.sa-part-open a[href="` + second.ID + `/index.html"]`, 1, "", "", ""},
		{`script[src^="../assets/js/assessment-guidance.js?v="]`, 1, "", "", ""},
		{".sa-parts-intro", 1, "", "", ""},
		{".sa-part-back", 0, "", "", ""},
		{".sa-cov-table", 20, "", "", ""},
		{".sa-jump", 0, "", "", ""},
		{"#sa-form", 1, "", "data-part-link", "%s/index.html"},
	})
	checkPage(t, out, "self-assessment/"+first.ID+"/index.html", []expect{
		{"#sa-form .sa-rec", len(first.Recommendations), "", "", ""},
		{"#sa-rec-" + first.Recommendations[0].ID + " textarea", 2, "", "", ""},
		{"#sa-form noscript", 0, "", "", ""},
		{"#sa-form.sa-long", 1, "", "", ""},
		{".sa-part-back a", 1, "", "href", "../index.html"},
		{".sa-blank-xlsx a", 1, "", "href", "../self-assessment-blank.xlsx"},
		{".sa-result", 1, "", "", ""},
		{".sa-part-open", 0, "", "", ""},
		{`.sa-jump a[href="../` + second.ID + `/index.html"]`, 1, "", "", ""},
		{`.sa-jump a[href="#sa-result-` + first.ID + `"][aria-current="true"]`, 1, "", "", ""},
		{`.sa-jump a[aria-current]`, 1, "", "", ""},
		// The expected results around this one, and the overview for all.
		{".sa-jump li", 12, "", "", ""},
		{`.sa-jump li:last-child a[href="../index.html"]`, 1, "", "", ""},
		{"#sa-form", 1, "", "data-part-link", "../%s/index.html"},
		{`script[src^="../../assets/js/assessment-guidance.js?v="]`, 1, "", "", ""},
		{".sa-cov-table", 0, "", "", ""},
	})

	data, err := os.ReadFile(filepath.Join(out, "assets/js/assessment-guidance.js"))
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "(window.riskguide = window.riskguide || {}).assessmentGuidance = "
	if !bytes.HasPrefix(data, []byte(prefix)) {
		t.Fatalf("assessment-guidance.js starts %q", data[:min(len(data), 80)])
	}
	var guidance []struct {
		ID   string `json:"id"`
		Recs []struct {
			ID, Label, Text, Hash string
		} `json:"recs"`
	}
	if err := json.Unmarshal(bytes.TrimSuffix(bytes.TrimPrefix(data, []byte(prefix)), []byte(";\n")), &guidance); err != nil {
		t.Fatalf("assessment-guidance.js: %v", err)
	}
	n := 0
	for i, g := range guidance {
		if g.ID != results[i].ID || len(g.Recs) != len(results[i].Recommendations) {
			t.Fatalf("result %d in the script: %s with %d recommendations, want %s with %d", i, g.ID, len(g.Recs), results[i].ID, len(results[i].Recommendations))
		}
		for j, r := range g.Recs {
			want := results[i].Recommendations[j]
			if r.ID != want.ID || r.Label != want.Label || r.Text != want.Text || len(r.Hash) != 16 {
				t.Fatalf("recommendation %s in the script: %+v", want.ID, r)
			}
			n++
		}
	}
	if n != render.PartForm {
		t.Errorf("the script lists %d recommendations, want %d", n, render.PartForm)
	}

	rec := second.Recommendations[0]
	page, err := os.ReadFile(filepath.Join(out, "recommendations", rec.ID, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `href="../../self-assessment/` + second.ID + `/index.html#sa-rec-` + rec.ID + `"`; !strings.Contains(string(page), want) {
		t.Errorf("the page of recommendation %s has no link %s", rec.ID, want)
	}
	diags, err := linkcheck.Check(os.DirFS(out), "public", false)
	if err != nil || len(diags) > 0 {
		t.Errorf("links: %v %v", diags, err)
	}

	// With pretty URLs too.
	site := filepath.Join(src, "content", "site.yaml")
	conf, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(site, append(conf, "pretty_urls: true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if gs, err = FindSource(src); err != nil {
		t.Fatal(err)
	}
	pretty := filepath.Join(t.TempDir(), "public")
	if _, err := BuildSource(gs, Options{Out: pretty, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	checkPage(t, pretty, "self-assessment/"+first.ID+"/index.html", []expect{
		{".sa-part-back a", 1, "", "href", "../"},
		{`.sa-jump a[href="../` + second.ID + `/"]`, 1, "", "", ""},
		{"#sa-form", 1, "", "data-part-link", "../%s/"},
	})
	if diags, err := linkcheck.Check(os.DirFS(pretty), "public", true); err != nil || len(diags) > 0 {
		t.Errorf("links with pretty URLs: %v %v", diags, err)
	}

	small := filepath.Join(t.TempDir(), "public")
	buildFS(t, smallSite(), small)
	entries, err := os.ReadDir(filepath.Join(small, "self-assessment"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("a short guidance's self-assessment has a part %s", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(small, "assets/js/assessment-guidance.js")); !os.IsNotExist(err) {
		t.Errorf("a short guidance has assessment-guidance.js (%v)", err)
	}
}
