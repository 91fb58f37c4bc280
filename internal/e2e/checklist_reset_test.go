package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// TestChecklistNewCase uses the call handler's checklist, kept in the
// browser, as an officer would from one call to the next: the page warns
// never to type real case details; ticks and a typed reference survive a
// reload; "start again" asks first, and a "no" keeps everything; a "yes"
// clears every tick and entry of the checklist, also from storage, so the
// next case does not start half done.
func TestChecklistNewCase(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := defaultSite(t)
	h := fileHost(s)
	p := b.NewPage(t)
	p.Navigate(h.URL("checklists/call-handler/index.html"))

	warning := browsertest.Eval[string](p, `(document.querySelector('.prose blockquote') || {}).textContent || ''`)
	if !strings.Contains(warning, "Never type real case details into this page") {
		t.Errorf("the checklist does not warn against real case details; its blockquote reads %q", warning)
	}

	const ticked = `Array.prototype.filter.call(document.querySelectorAll('input[data-tick]'), function (b) { return b.checked; }).length`
	ref := browsertest.Eval[string](p, `Array.prototype.filter.call(document.querySelectorAll('.sheet-fields input[data-field]'), function (i) { return /reference/i.test(i.labels[0].textContent); })[0].id`)
	if ref == "" {
		t.Fatal("the call handler's checklist has no reference field to test with")
	}
	p.Do(chromedp.Click(chromedp.CSS(`input[data-tick]`)))
	typeInto(p, ref, "TEST-1")
	p.Reload()
	if n := browsertest.Eval[int](p, ticked); n != 1 {
		t.Fatalf("after a reload %d boxes are ticked, want the 1 ticked before", n)
	}

	// The button's question is the one the page states; "no" keeps all.
	question := browsertest.Eval[string](p, `document.querySelector('button[data-clear]').getAttribute('data-confirm')`)
	if !strings.Contains(question, "new case") {
		t.Errorf("the reset asks %q, which does not mention a new case", question)
	}
	asked := `window.asked = ''; window.confirm = function (q) { window.asked = q; return %s; }; true`
	browsertest.Eval[bool](p, strings.Replace(asked, "%s", "false", 1))
	p.Do(chromedp.Click(chromedp.CSS(`button[data-clear]`)))
	if got := browsertest.Eval[string](p, `window.asked`); got != question {
		t.Errorf("the reset asked %q, want %q", got, question)
	}
	if n := browsertest.Eval[int](p, ticked); n != 1 {
		t.Errorf("after answering no, %d boxes are ticked, want 1", n)
	}
	if v := browsertest.Eval[string](p, `document.getElementById('`+ref+`').value`); v != "TEST-1" {
		t.Errorf("after answering no, the reference reads %q, want TEST-1", v)
	}

	// "Yes" clears the ticks and the entries, on screen and in storage.
	browsertest.Eval[bool](p, strings.Replace(asked, "%s", "true", 1))
	p.Do(chromedp.Click(chromedp.CSS(`button[data-clear]`)))
	p.Reload()
	if n := browsertest.Eval[int](p, ticked); n != 0 {
		t.Errorf("after starting again and reloading, %d boxes are ticked, want none", n)
	}
	if v := browsertest.Eval[string](p, `document.getElementById('`+ref+`').value`); v != "" {
		t.Errorf("after starting again and reloading, the reference reads %q, want it empty", v)
	}
	p.CheckClean()
}
