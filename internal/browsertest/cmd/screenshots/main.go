// Command screenshots builds the default site and photographs four pages of
// it (the home page, a recommendation, a checklist and a protocol) at
// desktop and at mobile width, for the README; and, from a filled-in
// self-assessment, its action plan (action-plan.png) and the first page of
// its printed report (report-page-1.png, printed to PDF on A4 and drawn
// with poppler's pdftoppm):
//
//	go run ./internal/browsertest/cmd/screenshots [-out docs/screenshots]
//
// It writes home.png, home-mobile.png, recommendation.png and so on. Desktop
// shots are 1280 px wide, mobile ones 390 px; long pages are cut at
// -max-height CSS pixels. It needs Debian's Chromium.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

func main() {
	out := flag.String("out", filepath.Join("docs", "screenshots"), "folder to write the PNG files to")
	maxHeight := flag.Float64("max-height", 2000, "cut pages taller than this many CSS pixels")
	flag.Parse()
	if err := run(*out, *maxHeight); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

type shot struct {
	name, page string
	// prepare runs after the page has loaded, to show it in use.
	prepare string
}

func run(out string, maxHeight float64) error {
	tmp, err := os.MkdirTemp("", "riskguide-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	res, err := generate.BuildSource(generate.DefaultSource(), generate.Options{Out: filepath.Join(tmp, "public")})
	if err != nil {
		return err
	}
	s := res.Site
	if len(s.Results) == 0 || len(s.Checklists) == 0 || len(s.Protocols) == 0 {
		return fmt.Errorf("the default site lacks a recommendation, checklist or protocol to show")
	}
	shots := []shot{
		{name: "home", page: "index.html"},
		{name: "recommendation", page: "recommendations/" + s.Results[0].Recommendations[0].ID + "/index.html"},
		{name: "checklist", page: "checklists/" + s.Checklists[0].Role.ID + "/index.html",
			prepare: `document.querySelectorAll('input[data-tick]').forEach(function (b, i) { if (i % 3 === 0) { b.click(); } })`},
		{name: "protocol", page: "protocols/" + s.Protocols[0].ID + "/index.html"},
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	b, err := browsertest.Start()
	if err != nil {
		return err
	}
	defer b.Close()
	for _, mobile := range []bool{false, true} {
		for _, sh := range shots {
			name := sh.name + ".png"
			if mobile {
				name = sh.name + "-mobile.png"
			}
			png, err := take(b, browsertest.FileURL(res.Out, sh.page), sh.prepare, mobile, maxHeight)
			if err != nil {
				return fmt.Errorf("%s: %w", sh.page, err)
			}
			path := filepath.Join(out, name)
			if err := os.WriteFile(path, png, 0o644); err != nil {
				return err
			}
			fmt.Printf("%s (%d kB)\n", path, len(png)/1024)
		}
	}
	rec := "recommendations/" + s.Results[1].Recommendations[0].ID + "/index.html"
	if err := readingShots(b, res.Out, rec, out); err != nil {
		return err
	}
	return assessmentShots(b, browsertest.FileURL(res.Out, "self-assessment/index.html"), out)
}

// readingShots photographs the reading aids: the phone's header
// (phone-header.png) and its open menu (phone-menu.png), a search in the
// header's box with its excerpts (search-excerpts.png) and a page in the
// dark colour scheme (dark-mode.png).
func readingShots(b *browsertest.Browser, site, rec, out string) error {
	type reading struct {
		name, page string
		mobile     bool
		dark       bool
		steps      []chromedp.Action[chromedp.Void]
		height     float64
	}
	const query = "perpetrator behaviour"
	shots := []reading{
		{name: "phone-header", page: rec, mobile: true, height: 420},
		{name: "phone-menu", page: rec, mobile: true, height: browsertest.MobileHeight,
			steps: []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS(`#site-menu > summary`))}},
		{name: "search-excerpts", page: "index.html", height: 720, steps: []chromedp.Action[chromedp.Void]{
			chromedp.Focus(chromedp.CSS(`#site-search-q`)),
			chromedp.SendKeys(chromedp.CSS(`#site-search-q`), query),
			chromedp.WaitVisible(chromedp.CSS(`#site-search-results li:nth-last-child(1 of [role=option]:not(.search-more)) .search-snippet`)),
		}},
		{name: "dark-mode", page: rec, dark: true, height: browsertest.DesktopHeight},
	}
	for _, sh := range shots {
		tab, cancel, err := b.NewTab()
		if err != nil {
			return err
		}
		ctx, stop := context.WithTimeout(tab, time.Minute)
		w, h := int64(browsertest.DesktopWidth), int64(browsertest.DesktopHeight)
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
		if sh.mobile {
			w, h = browsertest.MobileWidth, browsertest.MobileHeight
			opts = append(opts, chromedp.EmulateMobile)
		}
		scheme := "light"
		if sh.dark {
			scheme = "dark"
		}
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.EmulateViewport(w, h, opts...),
			chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
				_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			}),
			chromedp.Navigate(browsertest.FileURL(site, sh.page)),
		}
		err = chromedp.Do(ctx, append(steps, sh.steps...)...)
		var png []byte
		if err == nil {
			png, err = chromedp.Run(ctx, browsertest.ScreenshotAction(sh.height))
		}
		stop()
		cancel()
		if err != nil {
			return fmt.Errorf("%s: %w", sh.name, err)
		}
		if err := write(filepath.Join(out, sh.name+".png"), png); err != nil {
			return err
		}
	}
	return nil
}

// fillAssessment answers the self-assessment as a force might midway
// through its review: a header, a sign-off, and a status, evidence, gaps,
// owner and date for most recommendations, some dates already past.
const fillAssessment = `(function () {
  function set(el, v) { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }
  set(document.getElementById('sa-organisation'), 'Police Service Nord');
  set(document.getElementById('sa-unit'), 'Public protection unit');
  set(document.getElementById('sa-period'), '2026 annual review');
  set(document.getElementById('sa-completedby'), 'A. Lead, strategic lead');
  set(document.getElementById('sa-approvedby'), 'C. Chief');
  set(document.getElementById('sa-approverrole'), 'Chief Constable');
  set(document.getElementById('sa-approvedon'), '2026-04-01');
  var statuses = ['in-place', 'planned', 'partly', 'not-started', 'evaluated', 'partly', 'planned'];
  var owners = ['Training lead', 'Head of public protection', 'Data analyst', 'Partnership liaison'];
  document.querySelectorAll('#sa-form [data-rec]').forEach(function (box, i) {
    if (i % 7 === 6) { return; }
    var id = box.getAttribute('data-rec');
    document.getElementById('sa-' + id + '-' + statuses[i % statuses.length]).click();
    set(document.getElementById('sa-' + id + '-evidence'), 'Policy reviewed in March; audit of 40 cases (report ' + (i + 1) + ').');
    set(document.getElementById('sa-' + id + '-gaps'), ['Refresher training for night shifts.', 'Agree the data-sharing protocol with victim services.', 'Add the indicator to the monthly dashboard.'][i % 3]);
    set(document.getElementById('sa-' + id + '-owner'), owners[i % owners.length]);
    set(document.getElementById('sa-' + id + '-target'), ['2026-01-31', '2026-09-30', '2027-03-31', '2026-12-15'][i % 4]);
  });
})()`

func assessmentShots(b *browsertest.Browser, url, out string) error {
	tab, cancel, err := b.NewTab()
	if err != nil {
		return err
	}
	defer cancel()
	ctx, stop := context.WithTimeout(tab, 2*time.Minute)
	defer stop()
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(browsertest.DesktopWidth, browsertest.DesktopHeight, chromedp.EmulateScale(1)),
		chromedp.Navigate(url),
		chromedp.Evaluate[chromedp.Void](fillAssessment),
		// The plan and the report follow the answers a moment later.
		chromedp.Sleep(time.Second),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('sa-plan-sort').value = 'date'; document.getElementById('sa-plan-sort').dispatchEvent(new Event('change'))`))
	if err != nil {
		return err
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot("#sa-plan"))
	if err != nil {
		return fmt.Errorf("action plan: %w", err)
	}
	if err := write(filepath.Join(out, "action-plan.png"), png); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event('beforeprint'))`)); err != nil {
		return err
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	dir, err := os.MkdirTemp("", "riskguide-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	pdfPath := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(pdfPath, pdf, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdfPath, filepath.Join(dir, "page"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pdftoppm: %v: %s", err, msg)
	}
	png, err = os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		return err
	}
	return write(filepath.Join(out, "report-page-1.png"), png)
}

func write(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("%s (%d kB)\n", path, len(data)/1024)
	return nil
}

func take(b *browsertest.Browser, url, prepare string, mobile bool, maxHeight float64) ([]byte, error) {
	tab, cancel, err := b.NewTab()
	if err != nil {
		return nil, err
	}
	defer cancel()
	ctx, stop := context.WithTimeout(tab, time.Minute)
	defer stop()
	w, h := int64(browsertest.DesktopWidth), int64(browsertest.DesktopHeight)
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if mobile {
		w, h = browsertest.MobileWidth, browsertest.MobileHeight
		opts = append(opts, chromedp.EmulateMobile)
	}
	steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(w, h, opts...), chromedp.Navigate(url)}
	if prepare != "" {
		steps = append(steps, chromedp.Evaluate[chromedp.Void](prepare))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, browsertest.ScreenshotAction(maxHeight))
}
