package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/edition/editiontest"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/render"
)

// TestFormInParts: from render.PartForm recommendations the
// self-assessment is an overview and a page per expected result. An
// answer given on one part is kept with the others: another part lists no
// retired answers and exports it, the overview's summary counts it, its
// export and its printed report hold it, and reopening the part shows it.
// Every page passes axe and, served with the recommended headers, runs
// under the Content-Security-Policy without an error; without scripts a
// part is its blank paper form.
func TestFormInParts(t *testing.T) {
	t.Parallel()
	s := synthSite(t, "parts", render.PartForm, 2)
	overview, err := os.ReadFile(filepath.Join(s.Dir, "self-assessment", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(overview), `class="sa-rec"`); n != 0 {
		t.Fatalf("the overview holds the fields of %d recommendations, want none", n)
	}
	// The parts, in the order of the expected results.
	var parts []string
	for _, m := range regexp.MustCompile(`class="sa-part-open"><a href="([^"/]+)/index.html"`).FindAllStringSubmatch(string(overview), -1) {
		if _, err := os.Stat(filepath.Join(s.Dir, "self-assessment", m[1], "index.html")); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, m[1])
	}
	if want := (render.PartForm + 19) / 20; len(parts) != want {
		t.Fatalf("the overview links to %d parts, want one per expected result, %d", len(parts), want)
	}
	partURL := func(id string) string { return browsertest.FileURL(s.Dir, "self-assessment/"+id+"/index.html") }

	t.Run("answers", func(t *testing.T) {
		t.Parallel()
		tb := openTab(t, s.Dir)
		// The reader opens the second part from the overview.
		tb.Follow(`.sa-part-open a[href="` + parts[1] + `/index.html"]`)
		tb.waitFor("the part", `document.querySelectorAll('#sa-form .sa-rec').length > 0 && !document.getElementById('sa-manage').hidden`)
		ids := tb.recIDs()
		last := ids[len(ids)-1]
		tb.click("#sa-" + last + "-in-place")
		tb.typeInto("#sa-"+last+"-evidence", "Register of part two, 2026")
		tb.waitFor("the answer kept", `Object.keys(localStorage).some(function (k) { return localStorage.getItem(k).indexOf('Register of part two, 2026') >= 0; })`)

		// Another part: its own fields are blank, the answer is not
		// "retired" there, and its export holds it.
		tb.Navigate(partURL(parts[0]))
		if tb.evalBool(`document.getElementById('sa-rec-` + last + `') !== null`) {
			t.Fatal("the fields of one part are on another")
		}
		if !tb.evalBool(`document.getElementById('sa-retired').hidden`) {
			t.Errorf("another part lists retired answers: %s", tb.eval(`document.getElementById('sa-retired').textContent`))
		}
		_, data := tb.download("export-json")
		var exp struct {
			Answers map[string]struct {
				Status   string `json:"status"`
				Evidence string `json:"evidence"`
			} `json:"answers"`
		}
		if err := json.Unmarshal(data, &exp); err != nil {
			t.Fatalf("the export is not JSON: %v", err)
		}
		if a := exp.Answers[last]; a.Status != "in-place" || a.Evidence != "Register of part two, 2026" {
			t.Errorf("exported from another part, the answer is %+v", a)
		}

		// The overview: its summary counts it and its printed report
		// holds it.
		tb.Navigate(pageURL(s.Dir))
		tb.waitFor("the summary", `document.querySelectorAll('#sa-summary-table tbody tr').length > 1`)
		inPlace := tb.eval(`(function () {
		  var heads = Array.prototype.map.call(document.querySelectorAll('#sa-summary-table thead th'), function (th) { return th.textContent; });
		  return document.querySelectorAll('#sa-summary-table tbody tr')[1].children[heads.indexOf('In place')].textContent;
		})()`)
		if inPlace != "1" {
			t.Errorf("the overview's summary counts %q recommendations of the second expected result in place, want 1", inPlace)
		}
		// The coverage tables, filled once they come near the screen.
		tb.Do(onScreen("#sa-coverage"))
		tb.waitFor("the coverage filled", `document.querySelectorAll('#sa-coverage tr[data-recs]').length === document.querySelectorAll('#sa-coverage .sa-cov-progress').length`)
		text := strings.Join(strings.Fields(browsertest.PDFText(t, tb.PDF())), " ")
		if !strings.Contains(text, "Register of part two, 2026") {
			t.Error("the report printed from the overview lacks the answer given on a part")
		}

		// Back on the part, the answer is shown.
		tb.Navigate(partURL(parts[1]))
		if !tb.checked("#sa-"+last+"-in-place") || tb.value("#sa-"+last+"-evidence") != "Register of part two, 2026" {
			t.Errorf("reopened, the part shows status %v and evidence %q", tb.checked("#sa-"+last+"-in-place"), tb.value("#sa-"+last+"-evidence"))
		}
	})

	t.Run("axe and CSP", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		base := browsertest.ServeDir(t, s.Dir, browsertest.RecommendedHeaders())
		for _, page := range []string{"self-assessment/index.html", "self-assessment/" + parts[0] + "/index.html"} {
			p.Navigate(base + page)
			browsertest.FailOnAxe(t, page, p.Axe())
			p.CheckClean()
		}
	})

	t.Run("html-validate", func(t *testing.T) {
		t.Parallel()
		for _, p := range htmlValidate(t, []string{filepath.Join(s.Dir, "self-assessment", "index.html"), filepath.Join(s.Dir, "self-assessment", parts[0], "index.html")}) {
			t.Error(p)
		}
	})

	t.Run("no scripts", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.DisableScripts()
		p.Navigate(partURL(parts[0]))
		got := browsertest.Eval[[]int](p, `[document.querySelectorAll('#sa-form .sa-rec').length, document.querySelectorAll('#sa-form .sa-rec textarea').length]`)
		if got[0] == 0 || got[1] != 2*got[0] {
			t.Errorf("without scripts a part has %d recommendations and %d text fields, want two per recommendation", got[0], got[1])
		}
	})
}

// TestEditionsInParts: the editions' flags on a form in parts. An answer
// given under edition 2.0 on the part that holds it is counted on the 2.1
// overview, whose count links to that part, where it is flagged; an older
// export imported on the overview, where no recommendation's fields are,
// has its answers read as given under 2.0 all the same; and the report
// printed from the overview lists the answers not reviewed.
func TestEditionsInParts(t *testing.T) {
	v20, v21 := editiontest.Sources(t)
	// Enough recommendations, the same in both editions, for parts.
	var more strings.Builder
	more.WriteString("id: more\ntitle: More\nstatement: More.\nrecommendations:\n")
	for i := range render.PartForm {
		fmt.Fprintf(&more, "  - id: more-%d\n    text: \"Keep register %d of the cases reviewed.\"\n    roles: [training-lead]\n", i, i)
	}
	for _, fsys := range []fstest.MapFS{v20, v21} {
		fsys["content/expected-results/99-more.yaml"] = &fstest.MapFile{Data: []byte(more.String())}
	}
	dir20 := getSite(t, "parts-edition-2.0", generate.Source{FS: v20, Name: "edition 2.0"}).Dir
	dir21 := getSite(t, "parts-edition-2.1", generate.Source{FS: v21, Name: "edition 2.1"}).Dir
	part := func(dir, result string) string {
		return browsertest.FileURL(dir, "self-assessment/"+result+"/index.html")
	}
	const count = `(document.getElementById('sa-edition-count') || {}).textContent || ''`

	tb := openTab(t, "")
	tb.Navigate(part(dir20, "training"))
	tb.click("#sa-" + amendedA + "-in-place")
	tb.waitFor("the answer kept", `Object.keys(localStorage).some(function (k) { return localStorage.getItem(k).indexOf('"in-place"') >= 0; })`)

	tb.Navigate(pageURL(dir21))
	tb.waitFor("the form", `!document.getElementById('sa-manage').hidden`)
	if got := tb.eval(count); !strings.HasPrefix(got, "1 answer to review") {
		t.Errorf("the overview says %q", got)
	}
	if href := tb.eval(`document.querySelector('#sa-edition-count a').getAttribute('href')`); href != "training/index.html#sa-rec-"+amendedA {
		t.Errorf("the count links to %q", href)
	}
	tb.Follow("#sa-edition-count a")
	tb.waitFor("the part", `document.getElementById('sa-rec-`+amendedA+`') !== null && !document.getElementById('sa-manage').hidden`)
	if got := flagged(tb); got != amendedA {
		t.Errorf("on its part, flagged %q, want %q", got, amendedA)
	}

	// An export of format version 3 that names edition 2.0, imported on
	// the overview.
	tb.Navigate(pageURL(dir21))
	importNorth2025(tb)
	if got := tb.eval(count); !strings.HasPrefix(got, "2 answers to review") {
		t.Errorf("after the import the overview says %q", got)
	}
	tb.Do(evalVoid(`window.dispatchEvent(new Event('beforeprint'))`))
	if listed := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-report .sa-report-unreviewed li'), function (li) { return li.textContent; }).join('|')`); strings.Count(listed, "answered under edition 2.0") != 2 {
		t.Errorf("unreviewed answers in the report printed from the overview: %q", listed)
	}
	tb.Navigate(part(dir21, "administrative-data"))
	tb.waitFor("the part", `document.getElementById('sa-rec-`+amendedB+`') !== null && !document.getElementById('sa-manage').hidden`)
	if got := flagged(tb); got != amendedB {
		t.Errorf("on its part, the import's answer: flagged %q, want %q", got, amendedB)
	}
}
