package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTranslationsCountsSheets: riskguide translations counts checklists and
// templates with the other texts, and --init writes starter files for them
// that load as they are and count as missing until translated.
func TestTranslationsCountsSheets(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS("../../docs/examples/bilingual")); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "translations")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "fr: 4 missing, 0 partly translated, 0 stale, 8 done\n") || strings.Contains(r.stdout, "checklist") || strings.Contains(r.stdout, "template") {
		t.Fatalf("translations: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, dir, "translations", "--init", "de"); r.code != 0 {
		t.Fatalf("--init de: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, name := range []string{"translations/de/checklists/desk-officer.yaml", "translations/de/protocols/desk-record.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("--init wrote no %s: %v", name, err)
		}
	}
	starter, err := os.ReadFile(filepath.Join(dir, "translations/de/expected-results/01-welcome.yaml"))
	if err != nil || !strings.Contains(string(starter), "    indicators:\n      # A private room is free during opening hours.\n      -\n") {
		t.Errorf("--init wrote no indicators to translate (%v):\n%s", err, starter)
	}
	// A text of several lines is a block to write under its key.
	if !strings.Contains(string(starter), "    # any questions.\n    guidance: |\n") || !strings.Contains(string(starter), "    text:\n") {
		t.Errorf("--init: a guidance of several lines should be left as \"guidance: |\", a one-line text as \"text:\":\n%s", starter)
	}
	site := filepath.Join(dir, "content/site.yaml")
	data, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	write(t, site, strings.Replace(string(data), "languages: [en, fr]", "languages: [en, fr, de]", 1))
	r = run(t, dir, "translations", "--lang", "de")
	for _, want := range []string{"de: 12 missing, 0 partly translated, 0 stale, 0 done\n", "  missing  checklist desk-officer (checklists/desk-officer.yaml:1:1)\n", "  missing  template desk-record (content/protocols/desk-record.md:1:1)\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("translations --lang de lacks %q:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if r := run(t, dir, "check"); r.code != 0 {
		t.Errorf("check with the starter files: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// bilingualCopy copies the bilingual example into a new folder.
func bilingualCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS("../../docs/examples/bilingual")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// edit replaces old by new, once, in the file name under dir.
func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	write(t, full, strings.Replace(string(data), old, new, 1))
}

// TestCheckTranslationWarnings: a source corrected after its translation
// was made, and texts not yet translated, are warnings for check (exit 0,
// listed at file:line:col), and problems with --strict (exit 1).
func TestCheckTranslationWarnings(t *testing.T) {
	dir := bilingualCopy(t)
	edit(t, dir, "content/expected-results/01-welcome.yaml", "Explain the next steps before the person leaves.", "Explain the next steps before the person goes.")
	stale := `translations/fr/expected-results/01-welcome.yaml:20:18: warning: fr translation of recommendation "next-steps" is out of date`
	missing := `content/pages/glossary.md:1:1: warning: fr translation of page "glossary" is missing`
	r := run(t, dir, "check")
	if r.code != 0 || !strings.Contains(r.stderr, stale) || !strings.Contains(r.stderr, missing) || !strings.Contains(r.stdout, "no problems, 5 translation warnings") {
		t.Errorf("check: exit %d, want 0 with the stale and missing translations as warnings:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, "check", "--strict")
	if r.code != 1 || !strings.Contains(r.stderr, strings.Replace(stale, "warning: ", "", 1)) || !strings.Contains(r.stderr, "5 problems") {
		t.Errorf("check --strict: exit %d, want 1 with the translations as problems:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestPartlyTranslated: a recommendation whose guidance is not translated
// yet shows its translated text and indicators, its guidance in English
// with lang="en" under a notice that says part is untranslated, and
// translations counts it as partly translated, pointing at the empty key.
func TestPartlyTranslated(t *testing.T) {
	dir := bilingualCopy(t)
	edit(t, dir, "translations/fr/expected-results/01-welcome.yaml", `    guidance: |
      Les signalements sont souvent faits dans une salle d'attente pleine.
      Demander à la personne si elle préfère parler à l'écart, et l'y
      conduire avant de poser la moindre question.
`, "    guidance: |\n")
	// A page whose title is translated, not yet its body.
	write(t, filepath.Join(dir, "translations/fr/pages/about.md"), "---\ntitle: À propos de cet exemple\nsource_hash: b3f352ed55b1\n---\n")
	r := run(t, dir, "translations")
	for _, want := range []string{
		"fr: 4 missing, 2 partly translated, 0 stale, 6 done\n",
		"  partly   page about: partly translated: 1 of 2 fields (translations/fr/pages/about.md:2:1)\n",
		"             translations/fr/pages/about.md:5:1: body not translated yet\n",
		"  partly   recommendation private-space: partly translated: 2 of 3 fields (translations/fr/expected-results/01-welcome.yaml:10:5)\n",
		"             translations/fr/expected-results/01-welcome.yaml:13:15: guidance not translated yet\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("translations lacks %q:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	r = run(t, dir, "check")
	if want := `translations/fr/expected-results/01-welcome.yaml:13:15: warning: fr translation of recommendation "private-space" is partly done (2 of 3 texts): guidance is not translated yet`; r.code != 0 || !strings.Contains(r.stderr, want) {
		t.Errorf("check: exit %d, want 0 and the warning %q:\n%s", r.code, want, r.stderr)
	}
	if r := run(t, dir, "build"); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "public/fr/recommendations/private-space/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{
		`<h1 class="rec-title">Proposer un espace à l&#39;écart à toute personne qui souhaite faire un signalement.</h1>`,
		`<div class="prose" lang="en"><p>Reports are often given in a busy waiting room.`,
		`<li>Une pièce à l&#39;écart est libre pendant les heures d&#39;ouverture.</li>`,
		`Certaines parties de ce texte ne sont pas encore traduites`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the partly translated recommendation's page lacks %q", want)
		}
	}
	data, err = os.ReadFile(filepath.Join(dir, "public/fr/about/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>À propos de cet exemple</h1>", `<div class="prose" lang="en">`, "This site is an example of a guidance site in two languages."} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the partly translated page lacks %q", want)
		}
	}
}

// TestTranslationsUpdate: after a page and a recommendation are added to
// the source, translations --update fr writes exactly two starters (the
// recommendation's in a file of its own, its result being translated),
// changes no byte of any other file, and says what it wrote; the starters
// load, count as missing, and once written under show on the French pages.
// --init on the existing language does the same (nothing left to write)
// without asking to add fr to languages.
func TestTranslationsUpdate(t *testing.T) {
	dir := bilingualCopy(t)
	// Give the untranslated texts of the example a starter first, so that
	// the update writes only for what is added below.
	if r := run(t, dir, "translations", "--init", "fr"); r.code != 0 || strings.Contains(r.stdout, "add fr to languages") {
		t.Fatalf("--init fr on the site's own French: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, filepath.Join(dir, "content/pages/contact.md"), "---\ntitle: Contact\n---\nWrite to the desk.\n")
	edit(t, dir, "content/expected-results/01-welcome.yaml", "  - id: next-steps\n", `  - id: interpreter
    text: Offer an interpreter to anyone who needs one.
    roles: [desk-officer]
    indicators:
      - Interpreters can be reached by phone.
  - id: next-steps
`)
	before := snapshot(t, dir)
	r := run(t, dir, "translations", "--update", "fr")
	if r.code != 0 {
		t.Fatalf("--update fr: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	after := snapshot(t, dir)
	var added []string
	for name, data := range after {
		old, ok := before[name]
		switch {
		case !ok:
			if data != "folder" {
				added = append(added, filepath.ToSlash(name))
			}
		case old != data:
			t.Errorf("--update changed %s", name)
		}
	}
	slices.Sort(added)
	if want := []string{"translations/fr/pages/contact.md", "translations/fr/recommendations/interpreter.yaml"}; !slices.Equal(added, want) {
		t.Errorf("--update wrote %v, want %v", added, want)
	}
	for _, want := range []string{"wrote translations/fr/recommendations/interpreter.yaml (recommendation interpreter)\n", "wrote translations/fr/pages/contact.md (page contact)\n", "wrote 2 starter files under translations/fr/\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--update says not %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "add fr to languages") {
		t.Errorf("--update asks to add fr, which is listed already:\n%s", r.stdout)
	}
	if r := run(t, dir, "translations", "--update", "fr"); r.code != 0 || !strings.Contains(r.stdout, "nothing written") {
		t.Errorf("a second --update: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, "translations")
	if !strings.Contains(r.stdout, "  missing  recommendation interpreter (content/expected-results/01-welcome.yaml:") {
		t.Errorf("the new recommendation's starter should count as missing:\n%s%s", r.stdout, r.stderr)
	}
	starter := after["translations/fr/recommendations/interpreter.yaml"]
	starter = strings.Replace(starter, "text:\n", "text: Proposer un interprète à toute personne qui en a besoin.\n", 1)
	starter = strings.Replace(starter, "  -\n", "  - On peut joindre un interprète par téléphone.\n", 1)
	write(t, filepath.Join(dir, "translations/fr/recommendations/interpreter.yaml"), starter)
	if r := run(t, dir, "build"); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public/fr/recommendations/interpreter/index.html"))
	if err != nil || !strings.Contains(string(page), "Proposer un interprète à toute personne qui en a besoin.") || !strings.Contains(string(page), "On peut joindre un interprète par téléphone.") {
		t.Errorf("the French page of the new recommendation does not show its translation (%v)", err)
	}
}

// TestTranslationsInitStaysInside: a language code that is a path, and a
// translations folder that is a link to elsewhere, are refused: nothing is
// written outside the site.
func TestTranslationsInitStaysInside(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "a", "b", "site")
	if err := os.CopyFS(dir, os.DirFS("../../docs/examples/bilingual")); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "translations", "--init", "../../../outside")
	if r.code != 2 || !strings.Contains(r.stderr, `--init "../../../outside": not a language code`) {
		t.Errorf("--init ../../../outside: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(top, "outside")); err == nil {
		t.Error("--init wrote outside the site")
	}
	// A link out of the site: the site does not load (see docs/safety.md).
	elsewhere := filepath.Join(top, "elsewhere")
	if err := os.Mkdir(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "translations"), filepath.Join(dir, "shared")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "translations")); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "translations", "--init", "de")
	if r.code != 1 {
		t.Errorf("--init de through a link out of the site: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("--init wrote through the link: %v", entries)
	}
	// A link to a folder of the site: it loads, but starters are not
	// written through it.
	if err := os.Remove(filepath.Join(dir, "translations")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("shared", filepath.Join(dir, "translations")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	r = run(t, dir, "translations", "--init", "de")
	if r.code != 1 || !strings.Contains(r.stderr, "translations is a symbolic link") {
		t.Errorf("--init de through a linked translations folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if after := snapshot(t, dir); len(after) != len(before) {
		t.Errorf("--init wrote through the link: %d files and folders, were %d", len(after), len(before))
	}
}
