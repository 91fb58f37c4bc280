package crawl_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/cli"
	"github.com/riskguide/riskguide/internal/crawl"
	"github.com/riskguide/riskguide/internal/generate"
)

// deploy builds the default site into a fresh folder, lets change break
// it, and serves it with the real nginx under a sub-path.
func deploy(t *testing.T, headers map[string][]string, extra string, change func(dir string)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(generate.DefaultSource(), generate.Options{Out: dir}); err != nil {
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
	// One line for each kind of problem, with the files it affects, and a
	// summary: not three lines for each file.
	text := errOut.String()
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if !regexp.MustCompile(`(?m)^status 404 Not Found: 1 file: assets/js/keep\.js\?v=\w+ \(linked from [^)]+\)$`).MatchString(text) ||
		!regexp.MustCompile(`(?m)^no Referrer-Policy header: \d+ files: the home page, [^ ]+, [^ ]+ and \d+ more$`).MatchString(text) ||
		!regexp.MustCompile(`(?m)^riskguide: http://127\.0\.0\.1:\d+/guidance/ipv/: \d+ problems in \d+ files \(checked \d+ files, \d+ pages\)$`).MatchString(text) ||
		len(lines) > 6 {
		t.Errorf("check --url output (%d lines):\n%s", len(lines), text)
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

// TestDocumentedNginxConfig runs nginx with the configuration that
// docs/hosting.md gives, as written: the crawl finds nothing wrong (so the
// nested location keeps every security header), assets and index pieces
// are kept a year, and pages and the index's manifest are not.
func TestDocumentedNginxConfig(t *testing.T) {
	bin := browsertest.NeedTool(t, "/usr/sbin/nginx", "nginx-light")
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "hosting.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(doc), "```nginx\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 || !strings.Contains(block, "/srv/riskguide/public/") {
		t.Fatal("docs/hosting.md has no nginx block with /srv/riskguide/public/")
	}
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(generate.DefaultSource(), generate.Options{Out: dir}); err != nil {
		t.Fatal(err)
	}
	prefix := t.TempDir()
	port := freePort(t)
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen 127.0.0.1:%[2]d;
%[3]s
    }
}
`, prefix, port, strings.ReplaceAll(block, "/srv/riskguide/public/", dir+"/"))
	confPath := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", prefix, "-c", confPath, "-e", filepath.Join(prefix, "error.log"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := fmt.Sprintf("http://127.0.0.1:%d/guidance/ipv/", port)
	var ready bool
	for i := 0; i < 100 && !ready; i++ {
		if resp, err := http.Get(base); err == nil {
			resp.Body.Close()
			ready = true
		} else {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !ready {
		logText, _ := os.ReadFile(filepath.Join(prefix, "error.log"))
		t.Fatalf("nginx did not start: %s\n%s", out.String(), logText)
	}
	rep, err := crawl.Check(context.Background(), base, crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 || rep.Pages < 50 {
		t.Errorf("%d pages; problems: %v", rep.Pages, rep.Problems)
	}
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	css := regexp.MustCompile(`assets/css/site\.css\?v=[0-9a-f]+`).Find(page)
	for path, want := range map[string]string{
		"":                                "no-cache",
		"recommendations/children-needs/": "no-cache",
		"search/data/index.js":            "no-cache",
		"search/data/f.js":                "max-age=31536000, immutable",
		string(css):                       "max-age=31536000, immutable",
	} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Cache-Control"); got != want || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: Cache-Control %q, want %q; Referrer-Policy %q", path, got, want, resp.Header.Get("Referrer-Policy"))
		}
	}
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestBounds: a manifest not shaped as the build writes it is not
// followed; the byte budget and the limit on addresses kept stop the
// check, which says so.
func TestBounds(t *testing.T) {
	manifest := `riskguideSearch.add("index",{"n":3,"keys":["a"],"metaStarts":[0,0,0],"textStarts":[0]});`
	pages := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/assets/js/search.js":
			w.Header().Set("Content-Type", "text/javascript")
		case "/search/data/index.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, manifest)
		case "/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<script src="assets/js/search.js"></script>`)
			if pages {
				fmt.Fprint(w, ` <a href="p.html">x</a>`)
			}
		default:
			if strings.HasPrefix(r.URL.Path, "/search/") {
				http.NotFound(w, r)
				return
			}
			// Each page links to 50 new ones.
			w.Header().Set("Content-Type", "text/html")
			for i := range 50 {
				fmt.Fprintf(w, `<a href="%s-%d.html">x</a>`, strings.TrimSuffix(path.Base(r.URL.Path), ".html"), i)
			}
		}
	}))
	t.Cleanup(srv.Close)
	messages := func(rep *crawl.Report) string {
		var b strings.Builder
		for _, p := range rep.Problems {
			if !strings.HasPrefix(p.Message, "no ") {
				fmt.Fprintln(&b, p.Message)
			}
		}
		return b.String()
	}

	rep, err := crawl.Check(context.Background(), srv.URL, crawl.Options{MaxFiles: 10})
	if err != nil {
		t.Fatal(err)
	}
	if m := messages(rep); !strings.Contains(m, "unreadable search index: metaStarts: 0 at 1 is not the start of a piece") || !rep.Truncated {
		t.Errorf("a manifest of repeated starts:\n%s", m)
	}
	for _, p := range rep.Problems {
		if strings.Contains(p.URL, "/m-") {
			t.Errorf("followed a piece of a bad manifest: %s", p.URL)
		}
	}

	manifest, pages = `riskguideSearch.add("index",{"n":3,"keys":["a","b"],"metaStarts":[0,2],"textStarts":[0]});`, false
	rep, err = crawl.Check(context.Background(), srv.URL, crawl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var piece bool
	for _, p := range rep.Problems {
		piece = piece || strings.HasSuffix(p.URL, "/search/data/m-1.js") && p.Message == "status 404 Not Found"
	}
	if !piece || rep.Truncated { // the control: pieces are found, then missing
		t.Errorf("the pieces of a good manifest were not fetched: %v", rep.Problems)
	}

	pages = true
	rep, err = crawl.Check(context.Background(), srv.URL, crawl.Options{MaxFiles: 100, MaxLinks: 30})
	if err != nil {
		t.Fatal(err)
	}
	if m := messages(rep); !rep.Truncated || !strings.Contains(m, "kept only the first 30 addresses found, the limit for one check: not everything was checked") || rep.Fetched != 30 {
		t.Errorf("MaxLinks 30: fetched %d:\n%s", rep.Fetched, m)
	}

	restore := crawl.SetMaxProblems(5)
	rep, err = crawl.Check(context.Background(), srv.URL, crawl.Options{MaxFiles: 20})
	restore()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 6 || rep.Unlisted != 3*20-5 || !rep.Truncated { // every file lacks three headers
		t.Errorf("5 problems kept: %d kept, %d unlisted", len(rep.Problems), rep.Unlisted)
	}

	rep, err = crawl.Check(context.Background(), srv.URL, crawl.Options{MaxTotalBytes: 4000})
	if err != nil {
		t.Fatal(err)
	}
	if m := messages(rep); !rep.Truncated || !strings.Contains(m, "(read 4000 bytes, the limit for one check): not everything was checked") || rep.Bytes != 4000 {
		t.Errorf("MaxTotalBytes 4000: read %d:\n%s", rep.Bytes, m)
	}
}

// TestNormalise: the path a request is sent for, after percent-decoding
// and resolving dot segments; addresses no server can be trusted to read
// as we do are refused.
func TestNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"http://h/sub/%2e%2e/admin/delete-all?confirm=1": "http://h/admin/delete-all?confirm=1",
		"http://h/sub/.%2E/admin/":                       "http://h/admin/",
		"http://h/sub/a/..%2f..%2fadmin":                 "http://h/admin",
		"http://h/sub/%2e/x":                             "http://h/sub/x",
		"http://h/sub/a/..":                              "http://h/sub/",
		"http://h/sub/a/.":                               "http://h/sub/a/",
		"http://h/%2e%2e/%2e%2e/x":                       "http://h/x",
		"http://h/sub/%252e%252e/x":                      "http://h/sub/%252e%252e/x",
		"http://h/sub/page.html#top":                     "http://h/sub/page.html",
		"http://h/sub/a%20b/":                            "http://h/sub/a%20b/",
		"http://h/sub/..%5cadmin":                        "",
		"http://h/sub/..;/admin":                         "",
		"http://h/sub/%00":                               "",
		"http://user@h/sub/":                             "",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if crawl.Normalise(u) {
			got = u.String()
		}
		if got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}
