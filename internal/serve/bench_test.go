package serve

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/riskguide/riskguide/bench/synth"
)

// BenchmarkRebuildDefault measures what an editor waits for on the default
// site: from writing a file to the reload event reaching a browser. The
// edit is the site's title, which every page shows.
func BenchmarkRebuildDefault(b *testing.B) { benchRebuild(b, newSite(b), siteTitle) }

// BenchmarkRebuildDefaultGuidance edits one recommendation's guidance.
func BenchmarkRebuildDefaultGuidance(b *testing.B) {
	benchRebuild(b, newSite(b), guidance("content/expected-results/01-training.yaml"))
}

// BenchmarkRebuild500 edits the title of a synthetic site of 500
// recommendations, the size of a large real guidance set.
func BenchmarkRebuild500(b *testing.B) { benchRebuild(b, synthSite(b, 500), siteTitle) }

// BenchmarkRebuild500Guidance edits one recommendation's guidance on it.
func BenchmarkRebuild500Guidance(b *testing.B) {
	benchRebuild(b, synthSite(b, 500), guidance("content/expected-results/00001-result-1.yaml"))
}

// BenchmarkRebuild500Open edits the title of the site of 500
// recommendations with one of its pages open in a browser: the reload
// waits for that page only (see Server.rebuild).
func BenchmarkRebuild500Open(b *testing.B) {
	benchRebuildOpen(b, synthSite(b, 500), siteTitle, "/recommendations/")
}

// BenchmarkRebuild500OpenGuidance edits one recommendation's guidance,
// that recommendation's page open.
func BenchmarkRebuild500OpenGuidance(b *testing.B) {
	benchRebuildOpen(b, synthSite(b, 500), guidance("content/expected-results/00001-result-1.yaml"), "/recommendations/")
}

// BenchmarkRebuildLargeOpen edits the title of the site of 10,000
// recommendations with one of its pages open.
func BenchmarkRebuildLargeOpen(b *testing.B) {
	benchRebuildOpen(b, synthSite(b, 10000), siteTitle, "/recommendations/")
}

// BenchmarkRebuildLarge edits the title of a synthetic site of 10,000
// recommendations.
func BenchmarkRebuildLarge(b *testing.B) { benchRebuild(b, synthSite(b, 10000), siteTitle) }

func synthSite(b *testing.B, recs int) string {
	dir := b.TempDir()
	if err := synth.Write(dir, recs, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// edit is one change to a file of the site, different for every n.
type edit struct {
	file   string
	change func(text string, n int) string
}

var (
	titleLine    = regexp.MustCompile(`(?m)^title: .*$`)
	guidanceLine = regexp.MustCompile(`(?m)^(    guidance: \|\n      )`)
	rebuilt      = regexp.MustCompile(`changed: rebuilt \d+ (?:open )?pages? in (\S+)\n`)
)

var siteTitle = edit{"content/site.yaml", func(text string, n int) string {
	return titleLine.ReplaceAllString(text, fmt.Sprintf("title: Edit %d", n))
}}

// guidance edits the first recommendation's guidance in a results file.
func guidance(file string) edit {
	return edit{file, func(text string, n int) string {
		done := false
		return guidanceLine.ReplaceAllStringFunc(text, func(m string) string {
			if done {
				return m
			}
			done = true
			return m + fmt.Sprintf("Edit %d. ", n)
		})
	}}
}

// benchRebuild makes an edit and waits for the reload event. The build-ms
// metric is the part of the wait spent building, as serve reports it.
func benchRebuild(b *testing.B, dir string, e edit) { benchRebuildOpen(b, dir, e, "") }

// benchRebuildOpen is benchRebuild with a page open in a browser: the
// first page in the folder open (for example "/recommendations/"), or
// none when open is "".
func benchRebuildOpen(b *testing.B, dir string, e edit, open string) {
	p := start(b, dir)
	if open != "" {
		page := firstPage(b, p, open)
		resp, err := http.Get(p.URL() + "_riskguide/events?page=" + url.QueryEscape(page))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { resp.Body.Close() })
	}
	events := p.connect(b)
	events.await(b, "hello")
	original := p.read(b, e.file)
	var building time.Duration
	n := 0
	for b.Loop() {
		n++
		p.write(b, e.file, e.change(original, n))
		events.awaitWithin(b, "reload", 5*time.Minute)

		b.StopTimer()
		all := rebuilt.FindAllStringSubmatch(p.out.String(), -1)
		if len(all) < n {
			b.Fatalf("no rebuild reported:\n%s", p.out)
		}
		d, err := time.ParseDuration(all[n-1][1])
		if err != nil {
			b.Fatal(err)
		}
		building += d
		b.StartTimer()
	}
	b.ReportMetric(float64(building.Milliseconds())/float64(n), "build-ms/op")
}

// firstPage returns the path of the first page linked from the home page
// under folder.
func firstPage(b *testing.B, p *preview, folder string) string {
	resp, err := http.Get(p.URL())
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	home, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	m := regexp.MustCompile(`href="(` + regexp.QuoteMeta(strings.TrimPrefix(folder, "/")) + `[^"#]+)"`).FindSubmatch(home)
	if m == nil {
		b.Fatalf("the home page links to nothing under %s", folder)
	}
	return "/" + string(m[1])
}
