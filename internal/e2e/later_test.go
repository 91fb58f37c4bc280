package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/bench/synth"
	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/render"
)

// laterSite is a synthetic guidance just long enough for the self-assessment
// to write each recommendation's fields inside a <noscript>
// (render.LongForm).
func laterSite(t *testing.T) *builtSite { return synthSite(t, "later", render.LongForm, 1) }

// synthSite is the bench/synth guidance of n recommendations, built.
func synthSite(t *testing.T, name string, n int, seed uint64) *builtSite {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src")
	if err := synth.Write(src, n, seed); err != nil {
		t.Fatal(err)
	}
	s, err := generate.FindSource(src)
	if err != nil {
		t.Fatal(err)
	}
	return getSite(t, name, s)
}

// TestLaterForm: on a long guidance the page holds each recommendation's
// fields as the text of a <noscript>, which a browser running scripts does
// not parse. The scripts make them: every recommendation ends up with the
// same fields a short form has, an answer given far down the form is kept
// and shown again straight after a reload, the printed report holds it,
// and once the assessment is final every field made is read-only. Without
// scripts the browser shows the whole blank form.
func TestLaterForm(t *testing.T) {
	t.Parallel()
	s := laterSite(t)
	html, err := os.ReadFile(filepath.Join(s.Dir, "self-assessment", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(html), `<noscript class="sa-later">`); n != render.LongForm {
		t.Fatalf("the page has %d recommendations' fields in a <noscript>, want %d", n, render.LongForm)
	}
	// madeAll is true once the scripts have made every recommendation's
	// fields.
	const madeAll = `document.getElementById('sa-form').dataset.made === 'all'`
	// sections; those with one body whose scale has as many levels as
	// the first one's (at least two); text fields; <noscript>s left.
	const counts = `(function () {
	  var recs = document.querySelectorAll('#sa-form section.sa-rec');
	  var levels = recs[0].querySelectorAll('.sa-scale input[type="radio"]').length;
	  var whole = Array.prototype.filter.call(recs, function (r) {
	    return r.querySelectorAll('.sa-rec-body').length === 1 && r.querySelectorAll('.sa-scale input[type="radio"]').length === levels;
	  }).length;
	  return [recs.length, levels >= 2 ? whole : 0, document.querySelectorAll('#sa-form textarea[data-answer]').length,
	    document.querySelectorAll('#sa-form noscript').length];
	})()`

	t.Run("scripts", func(t *testing.T) {
		t.Parallel()
		tb := openTab(t, s.Dir)
		ids := tb.recIDs()
		if len(ids) != render.LongForm {
			t.Fatalf("%d recommendations on the page, want %d", len(ids), render.LongForm)
		}
		tb.waitFor("every recommendation's fields", madeAll)
		// The action plan, far below, is not made until it is reached.
		if n := tb.eval(`String(document.querySelectorAll('#sa-plan-out tr').length)`); n != "0" {
			t.Errorf("the plan has %s rows before the reader reached it", n)
		}
		got := browsertest.Eval[[]int](tb.Page, counts)
		if want := []int{len(ids), len(ids), 2 * len(ids), 0}; !slices.Equal(got, want) {
			t.Fatalf("sections, whole ones, text fields, <noscript>s left: %v, want %v", got, want)
		}

		last := ids[len(ids)-1]
		tb.click("#sa-" + last + "-in-place")
		tb.typeInto("#sa-"+last+"-evidence", "Audit of the last one, 2026")
		tb.waitFor("the answer kept", `localStorage.length > 0 && Object.keys(localStorage).some(function (k) { return localStorage.getItem(k).indexOf('Audit of the last one, 2026') >= 0; })`)

		// Straight after a reload, before the rest of the form is made,
		// the answered recommendation shows its answer.
		tb.Reload()
		if !tb.checked("#sa-"+last+"-in-place") || tb.value("#sa-"+last+"-evidence") != "Audit of the last one, 2026" {
			t.Fatalf("after a reload the last recommendation shows status %v and evidence %q",
				tb.checked("#sa-"+last+"-in-place"), tb.value("#sa-"+last+"-evidence"))
		}
		// The summary names the levels by their labels, which the page
		// gives its scripts whether or not any fields are made yet.
		heads := tb.eval(`Array.from(document.querySelectorAll('#sa-summary-table thead th')).map(function (th) { return th.textContent; }).join('|')`)
		if !strings.Contains(heads, "|In place|") || strings.Contains(heads, "in-place") {
			t.Errorf("the summary's column headings are %q, want the levels' labels", heads)
		}
		// A recommendation in the middle, brought on screen, has its fields
		// and no answer.
		mid := ids[len(ids)/2]
		tb.Do(onScreen("#sa-rec-" + mid))
		tb.waitFor("the middle recommendation's fields", `document.getElementById('sa-`+mid+`-evidence') !== null`)
		if v := tb.value("#sa-" + mid + "-evidence"); v != "" {
			t.Errorf("an unanswered recommendation shows %q", v)
		}

		// Reached, the plan lists every recommendation but the one in place.
		tb.Do(onScreen("#sa-plan"))
		tb.waitFor("the plan", `document.querySelectorAll('#sa-plan-out tbody tr').length === `+strconv.Itoa(len(ids)-1))
		if tb.evalBool(`document.querySelector('#sa-plan-out tr[data-rec="` + last + `"]') !== null`) {
			t.Error("the plan lists a recommendation in place")
		}

		pdf := tb.PDF()
		text := browsertest.PDFText(t, pdf)
		if !strings.Contains(strings.Join(strings.Fields(text), " "), "Audit of the last one, 2026") {
			t.Errorf("the printed report (%d pages) lacks the answer given to the last recommendation", browsertest.PDFPages(t, pdf))
		}

		// Signed off, the assessment is final: the fields made after a
		// reload are as read-only as those made before.
		signOff(tb)
		tb.Reload()
		tb.waitFor("every recommendation's fields", madeAll)
		if n := tb.eval(`String(document.querySelectorAll('#sa-form .sa-rec input:not(:disabled), #sa-form .sa-rec textarea:not(:disabled)').length)`); n != "0" {
			t.Errorf("%s fields of a final assessment can still be changed", n)
		}
		if n := tb.eval(`String(document.querySelectorAll('#sa-form .sa-rec input:disabled').length)`); n == "0" {
			t.Error("no field of the final assessment is read-only")
		}
	})

	// Served with the recommended headers, the fields are made under
	// the Content-Security-Policy without a violation or an error, and a
	// workbook exported (its blank loaded then) is one.
	t.Run("CSP", func(t *testing.T) {
		t.Parallel()
		tb := openTab(t, "")
		p := tb.Page
		p.Navigate(browsertest.ServeDir(t, s.Dir, browsertest.RecommendedHeaders()) + "self-assessment/index.html")
		tb.waitFor("every recommendation's fields", madeAll)
		if n := browsertest.Eval[int](p, `document.querySelectorAll('#sa-form .sa-rec textarea').length`); n != 2*render.LongForm {
			t.Errorf("%d text fields made, want %d", n, 2*render.LongForm)
		}
		if browsertest.Eval[bool](p, `typeof window.riskguideWorkbook !== 'undefined'`) {
			t.Error("the blank workbook was loaded before any export")
		}
		name, data := tb.download("export-xlsx")
		if !strings.HasSuffix(name, ".xlsx") || !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			t.Errorf("the export is %s, starting %q: not a workbook", name, data[:min(len(data), 8)])
		}
		p.CheckClean()
	})

	t.Run("no scripts", func(t *testing.T) {
		t.Parallel()
		p := browsertest.Shared(t).NewPage(t)
		p.DisableScripts()
		p.Navigate(browsertest.FileURL(s.Dir, "self-assessment/index.html"))
		// Without scripts a <noscript>'s content is part of the page.
		got := browsertest.Eval[[]int](p, counts)
		n := render.LongForm
		if want := []int{n, n, 2 * n, n}; !slices.Equal(got, want) {
			t.Fatalf("without scripts: sections, whole ones, text fields, <noscript>s: %v, want %v", got, want)
		}
		if text := browsertest.Eval[string](p, `document.querySelector('main').innerText`); strings.Contains(text, "<fieldset") {
			t.Error("without scripts the page shows markup as text")
		}
	})
}
