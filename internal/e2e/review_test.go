package e2e

import (
	"strings"
	"testing"
)

func TestDialogFieldOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	shown := `getComputedStyle(document.getElementById('sa-dialog-field')).display !== 'none'`
	tb.click(`[data-sa-action="rename"]`)
	tb.waitFor("the dialog", `document.getElementById('sa-dialog').open`)
	if !tb.evalBool(shown) {
		t.Error("the rename dialog hides its name box")
	}
	tb.dialog("", "")
	tb.click(`[data-sa-action="delete"]`)
	tb.waitFor("the dialog", `document.getElementById('sa-dialog').open`)
	if tb.evalBool(shown) {
		t.Error("the delete dialog shows an empty name box")
	}
	tb.dialog("", "")
}

func TestCompareKeepsChoices(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	first := tb.eval(`document.getElementById('sa-current').value`)
	tb.click(`[data-sa-action="duplicate"]`)
	second := tb.eval(`document.getElementById('sa-current').value`)
	tb.click("#sa-" + rec2 + "-in-place")
	tb.Do(setSelect("#sa-compare-from", first), setSelect("#sa-compare-to", second))
	tb.click(`[data-sa-action="compare"]`)
	if tb.eval(`document.getElementById('sa-compare-out').textContent`) == "" {
		t.Fatal("no comparison shown")
	}
	// Showing the other assessment leaves the choices alone and removes
	// the table, which might no longer match them.
	tb.Do(setSelect("#sa-current", first))
	if from, to := tb.value("#sa-compare-from"), tb.value("#sa-compare-to"); from != first || to != second {
		t.Errorf("after switching, compare is from %s to %s; want %s to %s", from, to, first, second)
	}
	if got := tb.eval(`document.getElementById('sa-compare-out').textContent`); got != "" {
		t.Errorf("an old comparison stays on screen: %q", got)
	}
	tb.click(`[data-sa-action="compare"]`)
	tb.Do(setSelect("#sa-compare-to", first))
	if got := tb.eval(`document.getElementById('sa-compare-out').textContent`); got != "" {
		t.Errorf("changing a choice leaves the old comparison: %q", got)
	}
}

func TestStatusBadgesAndEvidenceLinks(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	fill(tb)
	got := tb.eval(`(function () { var b = document.querySelector('#sa-rec-` + rec1 + ` [data-state] .sa-badge'); return b ? b.className + '|' + b.textContent : ''; })()`)
	if got != "sa-badge sa-st-in-place|In place" {
		t.Errorf("badge on the form = %q", got)
	}
	if s := tb.eval(`document.querySelector('#sa-rec-` + rec1 + ` [data-state]').textContent`); !strings.Contains(s, "Last changed 20") {
		t.Errorf("the form does not say when the answer changed: %q", s)
	}
	heads := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-summary-table thead .sa-badge'), function (b) { return b.textContent; }).join('|')`)
	if heads != "Not started|Planned|Partly in place|In place|In place and evaluated|Not applicable|Not answered" {
		t.Errorf("summary status headings = %q", heads)
	}
	tb.typeInto("#sa-"+rec2+"-evidence", "Policy at https://intranet.example/policy?v=2. Also javascript:alert(1), ftp://files.example/x and www.example.org.")
	links := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-rec-` + rec2 + ` [data-links] a'), function (a) { return a.getAttribute('href') + '=' + a.textContent; }).join('|')`)
	if links != "https://intranet.example/policy?v=2=https://intranet.example/policy?v=2" {
		t.Errorf("evidence links = %q", links)
	}
}
