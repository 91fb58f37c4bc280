package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckReportsUnsafeLinksAndBlockedHTML runs `riskguide check` and
// `build` on a site with a javascript: link and raw HTML the site's
// Content-Security-Policy would block. check names each at its position;
// the built page has no live javascript: link, with raw_html off or on.
func TestCheckReportsUnsafeLinksAndBlockedHTML(t *testing.T) {
	for _, raw := range []bool{false, true} {
		dir := t.TempDir()
		if r := run(t, dir, "new", "."); r.code != 0 {
			t.Fatalf("new: %+v", r)
		}
		siteYAML, _ := os.ReadFile(filepath.Join(dir, "content/site.yaml"))
		if raw {
			write(t, filepath.Join(dir, "content/site.yaml"), string(siteYAML)+"raw_html: true\n")
		}
		write(t, filepath.Join(dir, "content/pages/unsafe.md"), "---\ntitle: Unsafe\n---\nClick [here](javascript:alert(document.cookie)).\n\n<p style=\"color:red\" onclick=\"x()\">hi</p>\n")
		r := run(t, dir, "check")
		if r.code != 1 {
			t.Fatalf("raw_html %v: check exit code %d, want 1: %+v", raw, r.code, r)
		}
		want := []string{`content/pages/unsafe.md:4:14: link "javascript:alert(document.cookie)" could run code`}
		blocked := []string{`content/pages/unsafe.md:6:4: style= attribute in raw HTML`, `content/pages/unsafe.md:6:22: onclick= event handler in raw HTML`}
		if raw {
			want = append(want, blocked...)
		}
		for _, w := range want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("raw_html %v: check does not say %q:\n%s", raw, w, r.stderr)
			}
		}
		if !raw && strings.Contains(r.stderr, "raw HTML") {
			t.Errorf("raw_html off: dropped HTML was reported:\n%s", r.stderr)
		}

		// They fail the build as every content problem does, and the
		// previous output stays.
		if b := run(t, dir, "build"); b.code != 1 || !strings.Contains(b.stderr, want[0]) {
			t.Errorf("raw_html %v: build: %+v", raw, b)
		}
		if _, err := os.Stat(filepath.Join(dir, "public/unsafe/index.html")); err == nil {
			t.Errorf("raw_html %v: the page was published", raw)
		}
	}
}
