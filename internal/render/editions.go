package render

import (
	"html/template"
	"strings"

	"github.com/riskguide/riskguide/internal/edition"
)

// The pages of a site's editions (see package edition): "What changed",
// one page per recorded edition with its quoted texts as published, and
// each recommendation's own history.

// ChangesPath is the "What changed" page.
const ChangesPath = "changes/index.html"

// EditionPath is the permanent address of a recorded edition's texts.
func EditionPath(version string) string { return "editions/" + version + "/index.html" }

// ChangeAnchor is the element id of one change on the "What changed" page:
// the edition it was made in and the recommendation.
func ChangeAnchor(version, id string) string { return "change-" + version + "-" + id }

// editionJobs are the pages of the editions: none for a site with no
// record, which has no history to tell.
// changesJobs is the "What changed" page, when an edition is recorded.
func (r *renderer) changesJobs() []job {
	if set := r.o.Editions; set == nil || len(set.Records) == 0 {
		return nil
	}
	return []job{{path: ChangesPath, kind: "changes", make: func(b *Base) (any, error) { return r.changesPage(b) }}}
}

// editionJobs are the pages of the recorded editions.
func (r *renderer) editionJobs() []job {
	if r.o.Editions == nil {
		return nil
	}
	var jobs []job
	for _, rec := range r.o.Editions.Records {
		jobs = append(jobs, job{path: EditionPath(rec.Version), kind: "edition", make: func(b *Base) (any, error) { return r.editionPage(b, rec) }})
	}
	return jobs
}

// retiredJobs keep the address of each retired recommendation: links and
// bookmarks to it lead to what became of it.
func (r *renderer) retiredJobs() []job {
	if r.o.Editions == nil {
		return nil
	}
	var jobs []job
	for _, st := range r.o.Editions.Steps {
		for _, c := range st.Changes {
			if c.Kind == edition.Retired && r.s.Recommendation(c.ID) == nil {
				jobs = append(jobs, job{path: recPath(c.ID), kind: "retired", make: func(b *Base) (any, error) { return r.retiredPage(b, st, c) }})
			}
		}
	}
	return jobs
}

// RetiredPage stands at the address of a recommendation retired in an
// edition: its text as it was, and what replaces it.
type RetiredPage struct {
	*Base
	Version    string
	Change     ChangeView
	ChangeURL  string
	EditionURL string
	TextLang   string
}

func (r *renderer) retiredPage(b *Base, st edition.Step, c edition.Change) (any, error) {
	cv, err := r.changeView(b, st, c)
	if err != nil {
		return nil, err
	}
	b.Title = cv.Label
	p := &RetiredPage{Base: b, Version: st.To.Version, Change: cv, ChangeURL: b.Rel(ChangesPath + "#" + cv.Anchor), TextLang: b.SourceLangIfTranslated()}
	if r.o.Editions.Recorded(st.From.Version) {
		p.EditionURL = b.Rel(EditionPath(st.From.Version) + "#" + RecAnchor(c.ID))
	}
	return p, nil
}

// ChangesPage is the "What changed" page.
type ChangesPage struct {
	*Base
	// Steps are the editions, newest first, each with what changed since
	// the one before.
	Steps []StepView
	// Editions link to each recorded edition's texts, oldest first.
	Editions []Link
	// TextLang is the source language's tag on a page of another
	// language: the quoted texts of editions are the source language's.
	TextLang string
	// First is the first recorded edition, said when no edition has
	// followed it yet.
	First string
}

// StepView is one edition's changes, ready to print.
type StepView struct {
	Version, Date string
	Heading       string // "Edition 2.1, published 1 March 2027"
	Since         string // "Changes since edition 2.0"
	EditionURL    string // its recorded texts, if recorded
	Groups        []ChangeGroup
	// Count is the number of recommendations changed.
	Count int
}

// ChangeGroup is the changes of one kind.
type ChangeGroup struct {
	Kind    edition.Kind
	Heading string
	Changes []ChangeView
}

// ChangeView is one recommendation's change, ready to print.
type ChangeView struct {
	Anchor string
	Label  string // "Recommendation 2.3", as it is now (as it was, if retired)
	URL    string // its page; "" if retired
	Text   string // as it is now; as it was, if retired
	// Diff marks the words deleted and inserted, for an amendment;
	// OldText is the text as it was.
	Diff    []edition.Segment
	OldText string
	// Moved says where it was: "Was recommendation 1.2, under expected result 1."
	Moved string
	Note  string
	// Replacement is what replaces a retired recommendation.
	Replacement *Link
}

// editionIndex is what the pages of a build need of its editions,
// computed once: each recommendation's history.
type editionIndex struct {
	history map[string][]historyEntry
}

type historyEntry struct {
	version string
	kind    edition.Kind
	moved   bool
	anchor  string
}

func newEditionIndex(set *edition.Set) *editionIndex {
	x := &editionIndex{history: map[string][]historyEntry{}}
	if set == nil {
		return x
	}
	for _, st := range set.Steps {
		for _, c := range st.Changes {
			x.history[c.ID] = append(x.history[c.ID], historyEntry{version: st.To.Version, kind: c.Kind, moved: c.Moved, anchor: ChangeAnchor(st.To.Version, c.ID)})
		}
	}
	return x
}

func (r *renderer) changesPage(b *Base) (any, error) {
	set := r.o.Editions
	t, err := b.T("changes.title")
	if err != nil {
		return nil, err
	}
	b.Title = t
	p := &ChangesPage{Base: b, TextLang: b.SourceLangIfTranslated()}
	for _, rec := range set.Records {
		p.Editions = append(p.Editions, Link{URL: b.Rel(EditionPath(rec.Version)), Text: rec.Version})
	}
	for i := len(set.Steps) - 1; i >= 0; i-- {
		st := set.Steps[i]
		v, err := r.stepView(b, st)
		if err != nil {
			return nil, err
		}
		p.Steps = append(p.Steps, v)
	}
	if len(p.Steps) == 0 {
		p.First = set.Records[0].Version
	}
	return p, nil
}

func (r *renderer) stepView(b *Base, st edition.Step) (StepView, error) {
	v := StepView{Version: st.To.Version, Date: st.To.Date, Count: len(st.Changes)}
	var err error
	if st.To.Date != "" {
		v.Heading, err = b.T("changes.edition.dated", st.To.Version, b.Date(st.To.Date))
	} else {
		v.Heading, err = b.T("changes.edition", st.To.Version)
	}
	if err != nil {
		return v, err
	}
	if v.Since, err = b.T("changes.since", st.From.Version); err != nil {
		return v, err
	}
	if r.o.Editions.Recorded(st.To.Version) {
		v.EditionURL = b.Rel(EditionPath(st.To.Version))
	}
	for _, kind := range edition.Kinds {
		g := ChangeGroup{Kind: kind}
		for _, c := range st.Changes {
			if c.Kind != kind {
				continue
			}
			cv, err := r.changeView(b, st, c)
			if err != nil {
				return v, err
			}
			g.Changes = append(g.Changes, cv)
		}
		if len(g.Changes) == 0 {
			continue
		}
		if g.Heading, err = b.T("changes.kind." + string(kind)); err != nil {
			return v, err
		}
		v.Groups = append(v.Groups, g)
	}
	return v, nil
}

func (r *renderer) changeView(b *Base, st edition.Step, c edition.Change) (ChangeView, error) {
	cv := ChangeView{Anchor: ChangeAnchor(st.To.Version, c.ID), Text: c.Text, Diff: c.Diff, OldText: c.OldText, Note: c.Note}
	label, err := b.T("rec.label", c.Label)
	if err != nil {
		return cv, err
	}
	cv.Label = label
	if c.Kind == edition.Retired {
		if cv.Label, err = b.T("rec.label", c.OldLabel); err != nil {
			return cv, err
		}
		cv.Text = c.OldText
		if c.ReplacedBy != "" {
			if now, _ := r.o.Editions.Current.Rec(c.ReplacedBy); now != nil && r.s.Target("rec", c.ReplacedBy) != "" {
				text, err := b.T("rec.label", now.Label)
				if err != nil {
					return cv, err
				}
				cv.Replacement = &Link{URL: b.Rel(recPath(c.ReplacedBy)), Text: text, Title: now.Text}
			}
		}
		return cv, nil
	}
	if r.s.Target("rec", c.ID) != "" {
		cv.URL = b.Rel(recPath(c.ID))
	}
	if c.Moved {
		_, oldRes := st.From.Rec(c.ID)
		if cv.Moved, err = b.T("changes.was", c.OldLabel, oldRes.Number); err != nil {
			return cv, err
		}
	}
	return cv, nil
}

// EditionPage is a recorded edition's quoted texts as it published them.
type EditionPage struct {
	*Base
	Edition *edition.Record
	// Current says this edition is the one the site now shows.
	Current    bool
	ChangesURL string
	TextLang   string
}

func (r *renderer) editionPage(b *Base, rec *edition.Record) (any, error) {
	var err error
	if rec.Date != "" {
		b.Title, err = b.T("changes.edition.dated", rec.Version, b.Date(rec.Date))
	} else {
		b.Title, err = b.T("changes.edition", rec.Version)
	}
	if err != nil {
		return nil, err
	}
	return &EditionPage{Base: b, Edition: rec, Current: rec.Version == r.o.Editions.Current.Version,
		ChangesURL: b.Rel(ChangesPath), TextLang: b.SourceLangIfTranslated()}, nil
}

// DiffHTML prints a word-level difference: deleted words in <del>,
// inserted in <ins>, each announced in words for those who do not see
// the marking (and for print in black and white).
func (b *Base) DiffHTML(diff []edition.Segment) (template.HTML, error) {
	del, err := b.T("changes.deleted")
	if err != nil {
		return "", err
	}
	ins, err := b.T("changes.inserted")
	if err != nil {
		return "", err
	}
	// The quoted text is in the source language on a translated page;
	// the words naming the marks are in the page's.
	label := `<span class="visually-hidden">`
	if b.SourceLangIfTranslated() != "" {
		label = `<span class="visually-hidden" lang="` + template.HTMLEscapeString(b.Site.Config.Language) + `">`
	}
	var s strings.Builder
	for i, seg := range diff {
		text := template.HTMLEscapeString(seg.Text)
		if seg.Op == 0 {
			s.WriteString(text)
			continue
		}
		// Spaces at the edges of a change stay outside its mark, so
		// that the mark's edges fall on words.
		word := strings.TrimSpace(text)
		head := text[:strings.Index(text, word)]
		tail := text[len(head)+len(word):]
		tag, name := "ins", ins
		if seg.Op < 0 {
			tag, name = "del", del
		}
		s.WriteString(head + "<" + tag + ">" + label + "[" + template.HTMLEscapeString(name) + " </span>" + word + `<span class="visually-hidden">]</span></` + tag + ">" + tail)
		// A deletion followed by its replacement: a space between them,
		// so that they do not read as one word.
		if seg.Op < 0 && i+1 < len(diff) && diff[i+1].Op > 0 && tail == "" && !strings.HasPrefix(diff[i+1].Text, " ") {
			s.WriteString(" ")
		}
	}
	return template.HTML(s.String()), nil
}

// HistoryLine is one line of a recommendation's history, ready to print.
type HistoryLine struct {
	Text string // "Amended in edition 2.1"
	URL  string // its entry on the "What changed" page
}

// RecHistory is what happened to recommendation id in each edition since
// the first recorded, oldest first; nil when nothing did.
func (b *Base) RecHistory(id string) ([]HistoryLine, error) {
	var out []HistoryLine
	for _, h := range b.r.editions.history[id] {
		key := "history." + string(h.kind)
		if h.moved && h.kind != edition.Moved {
			key += ".moved"
		}
		t, err := b.T(key, h.version)
		if err != nil {
			return nil, err
		}
		out = append(out, HistoryLine{Text: t, URL: b.Rel(ChangesPath + "#" + h.anchor)})
	}
	return out, nil
}

// ChangesURL is the link to the "What changed" page, or "" on a site with
// no recorded edition.
func (b *Base) ChangesURL() string {
	if s := b.r.o.Editions; s == nil || len(s.Records) == 0 {
		return ""
	}
	return b.Rel(ChangesPath)
}

// UpdateHistory is the print edition's update history: each edition,
// newest first, with what changed in it.
func (b *Base) UpdateHistory() ([]StepView, error) {
	set := b.r.o.Editions
	if set == nil {
		return nil, nil
	}
	var out []StepView
	for i := len(set.Steps) - 1; i >= 0; i-- {
		v, err := b.r.stepView(b, set.Steps[i])
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ChangesURL is the link to the "What changed" page, for the footer.
func (c *Chrome) ChangesURL() string { return c.b.ChangesURL() }
