package report

import (
	"encoding/json"
	"github.com/riskguide/riskguide/internal/site"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// formatDir holds the test files of the export format's rule
// (docs/self-assessment-format.md): each is named for what it tests, and
// its name starts with the verdict, "valid-" or "invalid-".
const formatDir = "testdata/format"

// TestExportFormatParity runs every file of testdata/format through Parse
// and through the page's validator (assessment-io.js, under node, reading
// the bytes as the page reads an imported file) and requires both to give
// the verdict the file's name states. A file one accepts and the other
// refuses is a force whose export reaches the report but not the page, or
// the other way round.
func TestExportFormatParity(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is needed to compare assessment-io.js with the Go rules")
		}
		t.Skip("node not installed")
	}
	entries, err := os.ReadDir(formatDir)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		paths = append(paths, filepath.Join(formatDir, e.Name()))
	}
	if len(paths) < 50 {
		t.Fatalf("only %d test files in %s", len(paths), formatDir)
	}
	_, here, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(here), "..", "..", "assets", "js", "assessment-io.js")
	// The page reads the format's constants from the script every build
	// writes; so does this test.
	format := filepath.Join(t.TempDir(), "assessment-format.js")
	if err := os.WriteFile(format, site.AssessmentFormatScript(), 0o644); err != nil {
		t.Fatal(err)
	}
	input, _ := json.Marshal(paths)
	cmd := exec.Command(node, "-e", `
const vm = require('vm'), fs = require('fs');
const ctx = { TextDecoder: TextDecoder }; ctx.window = ctx; vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), ctx);
vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), ctx);
const io = ctx.riskguide.assessmentIO;
const paths = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(paths.map(p => {
  const r = io.parseBytes(new Uint8Array(fs.readFileSync(p)));
  return r.problem ? r.problem.key + ' ' + JSON.stringify(r.problem.args) : '';
})));
`, script, format)
	cmd.Stdin = strings.NewReader(string(input))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var js []string
	if err := json.Unmarshal(out, &js); err != nil || len(js) != len(paths) {
		t.Fatalf("node answered %q (%v)", out, err)
	}
	verdict := func(problem string) string {
		if problem == "" {
			return "valid"
		}
		return "invalid"
	}
	for i, p := range paths {
		name := filepath.Base(p)
		want, _, _ := strings.Cut(name, "-")
		if want != "valid" && want != "invalid" {
			t.Errorf("%s: the name does not start with valid- or invalid-", name)
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		goProblem := ""
		if _, err := Parse(data); err != nil {
			goProblem = err.Error()
		}
		if got := verdict(goProblem); got != want {
			t.Errorf("%s: riskguide report finds it %s (%s)", name, got, goProblem)
		}
		if got := verdict(js[i]); got != want {
			t.Errorf("%s: the page finds it %s (%s)", name, got, js[i])
		}
	}
}
