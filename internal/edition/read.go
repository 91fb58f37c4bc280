package edition

import (
	"errors"
	"io/fs"
	"path"
	"slices"
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
	slices.SortStableFunc(records, func(a, b *Record) int { return versionCmp(a.Version, b.Version) })
	return records, notes, diags
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

// Set is what a build knows of a site's editions: the records, the
// authors' notes, the content as it stands and the steps between them.
type Set struct {
	Records []*Record
	Notes   Notes
	// Current is the content being built, recorded or not: its
	// recommendations' texts are those of the source language.
	Current *Record
	Steps   []Step
}

// NewSet makes the Set of a site whose content is cur.
func NewSet(records []*Record, notes Notes, cur *Record) *Set {
	return &Set{Records: records, Notes: notes, Current: cur, Steps: History(records, cur, notes)}
}

// Earlier is the quoted text of one recommendation in an earlier edition
// where it differs from the text as it stands.
type Earlier struct {
	Version string
	Hash    string // TextHash of the earlier text
	Diff    []Segment
}

// Earlier lists, oldest first, the recorded editions in which the quoted
// text of recommendation id differed from its current text: what an answer
// given under one of them must be reviewed against.
func (s *Set) Earlier(id string) []Earlier {
	now, _ := s.Current.Rec(id)
	if now == nil {
		return nil
	}
	// The texts are compared by TextHash, which leaves out differences
	// of white space alone; the current text's hash is made once.
	nowHash := TextHash(now.Text)
	var out []Earlier
	for _, r := range s.Records {
		was, _ := r.Rec(id)
		if was == nil {
			continue
		}
		if h := TextHash(was.Text); h != nowHash {
			out = append(out, Earlier{Version: r.Version, Hash: h, Diff: WordDiff(was.Text, now.Text)})
		}
	}
	return out
}

// Recorded reports whether edition version has a record.
func (s *Set) Recorded(version string) bool {
	return slices.ContainsFunc(s.Records, func(r *Record) bool { return r.Version == version })
}
