package edition

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/site"
)

// siteFile is where version: and published: are written.
const siteFile = "content/site.yaml"

// versionRE is what an edition's version may be: it names a file and a
// folder of the published site.
var versionRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)

// ValidVersion reports whether v can name an edition's record and pages.
func ValidVersion(v string) bool { return versionRE.MatchString(v) && len(v) <= 40 }

// Problems are what makes a site's editions unusable: notes on changes
// that did not happen (a correction of a recommendation that was not
// amended in that edition, a retirement of one still in it, a replacement
// that does not exist), notes on an edition that is neither recorded nor
// the current one, and a version that cannot name a record.
func Problems(fsys fs.FS, set *Set) site.Diagnostics {
	var diags site.Diagnostics
	if len(set.Records) == 0 && len(set.Notes) == 0 {
		return nil
	}
	if v := set.Current.Version; !ValidVersion(v) {
		diags.Add(siteKeyPos(fsys, "version"), "version %q cannot name an edition (its record is editions/<version>.yaml, its texts are published at editions/<version>/): use letters, digits, dots and hyphens", v)
	}
	steps := map[string]Step{}
	for _, st := range set.Steps {
		steps[st.To.Version] = st
	}
	for version, n := range set.Notes {
		st, ok := steps[version]
		if !ok {
			for _, c := range n.Corrected {
				diags.Add(c.Pos, "edition %s is neither the current edition nor a recorded one after the first: there is no change in it to note", version)
			}
			for _, r := range n.Retired {
				diags.Add(r.Pos, "edition %s is neither the current edition nor a recorded one after the first: there is no change in it to note", version)
			}
			continue
		}
		kinds := map[string]Kind{}
		for _, c := range st.Changes {
			kinds[c.ID] = c.Kind
		}
		for id, c := range n.Corrected {
			if k := kinds[id]; k != Corrected {
				diags.Add(c.Pos, "correction of %s in edition %s: its quoted text did not change from edition %s (%s)", id, version, st.From.Version, kindWord(k))
			}
		}
		for id, r := range n.Retired {
			if k := kinds[id]; k != Retired {
				diags.Add(r.Pos, "retirement of %s in edition %s: it is not retired there (%s)", id, version, kindWord(k))
			}
			if r.ReplacedBy != "" {
				if x, _ := st.To.Rec(r.ReplacedBy); x == nil {
					diags.Add(r.Pos, "retirement of %s: replaced_by %s is not a recommendation of edition %s", id, r.ReplacedBy, version)
				}
			}
		}
	}
	return diags.Sort()
}

func kindWord(k Kind) string {
	if k == "" {
		return "unchanged or unknown"
	}
	return string(k)
}

// Warnings are what a careful author wants to know before publishing: the
// content changed while version: still names a recorded edition (readers
// holding that edition would not see the change), version: names an
// edition older than the newest recorded, or a new version kept the
// published: date of the edition before.
func Warnings(fsys fs.FS, set *Set) site.Diagnostics {
	var ws site.Diagnostics
	n := len(set.Records)
	if n == 0 {
		return nil
	}
	newest, cur := set.Records[n-1], set.Current
	at := siteKeyPos(fsys, "version")
	switch {
	case newest.Version == cur.Version:
		// A date corrected is not new content.
		same := &Record{Version: cur.Version, Date: newest.Date, Results: cur.Results, Pos: cur.Pos}
		if changed := Compare(newest, cur, nil); len(changed) > 0 || newest.file().Hash != same.file().Hash {
			ws.Add(at, "warning: the content changed since edition %s was recorded (%s), but version: is still %s: give the new edition its own version (and published: date), then record it with `riskguide edition record`", cur.Version, summary(changed), cur.Version)
		}
	case VersionLess(cur.Version, newest.Version) && !set.Recorded(cur.Version):
		ws.Add(at, "warning: version %s comes before %s, the newest recorded edition", cur.Version, newest.Version)
	case !set.Recorded(cur.Version) && cur.Date != "" && cur.Date == newest.Date:
		ws.Add(siteKeyPos(fsys, "published"), "warning: published: is still %s, the date of edition %s: give edition %s its own date", cur.Date, newest.Version, cur.Version)
	}
	return ws
}

// summary says in a few words what changed: "2 amended, 1 new".
func summary(changes []Change) string {
	if len(changes) == 0 {
		return "expected results' titles or statements"
	}
	counts := map[Kind]int{}
	for _, c := range changes {
		counts[c.Kind]++
	}
	var parts []string
	for _, k := range Kinds {
		if counts[k] > 0 {
			parts = append(parts, strconv.Itoa(counts[k])+" "+string(k))
		}
	}
	return strings.Join(parts, ", ")
}

// Summary is a one-line account of changes, for the command line.
func Summary(changes []Change) string {
	if len(changes) == 0 {
		return "no recommendation changed"
	}
	return summary(changes)
}

// siteKeyPos is the position of key in content/site.yaml, or the file's
// when the key is not there.
func siteKeyPos(fsys fs.FS, key string) site.Pos {
	p := site.Pos{File: siteFile}
	data, err := fs.ReadFile(fsys, siteFile)
	if err != nil {
		return p
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return p
	}
	if k, _ := mapEntry(doc.Content[0], key); k != nil {
		return site.Pos{File: siteFile, Line: k.Line, Col: k.Column}
	}
	return p
}
