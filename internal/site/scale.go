package site

import (
	"strconv"
	"strings"
)

// Scale is the scale a self-assessment answers on: content/assessment.yaml,
// or the built-in scale when the site has none.
type Scale struct {
	Pos Pos
	// Levels are the steps in the order the form offers them, "not
	// applicable" last when it is offered.
	Levels []Level
	// Declared is true when the site declares its scale; the built-in
	// scale's labels are interface strings.
	Declared bool
}

// Level is one step of a scale.
type Level struct {
	Pos Pos
	// ID is what exports and the browser store; it never changes for a
	// scale in use.
	ID          string
	Label       string // "" for the interface string assessment.status.<id>
	Description string
	// Score is the level's points; Scored is false for "not applicable",
	// which counts for nothing and is left out of averages.
	Score  int
	Scored bool
	// Colour is the colour family of its badge (see Colours); the label is
	// always shown with it.
	Colour string
	// Done is true for a level that counts as in place: the action plan
	// lists every answer that is not.
	Done bool
}

// NotApplicable is the id of the "not applicable" level.
const NotApplicable = "not-applicable"

// Colours are the colour families a level's badge may have: those of the
// built-in scale's levels, in its order.
var Colours = []string{"red", "orange", "yellow", "green", "dark-green", "grey"}

// ColourOf is the built-in level whose badge has a colour family: a
// declared level is drawn as that level is.
var ColourOf = map[string]string{
	"red": "not-started", "orange": "planned", "yellow": "partly",
	"green": "in-place", "dark-green": "evaluated", "grey": NotApplicable,
}

// DefaultScale is the built-in scale: not started (0) to in place and
// evaluated (4), and not applicable.
func DefaultScale() Scale {
	return Scale{Levels: []Level{
		{ID: "not-started", Score: 0, Scored: true, Colour: "red"},
		{ID: "planned", Score: 1, Scored: true, Colour: "orange"},
		{ID: "partly", Score: 2, Scored: true, Colour: "yellow"},
		{ID: "in-place", Score: 3, Scored: true, Colour: "green", Done: true},
		{ID: "evaluated", Score: 4, Scored: true, Colour: "dark-green", Done: true},
		{ID: NotApplicable, Colour: "grey"},
	}}
}

// LabelKey is the interface string that names a level without a label of
// its own: the built-in scale's levels, in every language.
func LabelKey(id string) string { return "assessment.status." + id }

// ShownLabel is the level's label, or the interface string LabelKey that
// lookup gives when the level has none.
func (l Level) ShownLabel(lookup func(key string) string) string {
	if l.Label != "" {
		return l.Label
	}
	return lookup(LabelKey(l.ID))
}

// Level returns the level with id, or nil.
func (s Scale) Level(id string) *Level {
	for i := range s.Levels {
		if s.Levels[i].ID == id {
			return &s.Levels[i]
		}
	}
	return nil
}

// Max is the highest score of the scale.
func (s Scale) Max() int {
	m := 0
	for _, l := range s.Levels {
		if l.Scored && l.Score > m {
			m = l.Score
		}
	}
	return m
}

// Min is the lowest score of the scale.
func (s Scale) Min() int {
	m, first := 0, true
	for _, l := range s.Levels {
		if l.Scored && (first || l.Score < m) {
			m, first = l.Score, false
		}
	}
	return m
}

// String is the scale as exports record it: each level's id with its
// score, "not-started=0 planned=1 … not-applicable". Two scales with the
// same string score every answer the same; an export whose scale differs
// from the site's is not scored against it.
func (s Scale) String() string {
	var b strings.Builder
	for i, l := range s.Levels {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.ID)
		if l.Scored {
			b.WriteByte('=')
			b.WriteString(strconv.Itoa(l.Score))
		}
	}
	return b.String()
}
