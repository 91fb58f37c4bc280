package serve

import (
	"fmt"
	"regexp"
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
	rebuilt      = regexp.MustCompile(`rebuilt \d+ pages in (\S+)\n$`)
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
func benchRebuild(b *testing.B, dir string, e edit) {
	p := start(b, dir)
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
		m := rebuilt.FindStringSubmatch(p.out.String())
		if m == nil {
			b.Fatalf("no rebuild reported:\n%s", p.out)
		}
		d, err := time.ParseDuration(m[1])
		if err != nil {
			b.Fatal(err)
		}
		building += d
		b.StartTimer()
	}
	b.ReportMetric(float64(building.Milliseconds())/float64(n), "build-ms/op")
}
