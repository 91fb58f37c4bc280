package report

import (
	"slices"
	"sort"
	"strings"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/site"
)

// The report across editions. An answer was given under one edition of the
// guidance (Answer.Edition) and answers one quoted text (Answer.TextHash);
// the report compares and scores an answer only when that text is the
// text of the guidance reported against, and marks the others, with the
// edition they were given under, in every table where they appear. An
// answer that does not say which text it answers (an export before version
// 4, a workbook) answers the edition its file names, or the first recorded
// one when the site has no record of that edition, as on the page.

// editions is what the report knows of the guidance's editions: the hash
// of each recommendation's quoted text now (in the source language) and in
// each recorded edition.
type editions struct {
	current  string            // the version reported against
	recorded []*edition.Record // oldest first
	now      map[string]string // recommendation id -> TextHash now
}

func newEditions(s *site.Site, set *edition.Set) *editions {
	e := &editions{current: s.Config.Version, now: map[string]string{}}
	cur := (*edition.Record)(nil)
	if set != nil {
		e.recorded = set.Records
		cur = set.Current
	}
	if cur == nil {
		cur = edition.FromSite(s)
	}
	for _, res := range cur.Results {
		for _, x := range res.Recs {
			e.now[x.ID] = edition.TextHash(x.Text)
		}
	}
	return e
}

func (e *editions) known(v string) bool {
	return v == e.current || slices.ContainsFunc(e.recorded, func(r *edition.Record) bool { return r.Version == v })
}

// settle gives answer a of recommendation id the edition and hash it
// answers, by the rule above.
func (e *editions) settle(id string, a *Answer) {
	if a.TextHash != "" {
		return
	}
	if !e.known(a.Edition) {
		a.Edition = e.current
		if len(e.recorded) > 0 {
			a.Edition = e.recorded[0].Version
		}
	}
	a.TextHash = e.now[id]
	for _, r := range e.recorded {
		if r.Version == a.Edition {
			if was, _ := r.Rec(id); was != nil {
				a.TextHash = edition.TextHash(was.Text)
			}
		}
	}
}

// settleForce settles every answer of f to a recommendation the guidance
// has, and notes the editions they were given under and those that answer
// another text than the guidance's.
func (r *Report) settleForce(f *Force) {
	seen := map[string]bool{}
	f.changed = map[string]string{}
	for id, a := range f.Export.Answers {
		now, ok := r.eds.now[id]
		if !ok || a.Empty() {
			continue
		}
		r.eds.settle(id, &a)
		f.Export.Answers[id] = a
		if !seen[a.Edition] {
			seen[a.Edition] = true
			f.Editions = append(f.Editions, a.Edition)
		}
		if a.TextHash != now {
			f.changed[id] = a.Edition
		}
	}
	sort.Slice(f.Editions, func(i, j int) bool { return edition.VersionLess(f.Editions[i], f.Editions[j]) })
	r.NotCompared += len(f.changed)
}

// markEditions says, column by column, which editions were answered, once
// the forces did not all answer the edition reported against.
func (r *Report) markEditions() {
	for _, f := range r.Forces {
		r.MixedEditions = r.MixedEditions || slices.ContainsFunc(f.Editions, func(v string) bool { return v != r.Version })
	}
	if !r.MixedEditions {
		return
	}
	for _, f := range r.Forces {
		if len(f.Editions) > 0 {
			f.EditionNote = r.tr("report.edition.column", strings.Join(f.Editions, ", "))
		}
	}
}

// comparable reports whether f's answer to id answers the guidance's text.
func (f *Force) comparable(id string) bool {
	_, changed := f.changed[id]
	return !changed
}

// cellOf is f's answer to recommendation id as a cell, marked when it
// answers another text.
func (r *Report) cellOf(f *Force, id string) Cell {
	c := r.cell(f.Export.Answers[id])
	if ed, changed := f.changed[id]; changed {
		c.Changed = true
		c.Note = r.tr("report.edition.changed", ed)
	}
	return c
}
