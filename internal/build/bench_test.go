package build

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/riskguide/riskguide/bench/synth"
)

// BenchmarkBuildDefault builds the embedded default site.
func BenchmarkBuildDefault(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildSource(DefaultSource(), Options{Out: out}); err != nil {
			b.Fatal(err)
		}
	}
	reportPeak(b)
}

// BenchmarkBuildLarge builds a synthetic site of 10,000 recommendations.
func BenchmarkBuildLarge(b *testing.B) {
	src := b.TempDir()
	if err := synth.Write(src, 10000, 1); err != nil {
		b.Fatal(err)
	}
	s, err := FindSource(src)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildSource(s, Options{Out: out}); err != nil {
			b.Fatal(err)
		}
	}
	reportPeak(b)
}

// reportPeak reports the largest heap the process reached, as a metric
// beside ns/op and B/op.
func reportPeak(b *testing.B) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapSys)/(1<<20), "MB-heap-sys")
}
