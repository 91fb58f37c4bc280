package crawl_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/build"
	"github.com/riskguide/riskguide/internal/cli"
	"github.com/riskguide/riskguide/internal/crawl"
)

// deploy builds the default site into a fresh folder, lets change break
// it, and serves it with the real nginx under a sub-path.
func deploy(t *testing.T, headers map[string][]string, extra string, change func(dir string)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := build.BuildSource(build.DefaultSource(), build.Options{Out: dir}); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(dir)
	}
	return browsertest.StartNginxWith(t, dir, "/guidance/ipv/", headers, extra).URL
}

// TestDeployedSite checks the default site as docs/hosting.md deploys it:
// every page, asset and piece of the search index is found, and nothing
// is wrong; then through the command, as a hoster runs it.
func TestDeployedSite(t *testing.T) {
	url := deploy(t, browsertest.RecommendedHeaders(), "", nil)
	rep, err := crawl.Check(context.Background(), url, crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("problems on a good deployment: %v", rep.Problems)
	}
	if rep.Pages < 50 || rep.Fetched < rep.Pages+20 {
		t.Errorf("fetched %d files, %d pages: the crawl missed some", rep.Fetched, rep.Pages)
	}
	var out, errOut bytes.Buffer
	if code := cli.Main([]string{"check", "--url", strings.TrimSuffix(url, "/")}, &out, &errOut); code != 0 {
		t.Errorf("check --url: exit %d\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "no problems") {
		t.Errorf("check --url said %q", out.String())
	}
}

// TestBrokenDeployment removes a script, serves stylesheets with the wrong
// type and leaves out a security header: each is reported, with the page
// that links to the file, and the command exits with 1.
func TestBrokenDeployment(t *testing.T) {
	headers := browsertest.RecommendedHeaders()
	headers.Del("Referrer-Policy")
	url := deploy(t, headers, "types { text/html html; text/plain css; application/javascript js; image/svg+xml svg; }", func(dir string) {
		if err := os.Remove(filepath.Join(dir, "assets", "js", "keep.js")); err != nil {
			t.Fatal(err)
		}
	})
	rep, err := crawl.Check(context.Background(), url, crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var missing, css, header bool
	for _, p := range rep.Problems {
		switch {
		case strings.Contains(p.URL, "assets/js/keep.js") && strings.Contains(p.Message, "status 404") && strings.Contains(p.From, "/guidance/ipv/"):
			missing = true
		case strings.Contains(p.URL, "assets/css/site.css") && strings.Contains(p.Message, `served as "text/plain`):
			css = true
		case p.URL == url && p.Message == "no Referrer-Policy header":
			header = true
		}
	}
	if !missing || !css || !header {
		t.Errorf("missing script %v, wrong type %v, missing header %v; problems:\n%v", missing, css, header, rep.Problems)
	}
	var out, errOut bytes.Buffer
	if code := cli.Main([]string{"check", "--url", url}, &out, &errOut); code != 1 {
		t.Errorf("check --url on a broken deployment: exit %d, want 1", code)
	}
	if !strings.Contains(errOut.String(), "keep.js?v=") || !strings.Contains(errOut.String(), ": status 404 Not Found (linked from") {
		t.Errorf("check --url output:\n%s", errOut.String())
	}
}

// TestStaysOnSite checks that the crawl never leaves the site's address
// and that a bad address is refused.
func TestStaysOnSite(t *testing.T) {
	if _, err := crawl.Check(context.Background(), "ftp://example.org/", crawl.Options{}); err == nil {
		t.Error("an ftp address was accepted")
	}
	url := deploy(t, browsertest.RecommendedHeaders(), "", nil)
	rep, err := crawl.Check(context.Background(), url, crawl.Options{MaxFiles: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Truncated || rep.Fetched != 3 {
		t.Errorf("MaxFiles 3: fetched %d, truncated %v", rep.Fetched, rep.Truncated)
	}
}
