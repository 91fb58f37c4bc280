package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/site"
	"github.com/riskguide/riskguide/internal/workbook"
)

// BlankWorkbookPath is where the blank self-assessment workbook is written,
// beside the self-assessment page that links to it.
const BlankWorkbookPath = "self-assessment/self-assessment-blank.xlsx"

// workbookScript is the asset that carries the blank workbook to the page.
const workbookScript = "js/assessment-workbook.js"

type workbookResult struct {
	data []byte
	err  error
}

// startWorkbook writes the blank workbook beside the pages: on a site of
// thousands of recommendations it takes a while. Its script's version, which
// the self-assessment page links with, is a hash of what it is made from
// (the same Blank gives the same bytes), so pages need not wait for it.
func (r *renderer) startWorkbook() {
	if r.o.Only != nil && !r.o.Only(AssessmentPath) {
		// Only some pages are rendered, not the one that uses it: the
		// workbook already written stands until the next whole build.
		return
	}
	b := r.blankWorkbook()
	key, _ := json.Marshal(b)
	sum := sha256.Sum256(append(key, workbook.LayoutVersion...))
	r.versions[workbookScript] = hex.EncodeToString(sum[:5])
	r.workbook = make(chan workbookResult, 1)
	if data, ok := blanks.get(sum); ok {
		r.workbook <- workbookResult{data, nil}
		return
	}
	go func() {
		data, err := workbook.Write(b)
		if err == nil {
			blanks.put(sum, data)
		}
		r.workbook <- workbookResult{data, err}
	}()
}

// blanks keeps the blank workbooks made by this process by the hash of
// what they are made from, so that serve's rebuilds after an edit that
// changes no recommendation (most edits) reuse the last one: at 10,000
// recommendations it takes over half a second to make.
var blanks blankCache

type blankCache struct {
	mu sync.Mutex
	m  map[[32]byte][]byte
}

// blankCacheSize bounds the cache: one workbook per language of the site
// being served, and a few stale ones.
const blankCacheSize = 16

func (c *blankCache) get(key [32]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.m[key]
	return data, ok
}

func (c *blankCache) put(key [32]byte, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= blankCacheSize {
		c.m = map[[32]byte][]byte{}
	}
	c.m[key] = data
}

// writeWorkbook waits for the blank workbook and writes it, and its
// script, to out.
func (r *renderer) writeWorkbook(out publish.Output) error {
	if r.workbook == nil {
		return nil
	}
	res := <-r.workbook
	if res.err != nil {
		return res.err
	}
	if err := publish.WriteFile(out, "assets/"+workbookScript, workbook.Script(res.data)); err != nil {
		return err
	}
	return publish.WriteFile(out, BlankWorkbookPath, res.data)
}

// blankWorkbook describes the site's blank self-assessment workbook, in the
// site's language: every recommendation, the scale as a drop-down list.
func (r *renderer) blankWorkbook() workbook.Blank {
	t := r.i18n.Lookup
	b := workbook.Blank{
		Title: r.s.Config.Title, Version: r.s.Config.Version, Fingerprint: r.fingerprint, Scale: r.s.Scale.String(),
		Format: site.AssessmentFormat.Format, FormatVersion: site.AssessmentFormat.Version,
		ScaleHeadings:     [3]string{t("assessment.js.csv.status"), t("assessment.js.csv.status.value"), t("assessment.js.csv.points")},
		InstructionsTitle: t("workbook.instructions.title"),
		DetailLabels: map[string]string{
			"name": t("assessment.js.name.label"), "organisation": t("assessment.js.csv.organisation"),
			"unit": t("assessment.js.csv.unit"), "period": t("assessment.js.csv.period"),
			"completedBy": t("assessment.js.report.completedby"), "approvedBy": t("assessment.js.report.approvedby"),
			"approverRole": t("assessment.js.report.role"), "approvedOn": t("assessment.js.report.date"),
			"guidance.title": t("assessment.js.report.guidance"),
		},
	}
	for i := 1; i <= 4; i++ {
		b.InstructionLines = append(b.InstructionLines, t("workbook.instructions."+strconv.Itoa(i)))
	}
	for _, k := range workbook.Columns {
		b.Headings = append(b.Headings, t("assessment.js.csv."+k))
	}
	for _, lv := range r.s.Scale.Levels {
		points := ""
		if lv.Scored {
			points = strconv.Itoa(lv.Score)
		}
		b.Levels = append(b.Levels, workbook.Level{Name: lv.ShownLabel(t), Code: lv.ID, Points: points})
	}
	for _, res := range r.s.Results {
		for _, rec := range res.Recommendations {
			b.Rows = append(b.Rows, workbook.Row{Result: strconv.Itoa(res.Number) + " " + res.Title, Number: rec.Label, ID: rec.ID, Text: rec.Text})
		}
	}
	return b
}
