package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// pdfJob is one page printed by testdata/print-pdf.js: its address, where
// the PDF goes, and optionally the sheets chosen on a pack page, a script
// run first and an expression waited for before printing.
type pdfJob struct {
	URL     string   `json:"url"`
	PDF     string   `json:"pdf"`
	Sheets  []string `json:"sheets,omitempty"`
	Script  string   `json:"script,omitempty"`
	WaitFor string   `json:"waitFor,omitempty"`
}

// printWith prints jobs to PDF in a real browser, "firefox" (Debian's
// firefox-esr, over WebDriver BiDi) or "chrome" (Debian's chromium), with
// puppeteer-core (package.json) from node, and returns the PDFs in order.
// A missing browser, node or puppeteer-core fails the test when CI is set
// and skips it elsewhere.
func printWith(t *testing.T, engine string, jobs []pdfJob) [][]byte {
	t.Helper()
	node := browsertest.NeedTool(t, "node", "nodejs")
	var exe string
	switch engine {
	case "firefox":
		exe = browsertest.NeedTool(t, "firefox-esr", "firefox-esr")
	case "chrome":
		exe = browsertest.NeedTool(t, "chromium", "chromium")
	default:
		t.Fatalf("unknown browser %q", engine)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", "puppeteer-core", "package.json")); err != nil {
		browsertest.Missing(t, fmt.Sprintf("puppeteer-core not installed in %s/node_modules (run npm ci in %s)", root, root))
	}
	dir := t.TempDir()
	for i := range jobs {
		jobs[i].PDF = filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
	}
	req, err := json.Marshal(map[string]any{"browser": engine, "executable": exe, "jobs": jobs})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "print-pdf.js"))
	cmd.Stdin = bytes.NewReader(req)
	// Firefox keeps its profile under HOME; a fresh one per run.
	cmd.Env = append(os.Environ(), "HOME="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("printing in %s: %v\n%s", engine, err, out.String())
	}
	pdfs := make([][]byte, len(jobs))
	for i, j := range jobs {
		if pdfs[i], err = os.ReadFile(j.PDF); err != nil {
			t.Fatal(err)
		}
	}
	return pdfs
}

var (
	headingRe     = regexp.MustCompile(`(?s)<h([2-4])[^>]*>(.*?)</h[2-4]>`)
	sheetTitleRe  = regexp.MustCompile(`(?s)<h2 class="(?:checklist-role|protocol-title)"[^>]*>(.*?)</h2>`)
	headingLinkRe = regexp.MustCompile(`(?s)<a class="heading-link".*?</a>`)
	tagRe         = regexp.MustCompile(`<[^>]+>`)
	packSheetRe   = regexp.MustCompile(`data-pack-sheet="([^"]+)"`)
	blockquoteRe  = regexp.MustCompile(`(?s)<blockquote.*?</blockquote>`)
	introRe       = regexp.MustCompile(`(?s)<div class="prose (?:role-description|checklist-intro)"[^>]*>(.*?)</div>`)
)

// htmlText is the text of a fragment of HTML, as printed: tags and heading
// links (hidden in print) removed.
func htmlText(s string) string {
	return strings.TrimSpace(html.UnescapeString(tagRe.ReplaceAllString(headingLinkRe.ReplaceAllString(s, ""), "")))
}

// pageHTML reads a built page and returns its headings (h2 to h4), the
// titles of the sheets it holds and the ids of its pack's tick boxes.
func pageHTML(t *testing.T, s *builtSite, name string) (headings, titles, sheets []string) {
	t.Helper()
	b := readBuilt(t, s, name)
	for _, m := range headingRe.FindAllStringSubmatch(b, -1) {
		if h := htmlText(m[2]); h != "" {
			headings = append(headings, h)
		}
	}
	for _, m := range sheetTitleRe.FindAllStringSubmatch(b, -1) {
		titles = append(titles, htmlText(m[1]))
	}
	for _, m := range packSheetRe.FindAllStringSubmatch(b, -1) {
		sheets = append(sheets, m[1])
	}
	return headings, titles, sheets
}

// readBuilt returns the text of a file of a built site.
func readBuilt(t *testing.T, s *builtSite, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// flowText is a printed page's text without what Chromium draws in the
// page margins at its foot (the date printed, the page number), so that
// the page's own last line comes last.
func flowText(page string) string {
	lines := strings.Split(strings.TrimSpace(page), "\n")
	for len(lines) > 0 {
		l := strings.TrimSpace(lines[len(lines)-1])
		if l == "" || strings.HasPrefix(l, "Printed ") || strings.HasPrefix(l, "Page ") {
			lines = lines[:len(lines)-1]
			continue
		}
		break
	}
	return strings.Join(lines, "\n")
}

// siteDate writes t as the English site writes dates, "7 December 2026".
func siteDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
}

// TestPrintInBothEngines prints the packs of the default site, and the
// self-assessment's report, to PDF in Firefox ESR and in Chromium, and
// reads them with pdftotext. In both: every sheet names itself, the
// guidance, its version and the date printed in the site's words on its
// first page (Firefox draws no page margins, so this is in the page
// itself); no page ends with a heading; a pack of some sheets has no blank
// page, before, between or after them; and the text has no ligatures
// ("officer", "signed off" are found as typed).
func TestPrintInBothEngines(t *testing.T) {
	t.Parallel()
	s := defaultSite(t)
	h := fileHost(s)
	packs := []string{"print/checklists/index.html", "print/protocols/index.html"}
	type pack struct{ headings, titles, sheets []string }
	info := map[string]pack{}
	for _, name := range packs {
		hd, ti, sh := pageHTML(t, s, name)
		if len(ti) < 5 || len(sh) != len(ti) {
			t.Fatalf("%s: %d sheet titles and %d tick boxes, want the same, at least 5", name, len(ti), len(sh))
		}
		info[name] = pack{hd, ti, sh}
	}
	cl := info[packs[0]]
	version := "Version " + s.Site.Config.Version
	for _, engine := range []string{"firefox", "chrome"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			jobs := []pdfJob{
				{URL: h.URL(packs[0])},
				{URL: h.URL(packs[1])},
				{URL: h.URL(packs[0]), Sheets: cl.sheets[:2]},
				{URL: h.URL(packs[0]), Sheets: cl.sheets[4:5]},
				{URL: h.URL("self-assessment/index.html"),
					Script:  `(function () { var f = document.querySelector('#sa-organisation'); f.value = 'Police Service Nord'; f.dispatchEvent(new Event('input', {bubbles: true})); })()`,
					WaitFor: `document.body.classList.contains('sa-has-report')`},
			}
			pdfs := printWith(t, engine, jobs)
			for i, pdf := range pdfs {
				browsertest.KeepPDF(t, fmt.Sprintf("%s-%d.pdf", engine, i), pdf)
			}
			printed := "Printed " + siteDate(time.Now())
			for i, name := range packs {
				pages := browsertest.PDFPageTexts(t, pdfs[i])
				for _, title := range info[name].titles {
					found := false
					for _, p := range pages {
						sp := squash(p)
						if strings.Contains(sp, squash(title)) && strings.Contains(sp, squash(s.Site.Config.Title)) &&
							strings.Contains(sp, squash(version)) && strings.Contains(sp, squash(printed)) {
							found = true
							break
						}
					}
					if !found {
						t.Errorf("%s: no page names the sheet %q with %q, %q and %q", name, title, s.Site.Config.Title, version, printed)
					}
				}
				for n, p := range pages {
					end := squash(flowText(p))
					for _, hd := range info[name].headings {
						if sh := squash(hd); len(sh) > 3 && strings.HasSuffix(end, sh) {
							t.Errorf("%s: page %d of %d ends with the heading %q", name, n+1, len(pages), hd)
						}
					}
				}
				if i := strings.IndexFunc(browsertest.PDFText(t, pdfs[i]), func(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 }); i >= 0 {
					t.Errorf("%s: the PDF has a ligature character, which a text search does not match", name)
				}
			}
			// A checklist in the pack keeps its role's description and its
			// introduction, as on its own page.
			intros := introRe.FindAllStringSubmatch(readBuilt(t, s, packs[0]), -1)
			if len(intros) < len(cl.titles) {
				t.Errorf("%s: %d role descriptions and introductions for %d checklists", packs[0], len(intros), len(cl.titles))
			}
			all0 := squash(browsertest.PDFText(t, pdfs[0]))
			for _, m := range intros {
				// Its warning (a blockquote) is for the screen only.
				words := strings.Fields(htmlText(blockquoteRe.ReplaceAllString(m[1], "")))
				if len(words) > 8 {
					words = words[:8]
				}
				if w := strings.Join(words, " "); !strings.Contains(all0, squash(w)) {
					t.Errorf("%s: %q is not printed", packs[0], w)
				}
			}
			if text := browsertest.PDFText(t, pdfs[0]); !strings.Contains(text, "Investigating officer") {
				t.Errorf("%s: pdftotext does not find %q", packs[0], "Investigating officer")
			}
			for _, c := range []struct {
				job    int
				what   string
				titles []string
			}{{2, "the first two checklists", cl.titles[:2]}, {3, "the fifth checklist alone", cl.titles[4:5]}} {
				pages := browsertest.PDFPageTexts(t, pdfs[c.job])
				for n, p := range pages {
					if len(strings.Fields(p)) < 20 {
						t.Errorf("%s: page %d of %d is blank or nearly (%d words):\n%s", c.what, n+1, len(pages), len(strings.Fields(p)), p)
					}
				}
				if !strings.Contains(squash(pages[0]), squash(c.titles[0])) {
					t.Errorf("%s: the first page is not %q's", c.what, c.titles[0])
				}
				all := squash(strings.Join(pages, ""))
				for _, other := range cl.titles {
					if strings.Contains(all, squash(other)) != containsString(c.titles, other) {
						t.Errorf("%s: the sheet %q is printed: %v", c.what, other, containsString(c.titles, other))
					}
				}
			}
			if text := browsertest.PDFText(t, pdfs[4]); !strings.Contains(text, "not signed off") || !strings.Contains(text, "Police Service Nord") {
				t.Errorf("the self-assessment's report: pdftotext does not find %q and the organisation:\n%.600s", "not signed off", text)
			}
		})
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
