package generate

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/site"
)

// TestI18nOverridesKeyByKey: a site's layouts/i18n/en.yaml that names two
// strings changes those two; every other string is the built-in one.
func TestI18nOverridesKeyByKey(t *testing.T) {
	fsys := smallSite()
	fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte(`rec.label: "Requirement %s"
result.label: "Chapter %d"
`)}
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	checkPage(t, out, "results/training/index.html", []expect{
		{"p.eyebrow", 1, "Chapter 1", "", ""},
		{".skip-link", 1, "Skip to content", "", ""},
		{"nav.breadcrumb", 1, "Guidance", "aria-label", "Breadcrumb"},
	})
	checkPage(t, out, "recommendations/train/index.html", []expect{
		{"nav.breadcrumb", 1, "Chapter 1", "", ""},
		{".skip-link", 1, "Skip to content", "", ""},
	})
	checkPage(t, out, "sources/index.html", []expect{
		{"main li a[href*=recommendations]", -1, "Requirement 1.1", "", ""},
	})
	checkPage(t, out, "index.html", []expect{
		{"#site-nav", 1, "Checklists", "aria-label", "Main"},
	})
}

// TestI18nCheckReportsBadOverrides: each kind of bad override is reported
// at its own line and column, and all of them at once.
func TestI18nCheckReportsBadOverrides(t *testing.T) {
	fsys := smallSite()
	fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte(`rec.labl: "Requirement %s"
result.label: "Chapter %s"
home.role.count: "Requirements"
skip: ""
footer.version:   "v%s and %d"
nav.guidance: Requirements
`)}
	_, err := BuildSource(Source{FS: fsys, Name: "test"}, Options{Memory: true})
	var diags site.Diagnostics
	if !errors.As(err, &diags) {
		t.Fatalf("build succeeded or failed without diagnostics: %v", err)
	}
	want := []struct{ pos, text string }{
		{"layouts/i18n/en.yaml:1:1", `unknown interface string "rec.labl"`},
		{"layouts/i18n/en.yaml:1:1", `did you mean "rec.label"`},
		{"layouts/i18n/en.yaml:2:15", `has placeholders %s, but the built-in text "{Expected_result} %d" has %d`},
		{"layouts/i18n/en.yaml:3:18", `has placeholders none, but the built-in text "%d {recommendations}" has %d`},
		{"layouts/i18n/en.yaml:4:7", `"skip" is empty`},
		{"layouts/i18n/en.yaml:5:19", `has placeholders %s %d`},
	}
	got := diags.Error()
	for _, w := range want {
		if !strings.Contains(got, w.pos+": ") || !containsLine(got, w.pos, w.text) {
			t.Errorf("no problem %q at %s in:\n%s", w.text, w.pos, got)
		}
	}
	if len(diags) != 5 {
		t.Errorf("%d problems, want 5 (nav.guidance is a good override):\n%s", len(diags), got)
	}
}

func containsLine(all, pos, text string) bool {
	for _, l := range strings.Split(all, "\n") {
		if strings.HasPrefix(l, pos+": ") && strings.Contains(l, text) {
			return true
		}
	}
	return false
}

// TestI18nLayoutKeysOfTheSite: a site with a layout of its own may bring a
// string of its own (a string nobody has fails the build:
// TestMissingInterfaceStringFails).
func TestI18nLayoutKeysOfTheSite(t *testing.T) {
	fsys := smallSite()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1 class="custom">{{.T "page.custom"}}</h1>{{end}}`)}
	fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte("page.custom: Our own words\n")}
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out)
	checkPage(t, out, "about/index.html", []expect{
		{"h1.custom", 1, "Our own words", "", ""},
	})
}
