package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestCoverageSummary checks the summary by legal instrument against the
// content's own citations, and how far the answers go on one article.
func TestCoverageSummary(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	// What the content cites: "source|locator" -> recommendation ids.
	want := map[string][]string{}
	for _, rec := range s.Site.AllRecommendations() {
		for _, ev := range rec.Evidence {
			k := ev.Source.ID + "|" + ev.Locator
			if n := len(want[k]); n == 0 || want[k][n-1] != rec.ID {
				want[k] = append(want[k], rec.ID)
			}
		}
	}
	tb := openTab(t, s.Dir)
	got := map[string][]string{}
	rows := tb.eval(`Array.prototype.map.call(document.querySelectorAll('#sa-coverage table[data-source] tbody tr'), function (tr) {
		var loc = tr.querySelector('th').textContent;
		return tr.closest('table').getAttribute('data-source') + '|' + (loc === 'The instrument as a whole' ? '' : loc) + '|' + tr.getAttribute('data-recs');
	}).join('\n')`)
	for _, line := range strings.Split(rows, "\n") {
		p := strings.SplitN(line, "|", 3)
		k := p[0] + "|" + p[1]
		if _, dup := got[k]; dup {
			t.Errorf("%s is listed twice", k)
		}
		got[k] = strings.Fields(p[2])
	}
	keys := func(m map[string][]string) string {
		var ks []string
		for k, v := range m {
			ks = append(ks, k+"="+strings.Join(v, ","))
		}
		sort.Strings(ks)
		return strings.Join(ks, "\n")
	}
	if keys(got) != keys(want) {
		t.Errorf("coverage:\n%s\nwant (from the content):\n%s", keys(got), keys(want))
	}

	// Answer every recommendation citing one article and look at its row.
	var key string
	for k, v := range want {
		if strings.HasPrefix(k, "istanbul-convention|Article 15") && len(v) > 2 {
			key = k
		}
	}
	if key == "" {
		t.Fatal("the content no longer cites Article 15 of the Istanbul Convention from three recommendations")
	}
	ids := want[key]
	tb.click("#sa-" + ids[0] + "-in-place")
	tb.click("#sa-" + ids[1] + "-planned")
	row := `document.querySelector('#sa-coverage table[data-source="istanbul-convention"] tr[data-recs="` + strings.Join(ids, " ") + `"]')`
	progress := tb.eval(row + `.querySelector('.sa-cov-progress').textContent`)
	wantProgress := fmt.Sprintf("1 Planned 1 In place %d Not answered", len(ids)-2)
	if strings.Join(strings.Fields(progress), " ") != wantProgress {
		t.Errorf("progress on %s = %q, want %q", key, progress, wantProgress)
	}
	if score := tb.eval(row + `.querySelector('.sa-cov-score').textContent`); score != "2.0" {
		t.Errorf("score on %s = %q, want 2.0", key, score)
	}
	// The printed report carries it too.
	tb.Do(evalVoid(`window.dispatchEvent(new Event('beforeprint'))`))
	if n := tb.eval(`String(document.querySelectorAll('#sa-report .sa-report-coverage tr[data-recs]').length)`); n != fmt.Sprint(len(want)) {
		t.Errorf("the report's coverage has %s rows, want %d", n, len(want))
	}
}
