// Command screenshots builds the default site and photographs four pages of
// it (the home page, a recommendation, a checklist and a protocol) at
// desktop and at mobile width, for the README:
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
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/build"
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
	res, err := build.BuildSource(build.DefaultSource(), build.Options{Out: filepath.Join(tmp, "public")})
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
