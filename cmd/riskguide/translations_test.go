package main

import (
	"os"
	"path/filepath"
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
	if r.code != 0 || !strings.HasPrefix(r.stdout, "fr: 4 missing, 0 stale, 8 done\n") || strings.Contains(r.stdout, "checklist") || strings.Contains(r.stdout, "template") {
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
	for _, want := range []string{"de: 12 missing, 0 stale, 0 done\n", "  missing  checklist desk-officer (checklists/desk-officer.yaml:1:1)\n", "  missing  template desk-record (content/protocols/desk-record.md:1:1)\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("translations --lang de lacks %q:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if r := run(t, dir, "check"); r.code != 0 {
		t.Errorf("check with the starter files: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
