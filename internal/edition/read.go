package edition

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Read reads every record in fsys's editions folder, oldest version
// first, and the authors' notes. A site without the folder has no records.
func Read(fsys fs.FS) ([]*Record, Notes, site.Diagnostics) {
	var diags site.Diagnostics
	entries, err := fs.ReadDir(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Notes{}, nil
	}
	if err != nil {
		diags.Add(site.Pos{File: Dir}, "%v", err)
		return nil, nil, diags
	}
	var records []*Record
	notes := Notes{}
	for _, e := range entries {
		name := path.Join(Dir, e.Name())
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			diags.Add(site.Pos{File: name}, "%v", err)
			continue
		}
		if e.Name() == NotesFile {
			n, ds := ParseNotes(name, data)
			diags = append(diags, ds...)
			if n != nil {
				notes = n
			}
			continue
		}
		r, ds := Parse(name, data)
		diags = append(diags, ds...)
		if r != nil && len(ds) == 0 {
			records = append(records, r)
		}
	}
	sortRecords(records)
	return records, notes, diags
}

func sortRecords(rs []*Record) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && VersionLess(rs[j].Version, rs[j-1].Version); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// Step is what changed from one edition to the next.
type Step struct {
	From, To *Record
	Changes  []Change
}

// History is every step between consecutive editions, oldest first: between
// the records, and from the newest record to cur when cur's version is not
// recorded yet (the edition being prepared).
func History(records []*Record, cur *Record, notes Notes) []Step {
	all := records
	if n := len(records); n > 0 && records[n-1].Version != cur.Version {
		all = append(all[:n:n], cur)
	}
	var steps []Step
	for i := 1; i < len(all); i++ {
		steps = append(steps, Step{From: all[i-1], To: all[i], Changes: Compare(all[i-1], all[i], notes[all[i].Version])})
	}
	return steps
}
