package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// setField gives a field a value and fires input, as typing would; much
// quicker than sending keys for twenty recommendations.
func (tb *tab) setField(sel, value string) {
	tb.t.Helper()
	tb.Do(evalVoid(`(function () { var f = document.querySelector(` + jsString(sel) + `); f.value = ` + jsString(value) + `; f.dispatchEvent(new Event('input', {bubbles: true})); })()`))
}

// recIDs lists the recommendations of the page, in order.
func (tb *tab) recIDs() []string {
	tb.t.Helper()
	return strings.Split(tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-form [data-rec]'), function (e) { return e.getAttribute('data-rec'); }).join(' ')`), " ")
}

var statusCycle = []string{"not-started", "planned", "partly", "in-place", "evaluated", "not-applicable"}

// answerAll answers every recommendation but those in skip with a status
// and text of a realistic length, and returns every value typed.
func answerAll(tb *tab, skip map[string]bool) []string {
	tb.t.Helper()
	var typed []string
	for i, id := range tb.recIDs() {
		if skip[id] {
			continue
		}
		tb.click("#sa-" + id + "-" + statusCycle[i%len(statusCycle)])
		ev := fmt.Sprintf("Evidence %d: policy reviewed in March, audit of 40 cases, see https://intranet.example/doc/%d for the file.", i+1, i+1)
		gaps := fmt.Sprintf("Gap %d: refresher training for night shifts still to be scheduled.", i+1)
		owner := fmt.Sprintf("Owner %d", i+1)
		tb.setField("#sa-"+id+"-evidence", ev)
		tb.setField("#sa-"+id+"-gaps", gaps)
		tb.setField("#sa-"+id+"-owner", owner)
		tb.setField("#sa-"+id+"-target", fmt.Sprintf("2027-%02d-15", i%12+1))
		// Printed in the site's words, as every printed date is.
		typed = append(typed, ev, gaps, owner, siteDate(time.Date(2027, time.Month(i%12+1), 15, 0, 0, 0, 0, time.UTC)))
	}
	return typed
}

func fillHeader(tb *tab) []string {
	tb.t.Helper()
	vals := []string{"Police Service Nord", "Public protection unit", "2026 annual review", "A. Lead, strategic lead"}
	for i, sel := range []string{"#sa-organisation", "#sa-unit", "#sa-period", "#sa-completedby"} {
		tb.setField(sel, vals[i])
	}
	return vals
}

var space = regexp.MustCompile(`\s+`)

// printReport prints the page as the report and returns its pages' text.
func printReport(tb *tab, name string) (pdf []byte, pages []string) {
	tb.t.Helper()
	tb.Do(evalVoid(`window.dispatchEvent(new Event('beforeprint'))`))
	pdf = tb.PDF()
	browsertest.KeepPDF(tb.t, name, pdf)
	pages = strings.Split(strings.TrimRight(browsertest.PDFText(tb.t, pdf), "\f\n"), "\f")
	return pdf, pages
}

// checkPages applies the rules every printed report keeps: page x of y on
// every page, the assessment's name at the top, and no page nearly empty.
func checkPages(t *testing.T, pages []string, name string) {
	t.Helper()
	for i, p := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q:\n%s", i+1, want, p)
		}
		if !strings.Contains(p, name) {
			t.Errorf("page %d lacks the assessment's name %q", i+1, name)
		}
		// The running head and the page number are not the page's text.
		lines := 0
		for _, l := range strings.Split(p, "\n") {
			l = strings.TrimSpace(l)
			if l != "" && !strings.HasPrefix(l, name) && !strings.HasPrefix(l, "Page ") {
				lines++
			}
		}
		if lines < 3 {
			t.Errorf("page %d has only %d lines of text:\n%s", i+1, lines, p)
		}
	}
}

func TestPrintedReportInFull(t *testing.T) {
	t.Parallel()
	tb := openTab(t, "")
	// A browser set to US English must still print dates in the site's
	// words ("1 April 2026"), as the footer writes them.
	tb.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "en-US"})
		return err
	}))
	tb.Navigate(pageURL(defaultSite(t).Dir))
	if d := tb.eval(`new Date(2026, 0, 31).toLocaleDateString()`); d != "1/31/2026" {
		t.Fatalf("the browser's locale is not US English (it writes %q)", d)
	}
	header := fillHeader(tb)
	ids := tb.recIDs()
	if len(ids) != 20 {
		t.Fatalf("the default site has %d recommendations, want 20", len(ids))
	}
	empty := map[string]bool{ids[3]: true, ids[17]: true}
	typed := append(header, answerAll(tb, empty)...)

	_, pages := printReport(tb, "report-two-empty.pdf")
	if !strings.Contains(pages[0], "Police Service Nord") {
		t.Errorf("page 1 lacks the organisation:\n%s", pages[0])
	}
	checkPages(t, pages, "My assessment")
	all := space.ReplaceAllString(strings.Join(pages, " "), " ")
	for _, v := range typed {
		if !strings.Contains(all, v) {
			t.Errorf("the report lacks %q", v)
		}
	}
	for _, id := range []string{ids[3], ids[17]} {
		label := tb.eval(`document.querySelector('[data-rec="` + id + `"]').getAttribute('data-label')`)
		re := regexp.MustCompile(regexp.QuoteMeta(label) + ` [^\n]*(\n[^\n]+)*?\nNot answered`)
		if !re.MatchString(strings.Join(pages, "\n")) {
			t.Errorf("recommendation %s does not print as Not answered", label)
		}
	}
	for _, unwanted := range []string{"Export (JSON)", "Your saved assessments", "Implementation status"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("the report shows %q", unwanted)
		}
	}

	// Every recommendation answered and the assessment signed off: at most
	// six A4 pages, every value typed printed in full.
	typed = append(header, answerAll(tb, nil)...)
	// A name with quotes, backslashes and braces is printed as it is in
	// the running head, and cannot break out of the style rule.
	name := `Nord "2026" \ review} @page{x`
	tb.click(`[data-sa-action="rename"]`)
	tb.dialog(name, "ok")
	signOff(tb)
	typed = append(typed, "C. Chief", "Chief Constable", "1 April 2026", "Final: signed off")
	pdf, pages := printReport(tb, "report-all-answered.pdf")
	if !strings.Contains(pages[0], "Police Service Nord") || !strings.Contains(pages[0], "C. Chief") {
		t.Errorf("page 1 lacks the organisation or the sign-off:\n%s", pages[0])
	}
	all = space.ReplaceAllString(strings.Join(pages, " "), " ")
	for _, v := range typed {
		if !strings.Contains(all, v) {
			t.Errorf("the signed-off report lacks %q", v)
		}
	}
	if w, h := browsertest.PDFPageSize(t, pdf); w < 594 || w > 596 || h < 841 || h > 843 {
		t.Errorf("page size %.0f x %.0f pt, want A4", w, h)
	}
	if n := browsertest.PDFPages(t, pdf); n > 6 {
		t.Errorf("the report of 20 answered recommendations runs to %d pages, want at most 6", n)
	}
	checkPages(t, pages, name)
	if usDate := regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{4}\b`).FindString(all); usDate != "" {
		t.Errorf("the report prints a date in the browser's locale: %q", usDate)
	}
	if !regexp.MustCompile(`Last changed:? \d{4}-\d{2}-\d{2} \d{2}:\d{2}`).MatchString(all) {
		t.Error("the report does not print when answers last changed as YYYY-MM-DD HH:MM")
	}
	if errs := tb.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
	if v := tb.CSPViolations(); len(v) > 0 {
		t.Errorf("CSP violations: %q", v)
	}
}
