package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/cli"
	"github.com/riskguide/riskguide/internal/report"
)

// TestReportFollowsTheExportRule runs `riskguide report` on each file of
// the export format's test files (internal/report/testdata/format, which
// the page's validator is run on too): a valid- file makes a report, an
// invalid- one is refused by name with exit code 1 and nothing written. A
// valid file on a scale other than the built-in one is refused too, saying
// so: the built-in guidance cannot score it.
func TestReportFollowsTheExportRule(t *testing.T) {
	dir, err := filepath.Abs("../../internal/report/testdata/format")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Each file is its own run of the command, in this process (cli.Main,
	// what main calls): the rule is the subject here, and over a hundred
	// runs of the binary would spend most of their time starting it. The
	// report tests run the binary itself.
	for _, e := range entries {
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "report")
			var stdout, stderr strings.Builder
			code := cli.Main([]string{"report", "--drafts", "--out", out, filepath.Join(dir, name)}, &stdout, &stderr)
			r := result{code, stdout.String(), stderr.String()}
			_, statErr := os.Stat(filepath.Join(out, "index.html"))
			otherScale := false
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				if e, err := report.Parse(data); err == nil && e.Guidance.Scale != report.DefaultScale {
					otherScale = true
				}
			}
			switch {
			case strings.HasPrefix(name, "valid-") && otherScale:
				if r.code != 1 || !strings.Contains(r.stderr, name+": was assessed on another scale") || statErr == nil {
					t.Errorf("%s: a file on another scale was not refused, saying so: %+v", name, r)
				}
			case strings.HasPrefix(name, "valid-"):
				if r.code != 0 || statErr != nil {
					t.Errorf("%s: refused: %+v", name, r)
				}
			case strings.HasPrefix(name, "invalid-"):
				if r.code != 1 || !strings.Contains(r.stderr, name+":") || statErr == nil {
					t.Errorf("%s: not refused by name with exit 1 and nothing written: %+v", name, r)
				}
			default:
				t.Errorf("%s: the name does not start with valid- or invalid-", name)
			}
		})
	}
}
