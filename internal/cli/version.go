package cli

import (
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"golang.org/x/mod/module"
)

// buildVersion is what `riskguide version` says about this binary, read
// from the build information the Go toolchain writes into every binary:
// no -ldflags to remember, so a release built by release/build.sh and a
// `go install ...@version` tell the same story.
type buildVersion struct {
	Version string // the module version: a tag, a pseudo-version, or "(devel)"
	Commit  string // the full commit hash, or "" when unknown
	Date    string // the commit's date in UTC, YYYY-MM-DD, or "" when unknown
	Dirty   bool   // built from a work tree with uncommitted changes
}

// readBuildVersion reads the version of this binary.
func readBuildVersion() buildVersion {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return buildVersion{Version: "(unknown)"}
	}
	return versionOf(info)
}

// versionOf takes the version from the main module and the commit and its
// date from the VCS stamp (-buildvcs, set when built inside a git
// checkout). `go install module@version` has no VCS stamp; a pseudo-version
// (v0.0.0-20261207044252-5d5f0176e01d) still names the commit and its time,
// so those are read from it; a tagged version names neither.
func versionOf(info *debug.BuildInfo) buildVersion {
	v := buildVersion{Version: info.Main.Version}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				v.Date = t.UTC().Format(time.DateOnly)
			}
		case "vcs.modified":
			v.Dirty = s.Value == "true"
		}
	}
	if module.IsPseudoVersion(v.Version) {
		if v.Commit == "" {
			v.Commit, _ = module.PseudoVersionRev(v.Version)
		}
		if v.Date == "" {
			if t, err := module.PseudoVersionTime(v.Version); err == nil {
				v.Date = t.UTC().Format(time.DateOnly)
			}
		}
	}
	// Go marks a version built from a modified tree with "+dirty"; said
	// once, in words, is enough.
	if strings.HasSuffix(v.Version, "+dirty") {
		v.Version = strings.TrimSuffix(v.Version, "+dirty")
		v.Dirty = true
	}
	return v
}

// String is the version line: "riskguide v1.2.0 (commit 5d5f0176e01d of
// 2026-12-07)".
func (v buildVersion) String() string {
	commit := "commit unknown"
	if v.Commit != "" {
		commit = "commit " + v.Commit[:min(len(v.Commit), 12)]
		if v.Date != "" {
			commit += " of " + v.Date
		}
	}
	if v.Dirty {
		commit += ", with uncommitted changes"
	}
	return fmt.Sprintf("riskguide %s (%s)", v.Version, commit)
}
