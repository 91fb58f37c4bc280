// Package edition records published editions of a guidance and compares
// them with the content as it stands.
//
// A record (editions/<version>.yaml in the site folder) is written by
// `riskguide edition record` and never by hand: it holds every expected
// result and recommendation of one edition, with its id, its display number
// and its quoted text, and for each recommendation a hash of what surrounds
// the quotation (guidance, indicators, evidence, checklist items and
// templates that cite it). The record ends with a hash of its own content,
// so that an edited record is refused rather than silently compared.
//
// What the authors say about a change (that an amendment is a correction,
// or what replaces a retired recommendation) is not in the records but in
// editions/changes.yaml, written by hand and keyed by the edition the change
// was made in (see Notes).
//
// Every later phase compares by recommendation id: ids are stable across
// editions, numbers and wording are not.
package edition

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"

	"github.com/riskguide/riskguide/internal/site"
)

// Dir is the folder of the site source that holds the records and the
// authors' notes.
const Dir = "editions"

// NotesFile is the authors' notes on changes, inside Dir.
const NotesFile = "changes.yaml"

// Record is one published edition.
type Record struct {
	Version string
	Date    string // YYYY-MM-DD, from site.yaml's published:
	Results []Result
	// Pos is where the record was read from; zero for a record made from
	// the content.
	Pos site.Pos

	// index finds a recommendation by id in Results: a build looks up
	// every recommendation of every edition (Set.Earlier), which a scan
	// of 10,000 would make a hundred million comparisons.
	indexOnce sync.Once
	index     map[string][2]int
}

// Result is an expected result as an edition published it.
type Result struct {
	ID        string
	Number    int
	Title     string
	Statement string
	Recs      []Rec
	Pos       site.Pos
}

// Rec is a recommendation as an edition published it.
type Rec struct {
	ID    string
	Label string // the display number, such as "4.2"
	Text  string // the quoted text
	// Surround is the hash of the texts around the quotation (see
	// SurroundHash): when only it differs, the practice guidance was
	// revised and the quotation was not.
	Surround string
	Pos      site.Pos
}

// TextHash is the hash an answer keeps of the quoted text it answered: 16
// hex digits of the SHA-256 of the text with its white space collapsed, so
// that a re-wrapped line is not a change.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:8])
}

// SurroundHash hashes what surrounds recommendation r's quotation in s:
// its guidance, indicators and evidence, the checklist items that cite it
// and the templates that cite it. Only the source language counts: a
// translation is not a new edition.
func SurroundHash(s *site.Site, r *site.Recommendation) string {
	h := sha256.New()
	field := func(name, v string) {
		// Length-prefixed, so that no two different lists of fields hash
		// alike.
		h.Write([]byte(name + " " + strconv.Itoa(len(v)) + "\n" + v + "\n"))
	}
	field("guidance", r.Guidance.Value)
	for _, in := range r.Indicators {
		field("indicator", in)
	}
	for _, e := range r.Evidence {
		field("evidence", e.Source.ID+" "+e.Locator)
	}
	for _, c := range s.Checklists {
		for _, sec := range c.Sections {
			for _, it := range sec.Items {
				for _, ref := range it.Recommendations {
					if ref.ID == r.ID {
						field("checklist "+c.Role.ID, it.Text)
					}
				}
			}
		}
	}
	for _, p := range s.Protocols {
		for _, ref := range p.Recommendations {
			if ref.ID == r.ID {
				field("template "+p.ID, p.Title+"\n"+p.Body.Value)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// FromSite is the record of the edition s is now: its version and date from
// site.yaml.
func FromSite(s *site.Site) *Record {
	rec := &Record{Version: s.Config.Version, Date: s.Config.Published}
	for _, r := range s.Results {
		res := Result{ID: r.ID, Number: r.Number, Title: r.Title, Statement: r.Statement}
		for _, x := range r.Recommendations {
			res.Recs = append(res.Recs, Rec{ID: x.ID, Label: x.Label, Text: x.Text, Surround: SurroundHash(s, x)})
		}
		rec.Results = append(rec.Results, res)
	}
	return rec
}

// Rec returns the recommendation with id in the edition and its result, or
// nils.
func (r *Record) Rec(id string) (*Rec, *Result) {
	r.indexOnce.Do(func() {
		r.index = map[string][2]int{}
		for i := range r.Results {
			for j := range r.Results[i].Recs {
				r.index[r.Results[i].Recs[j].ID] = [2]int{i, j}
			}
		}
	})
	if at, ok := r.index[id]; ok && at[0] < len(r.Results) && at[1] < len(r.Results[at[0]].Recs) && r.Results[at[0]].Recs[at[1]].ID == id {
		return &r.Results[at[0]].Recs[at[1]], &r.Results[at[0]]
	}
	// Not where the index says: a record changed after its first
	// lookup (as tests do) is scanned.
	for i := range r.Results {
		for j := range r.Results[i].Recs {
			if r.Results[i].Recs[j].ID == id {
				return &r.Results[i].Recs[j], &r.Results[i]
			}
		}
	}
	return nil, nil
}

// VersionLess reports whether edition version a comes before b.
func VersionLess(a, b string) bool { return versionCmp(a, b) < 0 }

// versionCmp orders edition versions as people number them: part by part,
// numbers as numbers, else as text, a version before its own extensions.
func versionCmp(a, b string) int {
	pa, pb := strings.FieldsFunc(a, isSep), strings.FieldsFunc(b, isSep)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			return cmp.Compare(na, nb)
		}
		return strings.Compare(pa[i], pb[i])
	}
	return cmp.Compare(len(pa), len(pb))
}

func isSep(r rune) bool { return r == '.' || r == '-' || r == '_' || r == ' ' }
