package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// htmlValidate runs html-validate (node_modules, pinned in package.json)
// with the project's .htmlvalidate.cjs on files and returns one line per
// error, "file:line:col: message (rule)". A missing node or html-validate
// fails the test in CI and skips it elsewhere.
func htmlValidate(t *testing.T, files []string, extra ...string) []string {
	t.Helper()
	node := browsertest.NeedTool(t, "node", "nodejs")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cli := filepath.Join(root, "node_modules", "html-validate", "bin", "html-validate.mjs")
	if _, err := os.Stat(cli); err != nil {
		browsertest.Missing(t, fmt.Sprintf("html-validate not installed at %s (run npm ci in %s)", cli, root))
	}
	args := append([]string{cli, "--config", filepath.Join(root, ".htmlvalidate.cjs"), "--formatter", "json"}, extra...)
	args = append(args, files...)
	cmd := exec.Command(node, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// html-validate exits 1 when it found errors; anything else is a
	// failure to run.
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("html-validate: %v\n%s", err, stderr.String())
	}
	var results []struct {
		FilePath string
		Messages []struct {
			RuleID   string
			Severity int
			Message  string
			Line     int
			Column   int
		}
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("html-validate's report is not JSON: %v\n%.500s\n%s", err, out, stderr.String())
	}
	var problems []string
	for _, r := range results {
		for _, m := range r.Messages {
			if m.Severity == 2 {
				problems = append(problems, fmt.Sprintf("%s:%d:%d: %s (%s)", r.FilePath, m.Line, m.Column, m.Message, m.RuleID))
			}
		}
	}
	return problems
}

// TestHTMLValidate runs the second HTML checker, html-validate with its
// recommended rules (html-validate:recommended, less the rules that
// .htmlvalidate.cjs turns off, each with its reason), on every page of
// the default site, the ASVS example and the bilingual example: no error.
// A page with known faults, checked first, shows that the checker runs
// and reports.
func TestHTMLValidate(t *testing.T) {
	t.Parallel()
	bad := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(bad, []byte("<!doctype html>\n<html lang=\"en\"><head><title>Bad</title></head>\n<body><main><h2></h2><div id=\"x\"></div><div id=\"x\"></div></main></body></html>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, extra := range [][]string{nil, {"--rule", "valid-for:off"}} {
		if got := strings.Join(htmlValidate(t, []string{bad}, extra...), "\n"); !strings.Contains(got, "(empty-heading)") || !strings.Contains(got, "(no-dup-id)") {
			t.Fatalf("html-validate %v did not report the faults of a bad page:\n%s", extra, got)
		}
	}

	// The ASVS example's self-assessment, a form of 345 recommendations
	// with about 2,700 labels, is checked without the valid-for rule:
	// html-validate 10.9 finds each label's control by a scan of the whole
	// document: a minute of CPU on every run for this one page, against
	// 3 s without the rule. The rule is kept on the
	// default and bilingual sites' self-assessments, made by the same
	// template, and axe checks the labels of the ASVS form (TestASVSExample).
	asvs := asvsSite(t)
	bigForm := filepath.Join(asvs.Dir, "self-assessment", "index.html")
	var files []string
	for _, s := range []*builtSite{defaultSite(t), asvs, bilingualSite(t)} {
		for _, p := range s.Pages {
			if f := filepath.Join(s.Dir, filepath.FromSlash(p)); f != bigForm {
				files = append(files, f)
			}
		}
	}
	if len(files) < 100 {
		t.Fatalf("only %d pages to check", len(files))
	}
	problems := htmlValidate(t, files)
	problems = append(problems, htmlValidate(t, []string{bigForm}, "--rule", "valid-for:off")...)
	if len(problems) > 0 {
		t.Errorf("html-validate: %d errors in %d pages:\n%s", len(problems), len(files)+1, strings.Join(problems, "\n"))
	}
}
