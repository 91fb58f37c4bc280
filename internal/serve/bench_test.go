package serve

import (
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"riskguide/internal/synth"
)

// BenchmarkRebuildDefault measures what an editor waits for on the default
// site: from writing a file to the reload event reaching a browser.
func BenchmarkRebuildDefault(b *testing.B) { benchRebuild(b, newSite(b)) }

// BenchmarkRebuildLarge does the same on a synthetic site of 10,000
// recommendations.
func BenchmarkRebuildLarge(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, 10000, 1); err != nil {
		b.Fatal(err)
	}
	benchRebuild(b, dir)
}

var (
	titleLine = regexp.MustCompile(`(?m)^title: .*$`)
	rebuilt   = regexp.MustCompile(`rebuilt \d+ pages in (\S+)\n$`)
)

// benchRebuild changes the site's title (which every page shows) and waits
// for the reload event. Between edits it lets the replaced build's folder be
// removed, as it would be while the editor reads the page. The build-ms
// metric is the part of the wait spent building, as serve reports it.
func benchRebuild(b *testing.B, dir string) {
	p := start(b, dir)
	events := p.connect(b)
	events.await(b, "hello")
	site := p.read(b, "content/site.yaml")
	var building time.Duration
	n := 0
	for b.Loop() {
		n++
		p.write(b, "content/site.yaml", titleLine.ReplaceAllString(site, fmt.Sprintf("title: Edit %d", n)))
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
		for {
			if entries, _ := os.ReadDir(p.tmp); len(entries) == 1 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(building.Milliseconds())/float64(n), "build-ms/op")
}
