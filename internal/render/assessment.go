package render

import (
	"encoding/json"
	"path"
	"slices"
	"strings"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/i18n"
	"github.com/riskguide/riskguide/internal/site"
)

// AssessmentPath is where the self-assessment form is written.
const AssessmentPath = "self-assessment/index.html"

// AssessmentPage is self-assessment/index.html: a form over every
// recommendation that scripts keep, summarise, export and import, and that
// prints blank without them. From PartForm recommendations it is an
// overview, and each expected result's recommendations have a page of
// their own (Part).
type AssessmentPage struct {
	*Base
	Results []*site.ExpectedResult
	// Part is the expected result whose recommendations this page holds
	// when the form is in parts; nil for the overview and a whole form.
	Part *site.ExpectedResult
	// Split is set when the form is in parts (PartForm).
	Split bool
	// long: see Long.
	long        bool
	Fingerprint string
	Statuses    []StatusOption
	// PlanTemplate links to the "action-plan" protocol template, when the
	// site has one, from the action plan.
	PlanTemplate string
	// Coverage is the summary by legal instrument and article.
	Coverage []site.Instrument
	// Messages are the strings the page's scripts show, handed to them in
	// the page because scripts cannot read the interface strings.
	Messages []Message
	// editions are the site's (answers branch: see EditionVersions).
	editions *edition.Set
}

// Limits are the export format's limits (site.AssessmentFormat), which the
// form's fields carry as maxlength so that nothing typed is longer than
// the page, an import and riskguide report accept.
func (p *AssessmentPage) Limits() site.ExportLimits { return site.AssessmentFormat.Limits }

// StatusOption is one step of the scale as shown.
type StatusOption struct {
	Value       string
	Label       string
	Description string
	Score       int
	Scored      bool
	Colour      string
}

// Badge is the class of the level's badge: the built-in level's of the
// same colour family, whose colours site.css has.
func (o StatusOption) Badge() string { return "sa-st-" + site.ColourOf[o.Colour] }

// Message is an interface string for the page's scripts.
type Message struct {
	Key  string
	Text string
}

// assessmentScriptKeys are the interface strings the self-assessment
// scripts use, without the "assessment.js." prefix they have in the files.
var assessmentScriptKeys = []string{
	"default.name", "copy.name", "imported.name",
	"new.title", "rename.title", "name.label", "ok", "cancel",
	"delete.title", "delete.text", "delete.ok",
	"deleted", "renamed", "created", "duplicated", "exported", "imported", "import.cancelled",
	"export.failed",
	"import.title", "import.file", "import.organisation", "import.guidance", "import.updated",
	"import.other.guidance", "import.retired",
	"import.new", "import.replace.intro", "import.changed", "import.added", "import.removed", "import.unchanged",
	"import.replace", "import.asnew", "import.nothing",
	"import.error", "import.error.size", "import.error.json", "import.error.empty", "import.error.read",
	"err.string", "err.object", "err.integer", "err.missing", "err.unknown", "err.format", "err.version", "err.long", "err.id",
	"err.status", "err.date", "err.time", "err.many", "err.name",
	"summary.caption", "summary.result", "summary.overall", "summary.score",
	"summary.score.none", "summary.chart", "summary.chart.desc", "summary.unanswered",
	"compare.caption", "compare.rec", "compare.change", "compare.up", "compare.down", "compare.same",
	"compare.new", "compare.gone", "compare.changed", "compare.none", "compare.counts", "compare.same.assessment",
	"retired.status", "retired.evidence", "retired.gaps", "retired.owner", "retired.target", "retired.updated",
	"printed", "last.changed", "unreadable",
	"csv.organisation", "csv.unit", "csv.period", "csv.result", "csv.rec", "csv.id", "csv.text",
	"csv.status", "csv.status.value", "csv.points", "csv.evidence", "csv.gaps", "csv.owner",
	"csv.target", "csv.updated", "csv.note", "csv.retired",
	"report.title", "report.assessment", "report.completedby", "report.guidance", "report.state",
	"report.state.final", "report.state.draft", "report.signoff", "report.approvedby", "report.role",
	"report.date", "report.summary", "report.recs", "report.retired", "report.page",
	"err.bool", "final.title", "final.text", "final.ok", "final.need", "final.done", "final.note",
	"next.name", "next.done",
	"plan.counts", "plan.caption", "plan.rec", "plan.overdue",
	"err.csv.quote", "err.csv.columns", "err.csv.cells", "err.csv.long", "err.csv.id", "err.csv.dup",
	"err.csv.status", "err.csv.date",
	"coverage.none",
	"err.scale", "import.error.scale",
	"plan.unanswered",
	"entry.error", "entry.date", "entry.year", "unreadable.id", "unreadable.download", "unreadable.repair",
	"repair.title", "repair.keeps", "repair.drops", "repair.download.first", "repair.ok", "repair.impossible", "repaired",
	"save.invalid", "save.unreadable", "save.final", "save.newer", "next.title",
	"import.final.intro", "import.asnew.draft", "import.asnew.final", "import.new.final",
	"compare.results.caption", "compare.points", "compare.csv.status", "compare.csv.score",
	// Spreadsheets' files: CSV dialects and workbooks (assessment-csv.js, assessment-xlsx.js).
	"sheet.read", "sheet.dates", "sheet.sep.comma", "sheet.sep.semicolon", "sheet.sep.tab", "sheet.read.xlsx",
	"err.sheet.save", "err.sheet.encoding", "err.sheet.date", "err.sheet.ambiguous", "err.sheet.monthfirst",
	"err.sheet.long", "err.sheet.id", "err.sheet.dup", "err.sheet.status", "err.xlsx.read", "err.xlsx.sheet",
	// Editions (assessment-editions.js).
	"err.hash", "edition.changed", "edition.changed.since", "edition.nodiff", "edition.reviewed", "edition.reviewed.done",
	"edition.review.count", "edition.report.answers", "edition.report.unreviewed", "edition.report.none", "edition.report.item",
}

// PartForm is the number of recommendations from which the
// self-assessment is in parts: an overview (the summary, coverage, action
// plan, report and the assessments kept) at AssessmentPath, and the
// fields of each expected result's recommendations on a page of their own
// (assessmentPath). Every page shares the answers, kept in the browser;
// the scripts know the whole guidance from guidanceScript. One page of
// 2,000 recommendations is 10 MB, which a browser needs about two seconds
// to read and lay out however little of it is shown (docs/benchmarks.md,
// "Self-assessment in the browser"); a part is ready as soon as a short
// form. Below PartForm a single page is ready within a second.
const PartForm = 500

// assessmentPath is the page that holds the fields of res's
// recommendations.
func (r *renderer) assessmentPath(res *site.ExpectedResult) string {
	if !r.split {
		return AssessmentPath
	}
	return partPath(res)
}

// partPath is the page of res's part of a form in parts.
func partPath(res *site.ExpectedResult) string { return "self-assessment/" + res.ID + "/index.html" }

// assessmentJobs are the self-assessment's pages: one, or the overview and
// a part per expected result.
func (r *renderer) assessmentJobs() []job {
	jobs := []job{{path: AssessmentPath, kind: "self-assessment", make: func(b *Base) (any, error) { return r.assessmentPage(b, nil), nil }}}
	if r.split {
		for _, res := range r.s.Results {
			jobs = append(jobs, job{path: r.assessmentPath(res), kind: "self-assessment", make: func(b *Base) (any, error) { return r.assessmentPage(b, res), nil }})
		}
	}
	return jobs
}

// guidanceScript is the asset that tells the scripts of a form in parts
// what the whole guidance is, since each page holds only a part of it.
const guidanceScript = "js/assessment-guidance.js"

// guidanceData is guidanceScript's content: the expected results and
// their recommendations, as the fields of a whole form would describe them
// (assessment.js, "The guidance"), with the hashes the fields' data-text-hash
// and <template data-edition>s carry (AssessmentPage.TextHash, Earlier).
func (r *renderer) guidanceData() ([]byte, error) {
	type rec struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		Text  string `json:"text"`
		Hash  string `json:"hash"`
		// Earlier are the hashes of its earlier texts, by edition
		// (Earlier), for assessment-editions.js.
		Earlier map[string]string `json:"earlier,omitempty"`
	}
	type result struct {
		ID     string `json:"id"`
		Number int    `json:"number"`
		Title  string `json:"title"`
		Recs   []rec  `json:"recs"`
	}
	var results []result
	for _, res := range r.s.Results {
		out := result{ID: res.ID, Number: res.Number, Title: res.Title}
		for _, rc := range res.Recommendations {
			entry := rec{ID: rc.ID, Label: rc.Label, Text: rc.Text, Hash: textHash(r.o.Editions, rc)}
			for _, e := range earlier(r.o.Editions, rc.ID) {
				if entry.Earlier == nil {
					entry.Earlier = map[string]string{}
				}
				entry.Earlier[e.Version] = e.Hash
			}
			out.Recs = append(out.Recs, entry)
		}
		results = append(results, out)
	}
	data, err := json.Marshal(results)
	if err != nil {
		return nil, err
	}
	return slices.Concat([]byte("(window.riskguide = window.riskguide || {}).assessmentGuidance = "), data, []byte(";\n")), nil
}

func (r *renderer) assessmentPage(b *Base, part *site.ExpectedResult) any {
	t, _ := b.T("assessment.title")
	b.Title = t
	p := &AssessmentPage{Base: b, Results: r.s.Results, Part: part, Split: r.split, long: r.long, Fingerprint: r.fingerprint, editions: r.o.Editions}
	if part != nil {
		b.Title = part.Title + " – " + t
	} else {
		p.Coverage = r.s.Instruments()
	}
	for _, pr := range r.s.Protocols {
		if pr.ID == "action-plan" {
			p.PlanTemplate, _ = b.URL("protocol", pr.ID)
		}
	}
	for _, lv := range r.s.Scale.Levels {
		label := lv.ShownLabel(r.i18n.Lookup)
		desc := lv.Description
		if desc == "" && lv.ID == site.NotApplicable {
			desc = r.i18n.Lookup("assessment.scale.notapplicable")
		}
		p.Statuses = append(p.Statuses, StatusOption{Value: lv.ID, Label: label, Description: desc, Score: lv.Score, Scored: lv.Scored, Colour: lv.Colour})
	}
	for _, k := range assessmentScriptKeys {
		p.Messages = append(p.Messages, Message{Key: k, Text: r.i18n.Lookup("assessment.js." + k)})
		// A count's forms go with it, for the scripts to choose by the
		// page's language (assessment-io.js, countKey).
		forms := r.i18n.Forms("assessment.js." + k)
		for _, suffix := range i18n.PluralForms {
			if s, ok := forms[suffix]; ok {
				p.Messages = append(p.Messages, Message{Key: k + suffix, Text: s})
			}
		}
	}
	return p
}

// Missing reports the interface strings the self-assessment scripts need
// that the strings lack, so that the build fails instead of a script showing
// a raw key.
func (p *AssessmentPage) Missing() (string, error) {
	for _, k := range assessmentScriptKeys {
		if _, err := p.T("assessment.js." + k); err != nil {
			return "", err
		}
	}
	return "", nil
}

// LongForm is the number of recommendations from which the form is long.
// The browser then lays out only what is near the screen (the sa-long
// class, site.css), and each recommendation's fields and indicators are
// written inside a <noscript class="sa-later">: a browser running scripts
// does not parse that text, so the page is ready once the headings are,
// and assessment.js makes each recommendation's fields as the reader
// reaches it (and the rest while the browser is idle). A reader without
// scripts, and paper, get the whole blank form. A shorter form is parsed
// and laid out at once anyway (docs/benchmarks.md, "Self-assessment in the
// browser").
const LongForm = 100

// Long reports whether the form is long (LongForm).
func (p *AssessmentPage) Long() bool { return p.long }

// Later reports whether this page holds LongForm recommendations' fields
// or more, written inside <noscript>s (see LongForm).
func (p *AssessmentPage) Later() bool {
	if p.Split {
		return p.Part != nil && len(p.Part.Recommendations) >= LongForm
	}
	return p.Long()
}

// Shown are the expected results whose sections the form shows: every
// one, or on a part of a form in parts only its own (the list of expected
// results links to the others).
func (p *AssessmentPage) Shown() []*site.ExpectedResult {
	if p.Part != nil {
		return []*site.ExpectedResult{p.Part}
	}
	return p.Results
}

// Jump are the expected results in the list above the fields: every one
// on a whole form; on a part, the guideWindow around it (with a link to
// the overview, which lists them all); none on the overview, whose own
// sections are that list.
func (p *AssessmentPage) Jump() []*site.ExpectedResult {
	switch {
	case !p.Split:
		return p.Results
	case p.Part == nil:
		return nil
	}
	from, to := around(len(p.Results), p.Part.Number-1, guideWindow)
	return p.Results[from:to]
}

// JumpCut reports whether Jump leaves expected results out.
func (p *AssessmentPage) JumpCut() bool { return len(p.Jump()) < len(p.Results) && p.Part != nil }

// IsPart reports whether res is the expected result of this part.
func (p *AssessmentPage) IsPart(res *site.ExpectedResult) bool { return p.Part == res && res != nil }

// PartLink is the link to any part, with %s for its expected result's id,
// for the scripts' links to answers on other parts.
func (p *AssessmentPage) PartLink() string { return p.formLink("%s/index.html") }

// Holds reports whether this page holds the fields of res's
// recommendations.
func (p *AssessmentPage) Holds(res *site.ExpectedResult) bool { return !p.Split || p.Part == res }

// ResultLink is the link to res in the form: its heading on this page, or
// the page of its part.
func (p *AssessmentPage) ResultLink(res *site.ExpectedResult) string {
	if p.Holds(res) {
		return "#sa-result-" + res.ID
	}
	return p.formLink(strings.TrimPrefix(partPath(res), "self-assessment/"))
}

// RecLink is the link to recommendation rec's fields.
func (p *AssessmentPage) RecLink(rec *site.Recommendation) string {
	if p.Holds(rec.Result) {
		return "#" + AssessmentAnchor(rec.ID)
	}
	return p.ResultLink(rec.Result) + "#" + AssessmentAnchor(rec.ID)
}

// BlankWorkbook is the link to the blank workbook.
func (p *AssessmentPage) BlankWorkbook() string { return p.formLink(path.Base(BlankWorkbookPath)) }

// Overview is the link to the overview from a part.
func (p *AssessmentPage) Overview() string { return p.formLink("index.html") }

// formLink is the link from this page to name, a path under the form's
// folder (self-assessment/). Rel's links go up to the site's root and
// down again; these stay in the folder, and the coverage tables of an
// overview hold thousands of them.
func (p *AssessmentPage) formLink(name string) string {
	if p.Part != nil {
		name = "../" + name
	}
	if p.Site.Config.PrettyURLs {
		name = strings.TrimSuffix(name, "index.html")
		if name == "" {
			name = "./"
		}
	}
	return name
}

// DoneLevels are the ids of the levels that count as in place, for the
// scripts' action plan.
func (p *AssessmentPage) DoneLevels() string {
	var ids []string
	for _, lv := range p.Site.Scale.Levels {
		if lv.Done {
			ids = append(ids, lv.ID)
		}
	}
	return strings.Join(ids, " ")
}

// LevelColours gives each level's colour family, "id=colour ...", for the
// scripts' badges.
func (p *AssessmentPage) LevelColours() string {
	var b strings.Builder
	for i, lv := range p.Site.Scale.Levels {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lv.ID + "=" + lv.Colour)
	}
	return b.String()
}

// StatusLabels maps each level's id to its label, as JSON, for the
// scripts' badges, summary and report: a long form's radios, which carry
// the same labels, are made only as the reader reaches them.
func (p *AssessmentPage) StatusLabels() (string, error) {
	labels := make(map[string]string, len(p.Statuses))
	for _, o := range p.Statuses {
		labels[o.Value] = o.Label
	}
	b, err := json.Marshal(labels)
	return string(b), err
}

// PlanIntro says which answers the action plan lists: the built-in
// sentence for the built-in scale, else one naming the declared levels
// that score but are not done.
func (p *AssessmentPage) PlanIntro() (string, error) {
	if !p.Site.Scale.Declared {
		return p.T("assessment.plan.intro")
	}
	var open []string
	for _, lv := range p.Site.Scale.Levels {
		if lv.Scored && !lv.Done {
			open = append(open, lv.Label)
		}
	}
	list := ""
	switch n := len(open); n {
	case 0:
	case 1:
		list = open[0]
	default:
		var err error
		if list, err = p.T("assessment.plan.or", strings.Join(open[:n-1], ", "), open[n-1]); err != nil {
			return "", err
		}
	}
	return p.T("assessment.plan.intro.scale", list)
}

// SummaryIntro says how answers are scored: the built-in sentence for the
// built-in scale, else one listing the declared levels' scores.
func (p *AssessmentPage) SummaryIntro() (string, error) {
	if !p.Site.Scale.Declared {
		return p.T("assessment.summary.intro")
	}
	var parts []string
	for _, o := range p.Statuses {
		if o.Scored {
			s, err := p.T("assessment.summary.level", o.Score, o.Label)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
	}
	return p.T("assessment.summary.intro.scale", strings.Join(parts, ", "))
}

// ---- answers branch: editions on the self-assessment page ----
//
// The page tells assessment-editions.js what it needs to know of the
// site's editions, so that the script compares hashes and never diffs:
// the form's data-editions are the recorded versions, oldest first (an
// answer of a file that names no known edition was given under the first
// of them); each recommendation's data-text-hash is the hash of its quoted
// text as it stands (edition.TextHash, of the source language), and each
// recorded edition whose text differed is a <template data-edition
// data-hash> holding the word difference from that text to this one.

// EditionVersions are the recorded editions' versions, oldest first,
// separated by spaces.
func (p *AssessmentPage) EditionVersions() string {
	if p.editions == nil {
		return ""
	}
	vs := make([]string, 0, len(p.editions.Records))
	for _, r := range p.editions.Records {
		vs = append(vs, r.Version)
	}
	return strings.Join(vs, " ")
}

// TextHash is the hash of recommendation id's quoted text as it stands.
func (p *AssessmentPage) TextHash(rec *site.Recommendation) string { return textHash(p.editions, rec) }

// Earlier are the recorded editions in which recommendation id's quoted
// text differed from its text now, oldest first.
func (p *AssessmentPage) Earlier(id string) []edition.Earlier { return earlier(p.editions, id) }

// textHash and earlier are TextHash and Earlier of the editions set, which
// may be nil; the guidance script carries the same hashes as the fields.
func textHash(set *edition.Set, rec *site.Recommendation) string {
	if set != nil {
		if now, _ := set.Current.Rec(rec.ID); now != nil {
			return edition.TextHash(now.Text)
		}
	}
	return edition.TextHash(rec.Text)
}

func earlier(set *edition.Set, id string) []edition.Earlier {
	if set == nil {
		return nil
	}
	return set.Earlier(id)
}

// RecEditions is what layouts/partials/editions.html shows of one
// recommendation's earlier texts.
type RecEditions struct {
	Page    *AssessmentPage
	Rec     *site.Recommendation
	Earlier []edition.Earlier
}

// EditionsOf is RecEditions for rec.
func (p *AssessmentPage) EditionsOf(rec *site.Recommendation) RecEditions {
	return RecEditions{Page: p, Rec: rec, Earlier: p.Earlier(rec.ID)}
}
