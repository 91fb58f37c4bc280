package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	xhtml "golang.org/x/net/html"
)

// editSite replaces old by new in the site file at rel, once; the test fails
// if old is not there, so that a change to the default content cannot
// make the scenario silently test nothing.
func editSite(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s lacks %q", rel, old)
	}
	write(t, p, strings.Replace(string(data), old, new, 1))
}

// secondEdition makes, in a copy of the default site whose edition 2.0 is
// recorded, an edition 2.1 with one recommendation of each kind of change:
// mandatory-training amended, co-produced-training corrected,
// training-evaluation retired for the new training-evaluation-review,
// cross-sector-collaboration moved from result 5 to result 4, and
// training-needs-analysis's practice guidance revised.
func secondEdition(t *testing.T, dir string) {
	t.Helper()
	results := "content/expected-results/"
	editSite(t, dir, results+"01-training.yaml",
		`"Introduce mandatory training for any police involved in risk management of intimate partner violence."`,
		`"Introduce mandatory, regularly refreshed training for all police staff involved in risk management of intimate partner violence."`)
	editSite(t, dir, results+"01-training.yaml",
		`"Co-produce training with local multiagency stakeholders."`,
		`"Co-produce training with local multi-agency stakeholders."`)
	editSite(t, dir, results+"01-training.yaml", "Find out what people know now,", "Find out what people know today,")
	// Retired: every reference to it now names its replacement.
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, string(filepath.Separator)+"editions"+string(filepath.Separator)) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if n := retiredRef.ReplaceAll(data, []byte("${1}training-evaluation-review$2")); !bytes.Equal(n, data) {
			write(t, p, string(n))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	editSite(t, dir, results+"01-training.yaml", "  - id: training-evaluation\n", "  - id: training-evaluation-review\n")
	// Moved: the last recommendation of result 5 becomes the last of 4.
	five := filepath.Join(dir, results+"05-multi-agency.yaml")
	data, err := os.ReadFile(five)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte("  - id: cross-sector-collaboration\n"))
	if at < 0 {
		t.Fatal("no cross-sector-collaboration in result 5")
	}
	write(t, five, string(data[:at]))
	four, err := os.ReadFile(filepath.Join(dir, results+"04-case-monitoring.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, results+"04-case-monitoring.yaml"), string(four)+string(data[at:]))
	editSite(t, dir, "content/site.yaml", `version: "2.0"`, `version: "2.1"`)
	editSite(t, dir, "content/site.yaml", "published: 2026-11-30", "published: 2027-03-01")
	write(t, filepath.Join(dir, "editions/changes.yaml"), `"2.1":
  corrected:
    co-produced-training: The hyphen of "multi-agency" was missing.
  retired:
    training-evaluation:
      replaced_by: training-evaluation-review
      note: Evaluation is now reviewed with partners each year.
`)
}

// retiredRef is a reference to recommendation training-evaluation: in a
// Markdown link or a YAML list (a template of the same id keeps its name).
var retiredRef = regexp.MustCompile(`(rec:|[\[ ,])training-evaluation([)\],])`)

func parseHTML(t *testing.T, path string) *xhtml.Node {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := xhtml.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func selectAll(doc *xhtml.Node, sel string) []*xhtml.Node {
	return cascadia.MustCompile(sel).MatchAll(doc)
}

// TestEditionRecordAndChanges records edition 2.0 of a copy of the
// default site, makes edition 2.1 with one change of each kind, and reads
// what the built site says: the "What changed" page lists exactly those
// changes under their kinds, with the words deleted and inserted marked
// and named; each affected recommendation page carries its history; the
// texts of 2.0 stay published as they were; the print edition has an
// update history; and an unchanged build writes the same bytes.
func TestEditionRecordAndChanges(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "new", ".")
	r := run(t, dir, "edition", "record")
	if r.code != 0 || !strings.Contains(r.stdout, "recorded edition 2.0 (2026-11-30): 5 expected results, 20 recommendations, in editions/2.0.yaml") {
		t.Fatalf("edition record: %+v", r)
	}
	// Recording again, unchanged, changes nothing.
	if r := run(t, dir, "edition", "record"); r.code != 0 || !strings.Contains(r.stdout, "already recorded") {
		t.Errorf("recording the same edition again: %+v", r)
	}
	secondEdition(t, dir)
	if r := run(t, dir, "check"); r.code != 0 || strings.Contains(r.stderr, "version") || strings.Contains(r.stderr, "published:") {
		t.Fatalf("check of edition 2.1 before it is recorded: %+v", r)
	}
	r = run(t, dir, "edition", "record")
	if r.code != 0 || !strings.Contains(r.stdout, "since edition 2.0: 1 new, 1 amended, 1 corrected, 1 moved, 1 retired, 1 revised") {
		t.Fatalf("recording edition 2.1: %+v", r)
	}
	if r := run(t, dir, "build"); r.code != 0 {
		t.Fatalf("build: %+v", r)
	}
	pub := filepath.Join(dir, "public")
	doc := parseHTML(t, filepath.Join(pub, "changes/index.html"))
	want := map[string][]string{
		"new":       {"training-evaluation-review"},
		"amended":   {"mandatory-training"},
		"corrected": {"co-produced-training"},
		"moved":     {"cross-sector-collaboration"},
		"retired":   {"training-evaluation"},
		"revised":   {"training-needs-analysis"},
	}
	for kind, ids := range want {
		var got []string
		for _, li := range selectAll(doc, "ul.changes-"+kind+" > li") {
			for _, a := range li.Attr {
				if a.Key == "id" {
					got = append(got, strings.TrimPrefix(a.Val, "change-2.1-"))
				}
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(ids) {
			t.Errorf("%s: %v, want %v", kind, got, ids)
		}
	}
	amended := selectAll(doc, "#change-2\\.1-mandatory-training")[0]
	if got := textOf(selectAll(amended, ".change-diff")[0]); got != "Introduce mandatory[inserted: , regularly refreshed] training for [deleted: any] [inserted: all] police [inserted: staff] involved in risk management of intimate partner violence." {
		t.Errorf("amended difference reads %q", got)
	}
	if got := len(selectAll(amended, "del")) + len(selectAll(amended, "ins")); got < 2 {
		t.Errorf("amended difference has %d marks, want <del> and <ins>", got)
	}
	if got := textOf(selectAll(amended, "dl.was-now")[0]); got != "Was:Introduce mandatory training for any police involved in risk management of intimate partner violence. Now:Introduce mandatory, regularly refreshed training for all police staff involved in risk management of intimate partner violence." {
		t.Errorf("was/now reads %q", got)
	}
	corrected := textOf(selectAll(doc, "#change-2\\.1-co-produced-training")[0])
	if !strings.Contains(corrected, `Note: The hyphen of "multi-agency" was missing.`) || !strings.Contains(corrected, "[deleted: multiagency] [inserted: multi-agency]") {
		t.Errorf("corrected entry reads %q", corrected)
	}
	retired := textOf(selectAll(doc, "#change-2\\.1-training-evaluation")[0])
	if !strings.Contains(retired, "Recommendation 1.4") || !strings.Contains(retired, "Replaced by Recommendation 1.4") || !strings.Contains(retired, "Note: Evaluation is now reviewed with partners each year.") {
		t.Errorf("retired entry reads %q", retired)
	}
	if moved := textOf(selectAll(doc, "#change-2\\.1-cross-sector-collaboration")[0]); !strings.Contains(moved, "Was recommendation 5.4, under expected result 5.") || !strings.Contains(moved, "Recommendation 4.5") {
		t.Errorf("moved entry reads %q", moved)
	}

	// Each affected recommendation page tells its history, and links to
	// its entry.
	for id, line := range map[string]string{
		"mandatory-training":         "Amended in edition 2.1: see what changed",
		"co-produced-training":       "Corrected in edition 2.1: see what changed",
		"cross-sector-collaboration": "Moved or renumbered in edition 2.1: see what changed",
		"training-needs-analysis":    "Practice guidance revised in edition 2.1: see what changed",
		"training-evaluation-review": "New in edition 2.1: see what changed",
	} {
		page := parseHTML(t, filepath.Join(pub, "recommendations", id, "index.html"))
		hist := selectAll(page, "section.rec-history li")
		if len(hist) != 1 || textOf(hist[0]) != line {
			t.Errorf("%s: history %v, want %q", id, hist, line)
			continue
		}
		if href := selectAll(hist[0], "a")[0].Attr[0].Val; href != "../../changes/index.html#change-2.1-"+id {
			t.Errorf("%s: history links to %q", id, href)
		}
	}
	if page := parseHTML(t, filepath.Join(pub, "recommendations/victim-safety-monitoring/index.html")); len(selectAll(page, "section.rec-history")) != 0 {
		t.Error("an unchanged recommendation has a history")
	}

	// The retired recommendation's address still leads somewhere: to
	// what became of it.
	gone := parseHTML(t, filepath.Join(pub, "recommendations/training-evaluation/index.html"))
	if got := textOf(selectAll(gone, "main")[0]); !strings.Contains(got, "Retired in edition 2.1 Recommendation 1.4 Evaluate training programmes") || !strings.Contains(got, "Replaced by Recommendation 1.4") {
		t.Errorf("the retired recommendation's page reads %q", got)
	}

	// Edition 2.0 stays readable as it was, numbers and all.
	old := parseHTML(t, filepath.Join(pub, "editions/2.0/index.html"))
	if got := textOf(selectAll(old, "#rec-training-evaluation")[0]); got != "1.4 Evaluate training programmes and build monitoring of quality into data collection and reporting." {
		t.Errorf("edition 2.0 lists training-evaluation as %q", got)
	}
	if got := textOf(selectAll(old, "#rec-cross-sector-collaboration")[0]); !strings.HasPrefix(got, "5.4 ") {
		t.Errorf("edition 2.0 numbers cross-sector-collaboration %q", got)
	}

	print := parseHTML(t, filepath.Join(pub, "print/index.html"))
	if got := textOf(selectAll(print, "#update-history")[0]); got != "Update history" {
		t.Errorf("print edition: update history heading %q", got)
	}
	if n := len(selectAll(print, ".print-history li")); n != 6 {
		t.Errorf("print edition: update history lists %d changes, want 6", n)
	}

	// An unchanged build writes the same bytes.
	first := readTree(t, pub)
	if r := run(t, dir, "build"); r.code != 0 {
		t.Fatalf("second build: %+v", r)
	}
	second := readTree(t, pub)
	for p, data := range first {
		if !bytes.Equal(second[p], data) {
			t.Errorf("%s differs between two builds of the same content", p)
		}
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestEditionRecordRefuses: a record edited by hand stops the build at
// its hash's line; recording over a record whose content differs needs
// --force; and --force never replaces a file that is not a sound record.
func TestEditionRecordRefuses(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "new", ".")
	if r := run(t, dir, "edition", "record"); r.code != 0 {
		t.Fatalf("edition record: %+v", r)
	}
	record := filepath.Join(dir, "editions/2.0.yaml")
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	// The content changes while version: stays 2.0: a warning, not a
	// refusal, at the version line.
	editSite(t, dir, "content/expected-results/01-training.yaml", "with local multiagency stakeholders.", "with local multi-agency stakeholders.")
	r := run(t, dir, "check")
	if r.code != 0 || !strings.Contains(r.stderr, "content/site.yaml:17:1: warning: the content changed since edition 2.0 was recorded (1 amended), but version: is still 2.0") {
		t.Errorf("check after a change under the same version: %+v", r)
	}
	r = run(t, dir, "edition", "record")
	if r.code != 1 || !strings.Contains(r.stderr, "edition 2.0 is already recorded in editions/2.0.yaml, and the content has changed since") {
		t.Errorf("recording over a different record without --force: %+v", r)
	}
	if r := run(t, dir, "edition", "record", "--force"); r.code != 0 || !strings.Contains(r.stdout, "recorded edition 2.0") {
		t.Errorf("recording with --force: %+v", r)
	}

	// A word changed by hand in the record: refused at the hash's line.
	data, err = os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	hashLine := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "hash: ") {
			hashLine = i + 1
		}
	}
	write(t, record, strings.Replace(string(data), "Co-produce training", "Co-design training", 1))
	r = run(t, dir, "build")
	if want := fmt.Sprintf("editions/2.0.yaml:%d:7: edition record editions/2.0.yaml was changed after it was written", hashLine); r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("build with a hand-edited record: want %q in %+v", want, r)
	}
	// --force does not replace it: it is not a record riskguide wrote.
	r = run(t, dir, "edition", "record", "--force")
	if r.code != 1 || !strings.Contains(r.stderr, "was changed after it was written") {
		t.Errorf("recording over a hand-edited record with --force: %+v", r)
	}
	if got, _ := os.ReadFile(record); !bytes.Contains(got, []byte("Co-design training")) {
		t.Error("the hand-edited record was replaced")
	}
	// The built-in site has no folder to record into: misuse.
	if r := run(t, t.TempDir(), "edition", "record"); r.code != 2 {
		t.Errorf("recording the built-in site: %+v", r)
	}
}
