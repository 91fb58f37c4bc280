package edition

import (
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
	"go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/site"
)

// Kind is the kind of a change to a recommendation between two editions.
type Kind string

// The kinds of change, in the order the "What changed" page lists them.
const (
	New     Kind = "new"
	Amended Kind = "amended" // the quoted text changed
	// Corrected is an amendment the authors mark as a correction (see
	// Notes), with their note.
	Corrected Kind = "corrected"
	Moved     Kind = "moved"   // only its number or expected result changed
	Retired   Kind = "retired" // no longer in the guidance
	// Revised is a recommendation whose quotation did not change but whose
	// practice guidance, indicators, evidence, checklist items or templates
	// did.
	Revised Kind = "revised"
)

// Kinds lists the kinds of change in the order they are shown.
var Kinds = []Kind{New, Amended, Corrected, Moved, Retired, Revised}

// Change is what happened to one recommendation from one edition to the
// next.
type Change struct {
	Kind Kind
	ID   string
	// Label and Text are the recommendation as it is in the newer
	// edition; OldLabel and OldText as it was in the older (empty for a
	// new one).
	Label, OldLabel string
	Text, OldText   string
	ResultID        string // the newer edition's expected result; the older's for a retired one
	OldResultID     string
	// Moved is true when the number or the expected result changed, also
	// for an amended or revised recommendation.
	Moved bool
	// Diff is the word-level difference of the quoted text, for an amended
	// or corrected recommendation.
	Diff []Segment
	// Note is the authors' note: on a correction, or on a retirement.
	Note string
	// ReplacedBy is the id of what replaces a retired recommendation, where
	// the authors say.
	ReplacedBy string
}

// Compare lists what changed from edition old to edition cur: recommendations
// in cur's order, then the retired ones in old's order. notes are the
// authors' notes on the changes made in cur (nil for none).
func Compare(old, cur *Record, notes *EditionNotes) []Change {
	var out []Change
	for _, res := range cur.Results {
		for _, x := range res.Recs {
			c := Change{ID: x.ID, Label: x.Label, Text: x.Text, ResultID: res.ID}
			was, wasRes := old.Rec(x.ID)
			if was == nil {
				c.Kind = New
				out = append(out, c)
				continue
			}
			c.OldLabel, c.OldText, c.OldResultID = was.Label, was.Text, wasRes.ID
			c.Moved = was.Label != x.Label || wasRes.ID != res.ID
			switch {
			case TextHash(was.Text) != TextHash(x.Text):
				c.Kind = Amended
				c.Diff = WordDiff(was.Text, x.Text)
				if n, ok := notes.corrected(x.ID); ok {
					c.Kind, c.Note = Corrected, n
				}
			case was.Surround != x.Surround:
				c.Kind = Revised
			case c.Moved:
				c.Kind = Moved
			default:
				continue
			}
			out = append(out, c)
		}
	}
	for _, res := range old.Results {
		for _, x := range res.Recs {
			if now, _ := cur.Rec(x.ID); now != nil {
				continue
			}
			c := Change{Kind: Retired, ID: x.ID, OldLabel: x.Label, OldText: x.Text, OldResultID: res.ID, ResultID: res.ID}
			if r, ok := notes.retired(x.ID); ok {
				c.Note, c.ReplacedBy = r.Note, r.ReplacedBy
			}
			out = append(out, c)
		}
	}
	return out
}

// Segment is a run of words of a difference: deleted (Op < 0), kept (0) or
// inserted (Op > 0).
type Segment struct {
	Op   int
	Text string
}

// WordDiff is the difference from a to b word by word, spaces and
// punctuation kept with the words around them, so that a reader sees
// "ensure → make sure" rather than letters. It uses diffmatchpatch's rune
// diff over words mapped to runes, the library's own way of diffing lines.
func WordDiff(a, b string) []Segment {
	a, b = strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " ")
	var words []string
	index := map[string]rune{}
	encode := func(s string) []rune {
		var rs []rune
		for _, w := range splitWords(s) {
			r, ok := index[w]
			if !ok {
				// Private-use runes upward: any rune will do, as the
				// runes are only keys.
				r = rune(0xE000 + len(words))
				index[w] = r
				words = append(words, w)
			}
			rs = append(rs, r)
		}
		return rs
	}
	ra, rb := encode(a), encode(b)
	dmp := diffmatchpatch.New()
	// No time limit: with one, a busy machine could stop the diff early
	// and a rebuild would publish a different difference.
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(ra, rb, false)
	diffs = dmp.DiffCleanupMerge(diffs)
	var out []Segment
	for _, d := range diffs {
		var text strings.Builder
		for _, r := range d.Text {
			text.WriteString(words[r-0xE000])
		}
		// diffmatchpatch's operations are -1 (delete), 0 and 1 (insert), as Op.
		out = append(out, Segment{Op: int(d.Type), Text: text.String()})
	}
	return joinChanges(out)
}

// joinChanges makes each run of changes one deletion and one insertion:
// the spaces kept between two changes ("a single vetted" to "one vetted,
// documented" shares only spaces) belong to both, so that a reader sees
// what was replaced by what, not a word-by-word weave.
func joinChanges(segs []Segment) []Segment {
	var out []Segment
	for i := 0; i < len(segs); {
		if segs[i].Op == 0 {
			out = append(out, segs[i])
			i++
			continue
		}
		var del, ins strings.Builder
		j := i
		for ; j < len(segs); j++ {
			sg := segs[j]
			if sg.Op == 0 {
				// Spaces between two changes join them; anything else,
				// or spaces after the last change, ends the run.
				if strings.TrimSpace(sg.Text) != "" || j+1 == len(segs) || segs[j+1].Op == 0 {
					break
				}
				del.WriteString(sg.Text)
				ins.WriteString(sg.Text)
				continue
			}
			if sg.Op < 0 {
				del.WriteString(sg.Text)
			} else {
				ins.WriteString(sg.Text)
			}
		}
		if del.Len() > 0 && strings.TrimSpace(del.String()) != "" {
			out = append(out, Segment{Op: -1, Text: del.String()})
		}
		if ins.Len() > 0 && strings.TrimSpace(ins.String()) != "" {
			out = append(out, Segment{Op: 1, Text: ins.String()})
		}
		i = j
	}
	return out
}

// splitWords cuts s into words, runs of spaces and punctuation marks, each
// a token of its own: so that "mandatory" before a space and before a
// comma is the same word, and a changed comma does not mark the word
// before it as changed.
func splitWords(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isWordRune(rs[i]):
			for j < len(rs) && isWordRune(rs[j]) {
				j++
			}
		case unicode.IsSpace(rs[i]):
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Notes are the authors' notes on changes (editions/changes.yaml), by the
// edition the change was made in.
type Notes map[string]*EditionNotes

// EditionNotes are the authors' notes on the changes made in one edition.
type EditionNotes struct {
	// Corrected are the recommendations whose amendment is a correction,
	// with the note that explains it.
	Corrected map[string]Note `yaml:"corrected"`
	// Retired are the recommendations retired in this edition, with what
	// replaces them.
	Retired map[string]Retirement `yaml:"retired"`
}

// Note is an authors' note, with where it was written.
type Note struct {
	Text string
	Pos  site.Pos
}

// Retirement says what replaces a retired recommendation.
type Retirement struct {
	ReplacedBy string `yaml:"replaced_by"`
	Note       string `yaml:"note"`
	Pos        site.Pos
}

func (n *EditionNotes) corrected(id string) (string, bool) {
	if n == nil {
		return "", false
	}
	c, ok := n.Corrected[id]
	return c.Text, ok
}

func (n *EditionNotes) retired(id string) (Retirement, bool) {
	if n == nil {
		return Retirement{}, false
	}
	r, ok := n.Retired[id]
	return r, ok
}

// ParseNotes reads editions/changes.yaml:
//
//	"2.1":
//	  corrected:
//	    rec-id: Why this amendment is a correction.
//	  retired:
//	    old-rec-id:
//	      replaced_by: new-rec-id
//	      note: Why it was retired.
func ParseNotes(name string, data []byte) (Notes, site.Diagnostics) {
	var diags site.Diagnostics
	pos := func(n *yaml.Node) site.Pos { return site.Pos{File: name, Line: n.Line, Col: n.Column} }
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		diags.Add(site.Pos{File: name}, "%v", strings.TrimPrefix(err.Error(), "yaml: "))
		return nil, diags
	}
	notes := Notes{}
	if len(doc.Content) == 0 {
		return notes, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		diags.Add(pos(root), "expected a mapping from edition version to its notes")
		return nil, diags
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		version, body := root.Content[i].Value, root.Content[i+1]
		en := &EditionNotes{Corrected: map[string]Note{}, Retired: map[string]Retirement{}}
		if body.Kind != yaml.MappingNode {
			diags.Add(pos(body), "edition %q: expected corrected: and retired:", version)
			continue
		}
		for j := 0; j+1 < len(body.Content); j += 2 {
			key, val := body.Content[j], body.Content[j+1]
			switch key.Value {
			case "corrected":
				eachEntry(val, pos, &diags, func(id *yaml.Node, v *yaml.Node) {
					if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
						diags.Add(pos(v), "correction of %s: give the note that explains it", id.Value)
						return
					}
					en.Corrected[id.Value] = Note{Text: v.Value, Pos: pos(id)}
				})
			case "retired":
				eachEntry(val, pos, &diags, func(id *yaml.Node, v *yaml.Node) {
					var r Retirement
					if err := v.Decode(&r); err != nil || v.Kind != yaml.MappingNode {
						diags.Add(pos(v), "retirement of %s: expected replaced_by: and note:", id.Value)
						return
					}
					for k := 0; k+1 < len(v.Content); k += 2 {
						if f := v.Content[k].Value; f != "replaced_by" && f != "note" {
							diags.Add(pos(v.Content[k]), "unknown field %q (expected replaced_by or note)", f)
						}
					}
					r.Pos = pos(id)
					en.Retired[id.Value] = r
				})
			default:
				diags.Add(pos(key), "unknown field %q (expected corrected or retired)", key.Value)
			}
		}
		notes[version] = en
	}
	return notes, diags
}

func eachEntry(m *yaml.Node, pos func(*yaml.Node) site.Pos, diags *site.Diagnostics, f func(k, v *yaml.Node)) {
	if m.Kind != yaml.MappingNode {
		diags.Add(pos(m), "expected a mapping from recommendation id to its note")
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		f(m.Content[i], m.Content[i+1])
	}
}
