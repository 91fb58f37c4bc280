package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// fillTargets gives every trans-unit without a target one: "FR " and its
// source, inline codes and all, as a translator's tool would.
func fillTargets(xlf string) string {
	re := regexp.MustCompile(`(?s)<source>(.*?)</source>\n(<target|<note)`)
	return re.ReplaceAllStringFunc(xlf, func(m string) string {
		sub := re.FindStringSubmatch(m)
		if sub[2] == "<target" {
			return m
		}
		return "<source>" + sub[1] + "</source>\n<target state=\"translated\">FR " + sub[1] + "</target>\n" + sub[2]
	})
}

// lineOf returns the 1-based line of the first occurrence of s in text.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("no %q in the file", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

// TestXLIFFRoundTrip: translations --export fr --only missing writes an
// XLIFF 1.2 file (well-formed, of the structure the specification gives,
// checked by xmllint) with a unit per text not translated yet, inline codes
// for the Markdown; filled in as a CAT tool would and imported, its targets
// are written into translations/fr/ and shown on the French pages, with
// their links and emphasis. A unit whose source changed after the export, an
// unknown id and a broken code are refused at their line, and nothing is
// written then.
func TestXLIFFRoundTrip(t *testing.T) {
	dir := bilingualCopy(t)
	edit(t, dir, "content/pages/glossary.md", "**Front desk**", "**Front desk** (see [the first recommendation](rec:private-space))")
	// The tagline is not translated yet either.
	edit(t, dir, "translations/fr/site.yaml", "tagline: Recevoir un signalement à l'accueil d'un commissariat\n", "")
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	r := run(t, dir, "translations", "--export", "fr", "--only", "missing", "--out", xlf)
	if r.code != 0 || !strings.Contains(r.stdout, "8 texts to translate into fr") {
		t.Fatalf("--export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	exported := string(data)
	for _, want := range []string{
		`<file original="Front desk reports" source-language="en" target-language="fr" datatype="x-markdown">`,
		`<trans-unit id="page:glossary:body" resname="page:glossary:body" extradata="source_hash=`,
		`<source><bpt id="1" ctype="bold">**</bpt>Front desk<ept id="1">**</ept> (see <bpt id="2" ctype="link">[</bpt>the first recommendation<ept id="2">](rec:private-space)</ept>)`,
		`<note from="riskguide">recommendation 2.1, guidance</note>`,
	} {
		if !strings.Contains(exported, want) {
			t.Errorf("the export lacks %q:\n%s", want, exported)
		}
	}
	if strings.Contains(exported, "rec:private-space:text") {
		t.Error("--only missing exported a text translated already")
	}
	if out, err := exec.Command("xmllint", "--noout", "--relaxng", "testdata/xliff-1.2-riskguide.rng", xlf).CombinedOutput(); err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}

	// A CAT tool fills in the targets.
	filled := fillTargets(exported)
	write(t, xlf, filled)
	translations := filepath.Join(dir, "translations")
	before := snapshot(t, translations)

	// Refused: an unknown id, a broken code, a source changed since.
	bad := strings.Replace(filled, `id="role:supervisor:name"`, `id="role:chief:name"`, 1)
	bad = strings.Replace(bad, `FR <bpt id="1" ctype="bold">**</bpt>Front desk<ept id="1">**</ept>`, `FR <bpt id="1" ctype="bold">**</bpt>Front desk`, 1)
	badFile := filepath.Join(t.TempDir(), "bad.xlf")
	write(t, badFile, bad)
	edit(t, dir, "content/expected-results/02-records.yaml", "Record every report on the day it is made.", "Record every report on the day it is given.")
	r = run(t, dir, "translations", "--import", badFile)
	for _, want := range []string{
		badFile + ":" + strconv.Itoa(lineOf(t, bad, `id="role:chief:name"`)) + ":1: trans-unit \"role:chief:name\": the site has no text with this id",
		badFile + ":" + strconv.Itoa(lineOf(t, bad, `<target state="translated">FR <bpt id="1" ctype="bold">**</bpt>Front desk (`)) + ":1: trans-unit \"page:glossary:body\": inline code <bpt id=\"1\"> has no <ept>",
		badFile + ":" + strconv.Itoa(1+lineOf(t, bad, `id="rec:same-day:text"`)) + ":1: trans-unit \"rec:same-day:text\": its source text has changed since the file was exported",
	} {
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("--import of a bad file: exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
		}
	}
	if after := snapshot(t, translations); len(after) != len(before) {
		t.Error("--import wrote although it refused units")
	}
	for name, data := range snapshot(t, translations) {
		if before[name] != data {
			t.Errorf("--import changed %s although it refused units", name)
		}
	}

	edit(t, dir, "content/expected-results/02-records.yaml", "Record every report on the day it is given.", "Record every report on the day it is made.")
	r = run(t, dir, "translations", "--import", xlf)
	if r.code != 0 || !strings.Contains(r.stdout, "imported 8 texts") {
		t.Fatalf("--import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, "translations")
	if !strings.HasPrefix(r.stdout, "fr: 0 missing, 0 partly translated, 0 stale, 12 done\n") {
		t.Errorf("after the import:\n%s%s", r.stdout, r.stderr)
	}
	if r := run(t, dir, "build"); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	for page, want := range map[string]string{
		"public/fr/glossary/index.html":                 `<p>FR <strong>Front desk</strong> (see <a href="../recommendations/private-space/index.html">the first recommendation</a>)`,
		"public/fr/recommendations/same-day/index.html": `<h1 class="rec-title">FR Record every report on the day it is made.</h1>`,
		"public/fr/results/records/index.html":          `FR Reports are recorded completely`,
		"public/fr/index.html":                          `<p class="tagline">FR Taking a report at a police station front desk</p>`,
		"public/fr/checklists/supervisor/index.html":    `FR Supervisor`,
	} {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %q (%v)", page, want, err)
		}
	}
}

// TestXLIFFTranslateToolkit: Translate Toolkit, which no one here wrote,
// reads the export (xliff2po) and writes it back (po2xliff) with every
// unit, each unit's id (as its location) and the Markdown of every inline
// code.
func TestXLIFFTranslateToolkit(t *testing.T) {
	for _, tool := range []string{"xliff2po", "po2xliff"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (Debian translate-toolkit; .ci/run installs it)", tool)
			}
			t.Skipf("%s is not installed (Debian translate-toolkit; .ci/run installs it)", tool)
		}
	}
	dir := bilingualCopy(t)
	edit(t, dir, "content/pages/glossary.md", "**Front desk**", "**Front desk** (see [the first recommendation](rec:private-space))")
	tmp := t.TempDir()
	xlf, po, back := filepath.Join(tmp, "fr.xlf"), filepath.Join(tmp, "fr.po"), filepath.Join(tmp, "back.xlf")
	if r := run(t, dir, "translations", "--export", "fr", "--out", xlf); r.code != 0 {
		t.Fatalf("--export: exit %d\n%s", r.code, r.stderr)
	}
	for _, cmd := range [][]string{{"xliff2po", xlf, po}, {"po2xliff", po, back}} {
		if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", cmd[0], err, out)
		}
	}
	exported, _ := os.ReadFile(xlf)
	data, _ := os.ReadFile(back)
	returned := string(data)
	ids := regexp.MustCompile(`<trans-unit id="([^":]+):([^"]+)"`).FindAllStringSubmatch(string(exported), -1)
	if len(ids) != 31 {
		t.Fatalf("exported %d units, want 31", len(ids))
	}
	// po2xliff adds one unit for the PO header.
	if n := strings.Count(returned, "<trans-unit "); n != len(ids)+1 {
		t.Errorf("Translate Toolkit gave back %d units, want %d", n, len(ids)+1)
	}
	for _, id := range ids {
		loc := `<context context-type="sourcefile">` + id[1] + `</context><context context-type="linenumber">` + id[2] + `</context>`
		if !strings.Contains(returned, loc) {
			t.Errorf("unit %s:%s lost its id", id[1], id[2])
		}
	}
	for _, code := range []string{"**Front desk** (see [the first recommendation](rec:private-space))", "[[Time]]"} {
		if !strings.Contains(returned, code) {
			t.Errorf("Translate Toolkit lost the inline code %q", code)
		}
	}
}

// TestXLIFFStale: after a source correction, --export fr --only stale holds
// the texts of the unit behind its source, each with its translation as a
// target marked for review; once reviewed and imported, the unit records
// the source's new hash and is no longer stale.
func TestXLIFFStale(t *testing.T) {
	dir := bilingualCopy(t)
	edit(t, dir, "content/expected-results/01-welcome.yaml", "Explain the next steps before the person leaves.", "Explain the next steps before the person goes.")
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	if r := run(t, dir, "translations", "--export", "fr", "--only", "stale", "--out", xlf); r.code != 0 || !strings.Contains(r.stdout, "2 texts to translate") {
		t.Fatalf("--export --only stale: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	want := "<source>Explain the next steps before the person goes.</source>\n<target state=\"needs-review-translation\">Expliquer la suite avant que la personne ne reparte.</target>\n"
	if !strings.Contains(string(data), want) || strings.Count(string(data), "<trans-unit ") != 2 {
		t.Fatalf("the stale export lacks %q or has other units:\n%s", want, data)
	}
	reviewed := strings.Replace(string(data), `<target state="needs-review-translation">Expliquer la suite avant que la personne ne reparte.`, `<target state="translated">Expliquer la suite avant que la personne ne parte.`, 1)
	write(t, xlf, reviewed)
	if r := run(t, dir, "translations", "--import", xlf); r.code != 0 {
		t.Fatalf("--import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := run(t, dir, "translations")
	if !strings.Contains(r.stdout, " 0 stale, ") {
		t.Errorf("the reviewed unit is still stale:\n%s%s", r.stdout, r.stderr)
	}
	if r := run(t, dir, "check", "--strict"); r.code != 1 || strings.Contains(r.stderr, "next-steps") {
		t.Errorf("check --strict after the review: exit %d\n%s", r.code, r.stderr)
	}
}
