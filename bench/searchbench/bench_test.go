// Package searchbench measures riskguide's search against Pagefind on the
// same built site, in the same run, in a real Chromium: the size of each
// index, the bytes a visitor downloads before the first result, and the
// median time of a query. Run it with bench/compare-search.sh, which
// installs Pagefind; the numbers go into docs/benchmarks.md.
package searchbench

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// BenchmarkSearchDefault compares on the built-in default site.
func BenchmarkSearchDefault(b *testing.B) {
	compare(b, func(dir string) error {
		_, err := generate.BuildSource(generate.DefaultSource(), generate.Options{Out: dir})
		return err
	})
}

// BenchmarkSearchLarge compares on the synthetic site of 10,000
// recommendations written by the shared benchmark generator (gen.py), the
// same content the Hugo comparison uses.
func BenchmarkSearchLarge(b *testing.B) {
	gen := os.Getenv("RISKGUIDE_GEN")
	if gen == "" {
		b.Skip("set RISKGUIDE_GEN to the path of gen.py (bench/compare-search.sh does)")
	}
	compare(b, func(dir string) error {
		src := filepath.Join(b.TempDir(), "src")
		if out, err := exec.Command("python3", gen, "--recs", "10000", "--out", src).CombinedOutput(); err != nil {
			return fmt.Errorf("gen.py: %v\n%s", err, out)
		}
		s, err := generate.FindSource(src)
		if err != nil {
			return err
		}
		_, err = generate.BuildSource(s, generate.Options{Out: dir})
		return err
	})
}

func compare(b *testing.B, buildSite func(dir string) error) {
	pagefind := pagefindPath(b)
	dir := filepath.Join(b.TempDir(), "site")
	if err := buildSite(dir); err != nil {
		b.Fatal(err)
	}
	// Pagefind indexes a copy, so that each engine sees only its own files.
	pfDir := filepath.Join(b.TempDir(), "pf")
	if err := os.CopyFS(pfDir, os.DirFS(dir)); err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command(pagefind, "--site", pfDir).CombinedOutput(); err != nil {
		b.Fatalf("pagefind: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(pfDir, "pagefind-bench.html"), []byte(pagefindPage), 0o644); err != nil {
		b.Fatal(err)
	}
	queries := queryWords(b, dir, 100)

	rgIndex, rgGzip := folderSize(b, filepath.Join(dir, "search", "data"))
	pfIndex, pfGzip := folderSize(b, filepath.Join(pfDir, "pagefind"), "pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight", "wasm.unknown")

	br := browsertest.Shared(b)
	rgURL := browsertest.ServeDir(b, dir, nil)
	pfURL := browsertest.ServeDir(b, pfDir, nil)

	for b.Loop() {
		// riskguide: the page loads its two search scripts; the index is
		// loaded by the first query.
		p := br.NewPage(b)
		p.Navigate(rgURL + "search/index.html")
		scripts := browsertest.Eval[float64](p, `performance.getEntriesByType('resource').filter(e => /search(-ui)?\.js$/.test(e.name)).reduce((s, e) => s + e.encodedBodySize, 0)`)
		first := browsertest.Eval[float64](p, `(async () => {
			performance.clearResourceTimings();
			const hits = await riskguideSearch.query(`+jsString(queries[0])+`);
			if (hits.length) { await riskguideSearch.describe(hits[0].doc, true); }
			return performance.getEntriesByType('resource').reduce((s, e) => s + e.encodedBodySize, 0);
		})()`)
		rgTimes := timeAll(p, "q => riskguideSearch.query(q)", queries)

		pp := br.NewPage(b)
		pp.Navigate(pfURL + "pagefind-bench.html")
		pfFirst := browsertest.Eval[float64](pp, `(async () => {
			performance.clearResourceTimings();
			window.pf = await import('./pagefind/pagefind.js');
			const r = await pf.search(`+jsString(queries[0])+`);
			if (r.results.length) { await r.results[0].data(); }
			return performance.getEntriesByType('resource').reduce((s, e) => s + e.encodedBodySize, 0);
		})()`)
		pfTimes := timeAll(pp, "q => pf.search(q)", queries)

		b.ReportMetric(float64(rgIndex)/1024, "rg-index-KB")
		b.ReportMetric(float64(pfIndex)/1024, "pf-index-KB")
		b.ReportMetric(float64(rgGzip)/1024, "rg-index-gz-KB")
		b.ReportMetric(float64(pfGzip)/1024, "pf-index-gz-KB")
		b.ReportMetric((scripts+first)/1024, "rg-first-KB")
		b.ReportMetric(pfFirst/1024, "pf-first-KB")
		b.ReportMetric(median(rgTimes[0]), "rg-cold-ms")
		b.ReportMetric(median(pfTimes[0]), "pf-cold-ms")
		b.ReportMetric(median(rgTimes[1]), "rg-query-ms")
		b.ReportMetric(median(pfTimes[1]), "pf-query-ms")
	}
}

const pagefindPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head><body></body></html>`

// timeAll times the queries in batches, each within one browser action's
// time limit, and returns the cold and the warm times.
func timeAll(p *browsertest.Page, run string, qs []string) [2][]float64 {
	var out [2][]float64
	for start := 0; start < len(qs); start += 10 {
		t := browsertest.Eval[[][]float64](p, timeQueries(run, qs[start:min(start+10, len(qs))]))
		out[0] = append(out[0], t[0]...)
		out[1] = append(out[1], t[1]...)
	}
	return out
}

// timeQueries returns JavaScript that runs each query (the first one,
// which loaded the index, is already done) and returns the milliseconds
// each took: cold, the first run, which may load more of the index; and
// warm, the mean of ten more runs, since browsers give performance.now() a
// resolution of only 0.1 ms.
func timeQueries(run string, qs []string) string {
	var list []string
	for _, q := range qs {
		list = append(list, jsString(q))
	}
	return `(async () => {
		const run = ` + run + `;
		const cold = [], warm = [];
		for (const q of [` + strings.Join(list, ",") + `]) {
			let t0 = performance.now();
			await run(q);
			cold.push(performance.now() - t0);
			t0 = performance.now();
			for (let i = 0; i < 10; i++) { await run(q); }
			warm.push((performance.now() - t0) / 10);
		}
		return [cold, warm];
	})()`
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// queryWords picks n different words of five letters or more from the site's
// recommendation pages, in a fixed order: queries that find something.
func queryWords(b *testing.B, dir string, n int) []string {
	seen := map[string]bool{}
	var words []string
	filepath.WalkDir(filepath.Join(dir, "recommendations"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || len(words) >= n {
			return err
		}
		data, _ := os.ReadFile(p)
		text := string(data)
		if i := strings.Index(text, "<h1"); i >= 0 {
			text = text[i:]
		}
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r < 'a' || r > 'z' }) {
			if len(w) >= 5 && !seen[w] && len(words) < n {
				seen[w] = true
				words = append(words, w)
			}
		}
		return nil
	})
	if len(words) == 0 {
		b.Fatal("no words to search for")
	}
	return words
}

// folderSize is the total size of the files in dir, raw and gzipped, leaving
// out files whose names start with one of skip (Pagefind's optional UI).
func folderSize(b *testing.B, dir string, skip ...string) (raw, gz int64) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, s := range skip {
			if strings.HasPrefix(d.Name(), s) {
				return nil
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		raw += int64(len(data))
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(data)
		w.Close()
		gz += int64(buf.Len())
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return raw, gz
}

func pagefindPath(b *testing.B) string {
	_, here, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(here), "..", "..", "bench", "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(p); err != nil {
		b.Skip("Pagefind not installed: run bench/compare-search.sh")
	}
	return p
}
