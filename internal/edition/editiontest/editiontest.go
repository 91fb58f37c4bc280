// Package editiontest makes, for tests, the built-in guidance as two
// editions: 2.0, and 2.1 with 2.0 recorded and two quoted texts amended.
package editiontest

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/testfs"
)

// The recommendations edition 2.1 amends, and one it leaves alone.
const (
	AmendedA  = "training-needs-analysis"
	AmendedB  = "administrative-data-monitoring"
	Untouched = "co-produced-training"
)

// Sources are the default guidance as edition 2.0 (no records) and as
// edition 2.1: 2.0 recorded in editions/2.0.yaml as `riskguide edition
// record` writes it, the version bumped, and the quoted texts of AmendedA
// and AmendedB amended.
func Sources(t testing.TB) (v20, v21 fstest.MapFS) {
	t.Helper()
	v20, err := testfs.DefaultCopy()
	if err != nil {
		t.Fatal(err)
	}
	v21, err = testfs.DefaultCopy()
	if err != nil {
		t.Fatal(err)
	}
	s, diags := generate.Load(generate.Source{FS: v20, Name: "edition 2.0"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	v21[edition.FileName("2.0")] = &fstest.MapFile{Data: edition.FromSite(s).Marshal(s.Config.Title)}
	replace := func(name, old, new string) {
		t.Helper()
		f := v21[name]
		if f == nil || !strings.Contains(string(f.Data), old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		v21[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1)), Mode: f.Mode}
	}
	replace("content/site.yaml", `version: "2.0"`, `version: "2.1"`)
	replace("content/expected-results/01-training.yaml", `text: "Analyse training needs to identify levels`, `text: "Assess training needs every year to identify levels`)
	replace("content/expected-results/03-administrative-data.yaml",
		`from administrative sources and disaggregate the data`, `from administrative and court sources and disaggregate the data`)
	return v20, v21
}
