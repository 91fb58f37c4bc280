package e2e

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/riskguide/riskguide/internal/browsertest"
)

func TestActionPlan(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	ids := tb.recIDs()
	past := time.Now().AddDate(0, 0, -2).Format("2006-01-02")
	soon := time.Now().AddDate(0, 2, 0).Format("2006-01-02")
	later := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	tb.setField("#sa-organisation", "Police Service Nord")
	// ids[0] in place: not in the plan. ids[1] planned, overdue, owner
	// Zed. ids[2] partly, owner Amy, later. ids[3] not started, no owner,
	// soon. ids[4] no status but an action: in the plan. ids[5]
	// evaluated with gaps: not in the plan.
	set := func(i int, status, gaps, owner, date string) {
		if status != "" {
			tb.click("#sa-" + ids[i] + "-" + status)
		}
		tb.setField("#sa-"+ids[i]+"-gaps", gaps)
		tb.setField("#sa-"+ids[i]+"-owner", owner)
		tb.setField("#sa-"+ids[i]+"-target", date)
	}
	set(0, "in-place", "", "Bob", past)
	set(1, "planned", "Write the policy.", "Zed", past)
	set(2, "partly", "=SUM(A1) train the rest", "Amy", later)
	set(3, "not-started", "Start the register.", "", soon)
	set(4, "", "Agree the data-sharing protocol, see https://intranet.example/dsp.", "Amy", "")
	set(5, "evaluated", "Keep it up.", "Bob", past)

	order := func(by string) string {
		tb.Do(setSelect("#sa-plan-sort", by))
		return tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-plan-out tbody tr'), function (r) { return r.getAttribute('data-rec'); }).join(' ')`)
	}
	j := func(is ...int) string {
		var s []string
		for _, i := range is {
			s = append(s, ids[i])
		}
		return strings.Join(s, " ")
	}
	// ids[6] onwards are not answered: in the plan as such, after the
	// others when sorted by owner or date, with no status when by status.
	var rest []int
	for i := 6; i < len(ids); i++ {
		rest = append(rest, i)
	}
	tb.waitFor("the plan", `document.querySelectorAll('#sa-plan-out tbody tr').length === `+fmt.Sprint(4+len(rest)))
	for _, c := range []struct{ by, want string }{
		{"result", j(append([]int{1, 2, 3, 4}, rest...)...)},
		{"owner", j(append([]int{2, 4, 1, 3}, rest...)...)},          // Amy, Amy, Zed, then no owner
		{"date", j(append([]int{1, 3, 2, 4}, rest...)...)},           // past, soon, later, then no date
		{"status", j(append(append([]int{4}, rest...), 3, 1, 2)...)}, // no status, not started, planned, partly
	} {
		if got := order(c.by); got != c.want {
			t.Errorf("sorted by %s: %s, want %s", c.by, got, c.want)
		}
	}
	overdue := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-plan-out tr.sa-plan-overdue'), function (r) { return r.getAttribute('data-rec') + ':' + r.querySelector('.sa-plan-date').textContent; }).join(' ')`)
	// The date is printed in the site's words, as on every sheet.
	if overdue != ids[1]+":"+siteDate(time.Now().AddDate(0, 0, -2))+" Overdue" {
		t.Errorf("overdue rows: %q", overdue)
	}
	if got, want := tb.eval(`document.querySelector('#sa-plan-out .sa-plan-counts').textContent`), fmt.Sprintf("4 actions, 1 overdue, 1 without an owner. %d not answered.", len(rest)); got != want {
		t.Errorf("plan counts %q, want %q", got, want)
	}
	if got := tb.eval(`document.querySelector('#sa-plan-out tr[data-rec="` + ids[6] + `"] .sa-badge').textContent`); got != "Not answered" {
		t.Errorf("an unanswered recommendation shows %q", got)
	}
	today := siteDate(time.Now())
	if got, want := tb.eval(`document.querySelector('#sa-plan-out .sa-plan-meta').textContent`), "Draft: not signed off · Printed "+today; got != want {
		t.Errorf("plan state and date %q, want %q", got, want)
	}
	if href := tb.eval(`document.querySelector('#sa-plan .hint a').getAttribute('href')`); href != "../protocols/action-plan/index.html" {
		t.Errorf("the plan links to the template at %q", href)
	}
	if got := tb.eval(`document.querySelector('#sa-plan-out tr[data-rec="` + ids[4] + `"] .sa-plan-gaps a').getAttribute('href')`); got != "https://intranet.example/dsp" {
		t.Errorf("address in the actions linked as %q", got)
	}

	tb.Do(setSelect("#sa-plan-sort", "date"))
	name, data := tb.download("export-plan")
	if !strings.HasPrefix(name, "action-plan-") || !strings.HasPrefix(string(data), "\ufeff") {
		t.Errorf("plan CSV %q", name)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5+len(rest) || recs[0][8] != "Owner" || recs[0][10] != "Overdue" {
		t.Fatalf("plan CSV:\n%s", data)
	}
	if recs[1][3] != ids[1] || recs[1][10] != "Overdue" || recs[1][9] != past || recs[4][3] != ids[4] {
		t.Errorf("plan CSV rows out of order or overdue unmarked: %q", recs)
	}
	if recs[3][7] != "'=SUM(A1) train the rest" {
		t.Errorf("a formula in the plan CSV is not kept as text: %q", recs[3][7])
	}

	// Printed, the plan stands alone.
	tb.Do(evalVoid(`document.body.classList.add('sa-print-plan')`))
	pdf := tb.PDF()
	browsertest.KeepPDF(t, "action-plan.pdf", pdf)
	text := browsertest.PDFText(t, pdf)
	if recs[5][3] != ids[rest[0]] || recs[5][5] != "Not answered" || recs[5][6] != "" {
		t.Errorf("an unanswered recommendation in the plan CSV: %q", recs[5])
	}
	for _, want := range []string{"Action plan", "Write the policy.", "Overdue", "Zed", "Page 1 of", "Not answered", "Draft: not signed off · Printed " + today} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed plan lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Sort by", "Self-assessment report", "Evidence held"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the printed plan shows %q", unwanted)
		}
	}

	// Signed off, the plan says so, with who approved it and when.
	tb.Do(evalVoid(`document.body.classList.remove('sa-print-plan')`))
	signOff(tb)
	tb.waitFor("the final plan", `/^Final: signed off/.test(document.querySelector('#sa-plan-out .sa-plan-meta').textContent)`)
	if got, want := tb.eval(`document.querySelector('#sa-plan-out .sa-plan-meta').textContent`), "Final: signed off, C. Chief, 1 April 2026 · Printed "+today; got != want {
		t.Errorf("final plan's state %q, want %q", got, want)
	}
}

// TestActionPlanPrintsWholeRows prints a plan of long actions: each row
// that fits on a page is printed whole on one page, and the first page is
// filled rather than left nearly empty before a row longer than a page,
// which starts on it and runs on.
func TestActionPlanPrintsWholeRows(t *testing.T) {
	t.Parallel()
	tb := openTab(t, defaultSite(t).Dir)
	ids := tb.recIDs()
	tb.setField("#sa-organisation", "Police Service Nord")
	sentence := "Agree with the health and social care partners who holds which record, train every shift on the new referral route and audit forty cases after three months. "
	for i, id := range ids {
		tb.click("#sa-" + id + "-planned")
		// Rows of different heights: from two lines to about twenty.
		n := 1 + (i*5)%9
		if i == 3 {
			n = 40
		}
		gaps := strings.Repeat(sentence, n) + fmt.Sprintf("Ref%02d.", i+1)
		tb.setField("#sa-"+id+"-gaps", gaps)
		tb.setField("#sa-"+id+"-owner", fmt.Sprintf("Lead%02d", i+1))
	}
	tb.waitFor("the plan", `document.querySelectorAll('#sa-plan-out tbody tr').length === `+fmt.Sprint(len(ids))+
		` && !document.querySelector('#sa-plan-out .sa-plan-unanswered') && document.getElementById('sa-plan-out').textContent.indexOf('Lead`+fmt.Sprintf("%02d", len(ids))+`') >= 0`)
	tb.Do(evalVoid(`document.body.classList.add('sa-print-plan')`))
	pdf := tb.PDF()
	browsertest.KeepPDF(t, "action-plan-long.pdf", pdf)
	pages := strings.Split(strings.TrimRight(browsertest.PDFText(t, pdf), "\f\n"), "\f")
	if len(pages) < 3 {
		t.Fatalf("the plan of %d long actions printed on %d pages", len(ids), len(pages))
	}
	pageOf := func(s string) int {
		for i, p := range pages {
			if strings.Contains(space.ReplaceAllString(p, " "), s) {
				return i
			}
		}
		return -1
	}
	for i := range ids {
		owner, end := pageOf(fmt.Sprintf("Lead%02d", i+1)), pageOf(fmt.Sprintf("Ref%02d.", i+1))
		if i == 3 {
			// It may break: it runs on over pages, and starts where the
			// rows before it end (on their page, or on the next one when
			// too little of theirs is left for its first lines), never
			// leaving a page empty before it.
			before := pageOf(fmt.Sprintf("Ref%02d.", i))
			if owner < 0 || owner > before+1 || end <= owner {
				t.Errorf("the row longer than a page starts on page %d and ends on page %d, after rows ending on page %d; want it to start on or just after that page and run on", owner+1, end+1, before+1)
			}
			continue
		}
		if owner < 0 || owner != end {
			t.Errorf("row %d is split: its owner on page %d, the end of its actions on page %d", i+1, owner+1, end+1)
		}
	}
	// The first page holds the heading, the counts and rows down to its
	// foot: at least half a page of actions.
	if n := strings.Count(pages[0], "\n"); n < 30 {
		t.Errorf("page 1 holds %d lines:\n%s", n, pages[0])
	}
	if !strings.Contains(pages[0], "Draft: not signed off · Printed ") {
		t.Errorf("page 1 does not say the plan's state and the day it was printed:\n%s", pages[0])
	}
}
