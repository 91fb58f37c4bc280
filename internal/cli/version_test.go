package cli

import (
	"runtime/debug"
	"testing"
)

// TestVersionOf: the version line for each way riskguide is built: a
// release from a tagged checkout, a build from an untagged or modified
// checkout, `go install` of a tag and of a pseudo-version (no VCS stamp),
// and `go run` (neither).
func TestVersionOf(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "-trimpath", Value: "true"}, {Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "5d5f0176e01daf6d3612a914deb5f438cc4f37aa"
	for _, tt := range []struct {
		name     string
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"release from a tag", "v1.2.0", vcs(rev, "2026-12-01T23:25:02Z", "false"),
			"riskguide v1.2.0 (commit 5d5f0176e01d of 2026-12-01)"},
		{"release between tags", "v1.2.1-0.20261201232502-5d5f0176e01d", vcs(rev, "2026-12-01T23:25:02Z", "false"),
			"riskguide v1.2.1-0.20261201232502-5d5f0176e01d (commit 5d5f0176e01d of 2026-12-01)"},
		{"commit time in another zone", "v1.2.0", vcs(rev, "2026-12-02T00:25:02+01:00", "false"),
			"riskguide v1.2.0 (commit 5d5f0176e01d of 2026-12-01)"},
		{"modified checkout", "v1.2.0+dirty", vcs(rev, "2026-12-01T23:25:02Z", "true"),
			"riskguide v1.2.0 (commit 5d5f0176e01d of 2026-12-01, with uncommitted changes)"},
		{"go install of a pseudo-version", "v0.0.0-20261207044252-5d5f0176e01d", nil,
			"riskguide v0.0.0-20261207044252-5d5f0176e01d (commit 5d5f0176e01d of 2026-12-07)"},
		{"go install of a tag", "v1.2.0", nil, "riskguide v1.2.0 (commit unknown)"},
		{"go run", "(devel)", nil, "riskguide (devel) (commit unknown)"},
		{"no module version", "", nil, "riskguide (devel) (commit unknown)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/riskguide/riskguide", Version: tt.version}, Settings: tt.settings}
			if got := versionOf(info).String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
