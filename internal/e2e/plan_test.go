package e2e

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/riskguide/riskguide/internal/browsertest"
)

func TestActionPlan(t *testing.T) {
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
	tb.waitFor("the plan", `document.querySelectorAll('#sa-plan-out tbody tr').length === 4`)
	for _, c := range []struct{ by, want string }{
		{"result", j(1, 2, 3, 4)},
		{"owner", j(2, 4, 1, 3)},  // Amy, Amy, Zed, then no owner
		{"date", j(1, 3, 2, 4)},   // past, soon, later, then no date
		{"status", j(4, 3, 1, 2)}, // no status, not started, planned, partly
	} {
		if got := order(c.by); got != c.want {
			t.Errorf("sorted by %s: %s, want %s", c.by, got, c.want)
		}
	}
	overdue := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-plan-out tr.sa-plan-overdue'), function (r) { return r.getAttribute('data-rec') + ':' + r.querySelector('.sa-plan-date').textContent; }).join(' ')`)
	if overdue != ids[1]+":"+past+" Overdue" {
		t.Errorf("overdue rows: %q", overdue)
	}
	if got := tb.eval(`document.querySelector('#sa-plan-out .sa-plan-counts').textContent`); got != "4 actions, 1 overdue, 1 without an owner." {
		t.Errorf("plan counts %q", got)
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
	if len(recs) != 5 || recs[0][8] != "Owner" || recs[0][10] != "Overdue" {
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
	for _, want := range []string{"Action plan", "Write the policy.", "Overdue", "Zed", "Page 1 of"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed plan lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Sort by", "Self-assessment report", "Evidence held"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the printed plan shows %q", unwanted)
		}
	}
}
