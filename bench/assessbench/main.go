// Command assessbench times the self-assessment page in a real headless
// Chromium, opened from file:// as a lead opens it from a shared drive:
//
//   - ready: from the start of navigation to the end of DOMContentLoaded,
//     which comes after the page's deferred scripts have filled the form;
//   - click: from click() on a status radio to the next painted frame (a
//     requestAnimationFrame callback, then a task queued from it, which
//     runs after that frame's paint);
//   - load CPU and click CPU: the main thread's CPU time until the load
//     event and over a click (the ThreadTime metric of the DevTools
//     protocol), which other work on the machine changes far less.
//
// Each site is measured in fresh browsers (a new profile each, so nothing
// is cached and nothing is kept), and the medians are printed as a
// Markdown table for docs/benchmarks.md ("Self-assessment in the browser"). The sites are the
// built-in default, the ASVS example (docs/examples/asvs) and a synthetic
// site of -recs recommendations, written by bench/synth or, with -gen, by
// the shared generator gen.py.
//
//	go run ./bench/assessbench                       # all three, 5 runs each
//	go run ./bench/assessbench -sites asvs -profile  # and where the script time goes
//
// To compare with an earlier riskguide on a machine whose load changes,
// build that version's sites with its own assessbench (-runs 0 -keep DIR)
// and pass DIR as -before: each run then measures the earlier page and
// this one in turn, in fresh browsers, so that both meet the same load.
//
// With -profile it also records a JavaScript CPU profile of a reload and of
// clicks, and prints the functions that took the most time by themselves:
// "(program)" is the browser's own work (parsing, style, layout, paint).
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/bench/synth"
	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

func main() {
	runs := flag.Int("runs", 5, "fresh browsers per site")
	recs := flag.Int("recs", 2000, "recommendations of the synthetic site")
	gen := flag.String("gen", "", "path of gen.py to write the synthetic site (default: bench/synth)")
	sites := flag.String("sites", "default,asvs,synthetic", "sites to measure, comma-separated")
	prof := flag.Bool("profile", false, "also print where the script time goes")
	keep := flag.String("keep", "", "build the sites into this folder and keep them (default: a temporary folder)")
	before := flag.String("before", "", "a -keep folder of an earlier version's sites, measured in turn with these")
	flag.Parse()
	if err := run(*runs, *recs, *gen, strings.Split(*sites, ","), *prof, *keep, *before); err != nil {
		fmt.Fprintln(os.Stderr, "assessbench:", err)
		os.Exit(1)
	}
}

func run(runs, recs int, gen string, sites []string, prof bool, keep, before string) error {
	root := keep
	if root == "" {
		var err error
		if root, err = os.MkdirTemp("", "assessbench-"); err != nil {
			return err
		}
		defer os.RemoveAll(root)
	}
	fmt.Println("| site | recommendations | page (bytes) | elements | ready | click to paint | load CPU | click CPU |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	var profiles []string
	for _, name := range sites {
		dir := filepath.Join(root, name)
		n, err := build(name, dir, recs, gen)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		variants, err := pages(name, dir)
		if err != nil {
			return err
		}
		if before != "" {
			earlier, err := pages(name+" (before)", filepath.Join(before, name))
			if err != nil {
				return err
			}
			variants = append(earlier, variants...)
		}
		stats := make([]stat, len(variants))
		for i := range stats {
			st, err := os.Stat(filepath.Join(variants[i].dir, variants[i].page))
			if err != nil {
				return err
			}
			stats[i].bytes = st.Size()
		}
		for i := range runs {
			for j, v := range variants {
				m, err := measure(browsertest.FileURL(v.dir, v.page), v.clicks, prof && i == 0)
				if err != nil {
					return fmt.Errorf("%s, run %d: %w", v.name, i+1, err)
				}
				stats[j].ready = append(stats[j].ready, m.ready)
				stats[j].click = append(stats[j].click, median(m.clicks))
				stats[j].loadCPU = append(stats[j].loadCPU, m.loadCPU)
				stats[j].clickCPU = append(stats[j].clickCPU, median(m.clickCPU))
				stats[j].nodes = m.nodes
				if m.profile != "" {
					profiles = append(profiles, "### "+v.name+"\n\n"+m.profile)
				}
				fmt.Fprintf(os.Stderr, "%s run %d: ready %.0f ms (load CPU %.0f ms), clicks %v ms (CPU %v ms)\n", v.name, i+1, m.ready, m.loadCPU, rounded(m.clicks), rounded(m.clickCPU))
			}
		}
		if runs == 0 {
			continue
		}
		for j, v := range variants {
			st := stats[j]
			click, clickCPU := "–", "–"
			if v.clicks {
				click, clickCPU = fmt.Sprintf("%.0f ms", median(st.click)), fmt.Sprintf("%.0f ms", median(st.clickCPU))
			}
			fmt.Printf("| %s | %d | %d | %d | %.2f s | %s | %.2f s | %s |\n", v.name, n, st.bytes, st.nodes, median(st.ready)/1000, click, median(st.loadCPU)/1000, clickCPU)
		}
	}
	for _, p := range profiles {
		fmt.Println()
		fmt.Print(p)
	}
	return nil
}

// build writes the named site into dir and returns its number of
// recommendations.
func build(name, dir string, recs int, gen string) (int, error) {
	var src generate.Source
	var err error
	switch name {
	case "default":
		src = generate.DefaultSource()
	case "asvs":
		src, err = generate.FindSource(filepath.Join(moduleRoot(), "docs", "examples", "asvs"))
	case "synthetic":
		in := dir + "-src"
		if err = os.RemoveAll(in); err != nil {
			return 0, err
		}
		if gen != "" {
			if out, err := exec.Command("python3", gen, "--recs", fmt.Sprint(recs), "--out", in).CombinedOutput(); err != nil {
				return 0, fmt.Errorf("gen.py: %v\n%s", err, out)
			}
		} else if err = synth.Write(in, recs, 1); err != nil {
			return 0, err
		}
		src, err = generate.FindSource(in)
	default:
		return 0, fmt.Errorf("unknown site (want default, asvs or synthetic)")
	}
	if err != nil {
		return 0, err
	}
	if err := os.RemoveAll(dir); err != nil {
		return 0, err
	}
	res, err := generate.BuildSource(src, generate.Options{Out: dir})
	if err != nil {
		return 0, err
	}
	return len(res.Site.AllRecommendations()), nil
}

// moduleRoot is the repository's folder, found from the working folder.
func moduleRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// variant is a page measured: page is its path under dir; clicks is set
// when it holds fields to click (an overview of a form in parts has none).
type variant struct {
	name, dir, page string
	clicks          bool
}

// pages are the pages to measure of the site built in dir: the form, or,
// when it is in parts (render.PartForm), the overview and the part in the
// middle.
func pages(name, dir string) ([]variant, error) {
	whole := []variant{{name, dir, "self-assessment/index.html", true}}
	entries, err := os.ReadDir(filepath.Join(dir, "self-assessment"))
	if err != nil {
		return nil, err
	}
	var parts []string
	for _, e := range entries {
		if e.IsDir() {
			parts = append(parts, e.Name())
		}
	}
	if len(parts) == 0 {
		return whole, nil
	}
	mid := parts[len(parts)/2]
	return []variant{
		{name + ", overview", dir, "self-assessment/index.html", false},
		{name + ", a part", dir, "self-assessment/" + mid + "/index.html", true},
	}, nil
}

type stat struct {
	bytes             int64
	nodes             int
	ready, click      []float64
	loadCPU, clickCPU []float64
}

type measurement struct {
	ready    float64   // ms, navigation start to DOMContentLoaded end
	loadCPU  float64   // ms of main-thread CPU until the load event
	clicks   []float64 // ms, click() to the next painted frame
	clickCPU []float64 // ms of main-thread CPU over each of those
	nodes    int
	profile  string
}

// clickScript chooses the status radio number k of the recommendation at
// the fraction at of the form (0 the first, 1 the last) and brings it on
// screen.
const clickScript = `(async function (at, k) {
  var recs = document.querySelectorAll('#sa-form section.sa-rec');
  var rec = recs[Math.round(at * (recs.length - 1))];
  rec.scrollIntoView({ block: 'center' });
  function frame() { return new Promise(function (ok) { requestAnimationFrame(function () { setTimeout(ok, 0); }); }); }
  await frame(); await frame();
  // What the last change started (a report remade after typing stops)
  // is over before the next click, as it is for a reader.
  await new Promise(function (ok) { setTimeout(ok, 800); });
  await frame();
  var radios = rec.querySelectorAll('input[type="radio"]');
  window.benchRadio = radios[k % radios.length];
})`

// clickNow clicks the radio clickScript chose and returns the
// milliseconds until the frame after the click is painted.
const clickNow = `(function () {
  var radio = window.benchRadio;
  return new Promise(function (ok) {
    var t0 = performance.now();
    radio.click();
    requestAnimationFrame(function () {
      var ch = new MessageChannel();
      ch.port1.onmessage = function () { ok(performance.now() - t0); };
      ch.port2.postMessage(0);
    });
  });
})()`

// measure opens the page in a new browser and times it.
func measure(url string, clicks, prof bool) (measurement, error) {
	var m measurement
	b, err := browsertest.Start()
	if err != nil {
		return m, err
	}
	defer b.Close()
	ctx, cancel, err := b.NewTab()
	if err != nil {
		return m, err
	}
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 10*time.Minute)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks})
		return err
	}), chromedp.Navigate(url)); err != nil {
		return m, err
	}
	if m.loadCPU, err = threadTime(ctx); err != nil {
		return m, err
	}
	if m.ready, err = chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`)); err != nil {
		return m, err
	}
	if prof {
		if err := startProfile(ctx); err != nil {
			return m, err
		}
	}
	// Clicks near the top, in the middle and at the end of the form, on
	// different steps of the scale, one on a radio clicked before.
	steps := []struct {
		at float64
		k  int
	}{{0, 0}, {0, 1}, {1, 2}, {0.5, 0}, {0.25, 3}}
	if !clicks {
		steps = nil
	}
	for _, c := range steps {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`%s(%g, %d)`, clickScript, c.at, c.k), chromedp.EvalAwaitPromise)); err != nil {
			return m, err
		}
		cpu0, err := threadTime(ctx)
		if err != nil {
			return m, err
		}
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](clickNow, chromedp.EvalAwaitPromise))
		if err != nil {
			return m, err
		}
		cpu1, err := threadTime(ctx)
		if err != nil {
			return m, err
		}
		m.clicks = append(m.clicks, ms)
		m.clickCPU = append(m.clickCPU, cpu1-cpu0)
	}
	// Elements once the page has settled: the plan made, the answers shown.
	if m.nodes, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.getElementsByTagName('*').length`)); err != nil {
		return m, err
	}
	if prof {
		clicks, err := stopProfile(ctx)
		if err != nil {
			return m, err
		}
		// The load, profiled on a reload with the answers just given.
		if err := startProfile(ctx); err != nil {
			return m, err
		}
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			return m, err
		}
		load, err := stopProfile(ctx)
		if err != nil {
			return m, err
		}
		m.profile = "Reload, by self time:\n\n" + load + "\nFive clicks (with 0.8 s pauses), by self time:\n\n" + clicks
	}
	return m, nil
}

// threadTime is the CPU time the page's main thread has used, in ms: on a
// machine shared with other work, it varies much less than the time on
// the clock.
func threadTime(ctx context.Context) (float64, error) {
	res, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (performance.GetMetricsResult, error) {
		return cdp.Call(ctx, t, performance.GetMetrics, cdp.Empty{})
	})
	if err != nil {
		return 0, err
	}
	for _, x := range res.Metrics {
		if x.Name == "ThreadTime" {
			return x.Value * 1000, nil
		}
	}
	return 0, fmt.Errorf("no ThreadTime metric")
}

func startProfile(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, profiler.Start, cdp.Empty{})
		return err
	}))
}

// stopProfile stops the profiler and sums the time of each function by
// itself (its samples), largest first.
func stopProfile(ctx context.Context) (string, error) {
	res, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (profiler.StopResult, error) {
		return cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
	})
	if err != nil || res.Profile == nil {
		return "", err
	}
	p := res.Profile
	node := map[int64]*profiler.ProfileNode{}
	for _, n := range p.Nodes {
		node[n.ID] = n
	}
	self := map[string]float64{}
	var total float64
	for i, id := range p.Samples {
		if i >= len(p.TimeDeltas) {
			break
		}
		d := float64(p.TimeDeltas[i]) / 1000
		n := node[id]
		if n == nil || n.CallFrame == nil {
			continue
		}
		f := n.CallFrame
		name := cmp.Or(f.FunctionName, "(anonymous)")
		if f.URL != "" {
			name += fmt.Sprintf(" %s:%d", filepath.Base(f.URL), f.LineNumber+1)
		}
		self[name] += d
		total += d
	}
	type row struct {
		name string
		ms   float64
	}
	var rows []row
	for k, v := range self {
		rows = append(rows, row{k, v})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.ms, a.ms) })
	var sb strings.Builder
	fmt.Fprintf(&sb, "| function | self (ms) |\n| --- | ---: |\n")
	for i, r := range rows {
		if i == 15 {
			break
		}
		fmt.Fprintf(&sb, "| `%s` | %.0f |\n", r.name, r.ms)
	}
	fmt.Fprintf(&sb, "| total sampled | %.0f |\n", total)
	return sb.String(), nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func rounded(v []float64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x + 0.5)
	}
	return out
}
