package generate

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/bench/synth"
	"github.com/riskguide/riskguide/internal/site"
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

// BenchmarkBuild500 builds a synthetic site of 500 recommendations, the
// size of a large real guidance set.
func BenchmarkBuild500(b *testing.B) { benchSynthetic(b, 500, []string{"en"}) }

// BenchmarkBuildLarge builds a synthetic site of 10,000 recommendations.
func BenchmarkBuildLarge(b *testing.B) { benchSynthetic(b, 10000, []string{"en"}) }

// benchSynthetic builds a synthetic site of recs recommendations in langs
// (see translateSynthetic), each time into the same output folder.
func benchSynthetic(b *testing.B, recs int, langs []string) {
	src := b.TempDir()
	if err := synth.Write(src, recs, 1); err != nil {
		b.Fatal(err)
	}
	if err := translateSynthetic(src, langs); err != nil {
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

// BenchmarkBuildLanguages builds a synthetic site of 2,000 recommendations
// in one, two and three languages, every text translated (the translation
// is the source text, marked): build time should grow in proportion.
func BenchmarkBuildLanguages(b *testing.B) {
	for _, langs := range []int{1, 2, 3} {
		b.Run(fmt.Sprintf("languages=%d", langs), func(b *testing.B) {
			benchSynthetic(b, 2000, []string{"en", "fr", "de"}[:langs])
		})
	}
}

// translateSynthetic declares langs in the site at dir and writes, for each
// language but the first, a translation of every expected result and
// recommendation with the right source hashes.
func translateSynthetic(dir string, langs []string) error {
	if len(langs) < 2 {
		return nil
	}
	config := filepath.Join(dir, "content", "site.yaml")
	data, err := os.ReadFile(config)
	if err != nil {
		return err
	}
	data = fmt.Appendf(data, "language: en\nlanguages: [%s]\n", strings.Join(langs, ", "))
	if err := os.WriteFile(config, data, 0o644); err != nil {
		return err
	}
	s, diags := Load(Source{FS: os.DirFS(dir), Name: dir})
	if len(diags) > 0 {
		return diags
	}
	type rec struct {
		ID         string   `yaml:"id"`
		SourceHash string   `yaml:"source_hash"`
		Text       string   `yaml:"text"`
		Guidance   string   `yaml:"guidance,omitempty"`
		Indicators []string `yaml:"indicators,omitempty"`
	}
	type result struct {
		ID              string `yaml:"id"`
		SourceHash      string `yaml:"source_hash"`
		Title           string `yaml:"title"`
		Statement       string `yaml:"statement"`
		Summary         string `yaml:"summary,omitempty"`
		Recommendations []rec  `yaml:"recommendations"`
	}
	for _, lang := range langs[1:] {
		folder := filepath.Join(dir, "translations", lang, "expected-results")
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return err
		}
		for _, r := range s.Results {
			t := result{ID: r.ID, SourceHash: site.Hash(r), Title: r.Title + " (" + lang + ")", Statement: r.Statement, Summary: r.Summary.Value}
			for _, x := range r.Recommendations {
				t.Recommendations = append(t.Recommendations, rec{ID: x.ID, SourceHash: site.Hash(x), Text: x.Text, Guidance: x.Guidance.Value, Indicators: x.Indicators})
			}
			out, err := yaml.Marshal(t)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(folder, filepath.Base(r.Pos.File)), out, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
