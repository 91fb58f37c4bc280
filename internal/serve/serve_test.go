package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/scaffold"
)

// syncBuffer collects what the server prints, from any goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// preview is a server under test on a copy of the default site.
type preview struct {
	*Server
	dir      string
	out, err *syncBuffer
	stop     context.CancelFunc
}

// newSite writes an editable copy of the default site.
func newSite(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// start serves dir on a free port until the test ends.
func start(t testing.TB, dir string) *preview { return startWith(t, Options{Source: dir}) }

func (p *preview) write(t testing.TB, name, data string) {
	t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (p *preview) read(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(p.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// get requests a path and returns the response with its body read.
func (p *preview) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(p.URL(), "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// sse is one client of the event stream.
type sse struct {
	events chan sseEvent
	body   io.Closer
}

type sseEvent struct {
	name string
	data string
}

// connect opens the event stream, as a page's EventSource would.
func (p *preview) connect(t testing.TB) *sse {
	t.Helper()
	resp, err := http.Get(p.URL() + "_riskguide/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	s := &sse{events: make(chan sseEvent, 64), body: resp.Body}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					s.events <- e
				}
				e = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return s
}

// next returns the next event, failing the test after timeout.
func (s *sse) next(t testing.TB, timeout time.Duration) sseEvent {
	t.Helper()
	select {
	case e, ok := <-s.events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return e
	case <-time.After(timeout):
		t.Fatalf("no event within %s", timeout)
	}
	return sseEvent{}
}

// eventWait is how long a test waits for an event the server must send:
// until shortly before the test binary's deadline (go test -timeout), not a
// fixed time, since a rebuild that takes a second on an idle machine may
// take a minute on a busy one. A server that never sends it still fails the
// test, naming the event.
func eventWait(t testing.TB) time.Duration {
	return time.Until(browsertest.Deadline(t))
}

// nextEvent returns the next event, whenever it comes.
func (s *sse) nextEvent(t testing.TB) sseEvent {
	t.Helper()
	return s.next(t, eventWait(t))
}

// await returns the next event named name, skipping others.
func (s *sse) await(t testing.TB, name string) sseEvent {
	t.Helper()
	return s.awaitWithin(t, name, eventWait(t))
}

func (s *sse) awaitWithin(t testing.TB, name string, timeout time.Duration) sseEvent {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		e := s.next(t, time.Until(deadline))
		if e.name == name {
			return e
		}
	}
}

// buildOf is the build a reload event names.
func buildOf(t testing.TB, e sseEvent) string {
	t.Helper()
	var v struct{ Build string }
	if err := json.Unmarshal([]byte(e.data), &v); err != nil || v.Build == "" {
		t.Fatalf("reload event data %q names no build: %v", e.data, err)
	}
	return v.Build
}

// rebuildLines returns the lines the server printed for rebuilds after an
// edit ("NAME changed: rebuilt ..."), in order.
func (p *preview) rebuildLines() []string {
	var out []string
	for _, l := range strings.Split(p.out.String(), "\n") {
		if strings.Contains(l, " changed: rebuilt ") {
			out = append(out, l)
		}
	}
	return out
}

// rebuildLine returns the n-th rebuild line (from 0), waiting for it: the
// server prints it just after sending the reload event.
func (p *preview) rebuildLine(t testing.TB, n int) string {
	t.Helper()
	for deadline := browsertest.Deadline(t); ; time.Sleep(10 * time.Millisecond) {
		if lines := p.rebuildLines(); len(lines) > n {
			return lines[n]
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server printed no rebuild line %d:\n%s", n+1, p.out)
		}
	}
}

func problemsIn(t testing.TB, e sseEvent) []problem {
	t.Helper()
	var v struct{ Problems []problem }
	if err := json.Unmarshal([]byte(e.data), &v); err != nil {
		t.Fatalf("error event data %q: %v", e.data, err)
	}
	return v.Problems
}

func TestEditReloads(t *testing.T) {
	p := start(t, newSite(t))
	events := p.connect(t)
	hello := events.nextEvent(t)
	if hello.name != "hello" || !strings.Contains(hello.data, p.instance+"-1") {
		t.Fatalf("first event = %+v, want hello for build 1", hello)
	}
	if _, js := p.get(t, "/_riskguide/reload.js"); !strings.Contains(js, `var build = "`+p.instance+`-1"`) {
		t.Errorf("reload.js does not name the build it belongs to")
	}

	site := p.read(t, "content/site.yaml")
	p.write(t, "content/site.yaml", strings.Replace(site, "title: Risk management of intimate partner violence", "title: Edited while serving", 1))
	events.await(t, "reload")
	if _, home := p.get(t, "/"); !strings.Contains(home, "Edited while serving") {
		t.Error("home page does not show the edit after the reload event")
	}
	if !strings.Contains(p.out.String(), "content/site.yaml changed: rebuilt") {
		t.Errorf("terminal does not report the rebuild:\n%s", p.out)
	}
}

// TestGuidanceEditShowsEverywhere edits one recommendation's guidance: the
// rebuild shows it on the recommendation's page and in the print edition,
// and the other pages are still served.
func TestGuidanceEditShowsEverywhere(t *testing.T) {
	p := start(t, newSite(t))
	events := p.connect(t)
	events.await(t, "hello")
	name := "content/expected-results/01-training.yaml"
	text := p.read(t, name)
	p.write(t, name, strings.Replace(text, "Find out what people know now,", "Ask first what people know now,", 1))
	events.await(t, "reload")
	if _, page := p.get(t, "/recommendations/training-needs-analysis/"); !strings.Contains(page, "Ask first what people know now,") {
		t.Error("the edited page does not show the edit")
	}
	if _, page := p.get(t, "/recommendations/mandatory-training/"); !strings.Contains(page, "Recommendation 1.2") {
		t.Error("a kept page is not served")
	}
	if _, page := p.get(t, "/print/"); !strings.Contains(page, "Ask first what people know now,") {
		t.Error("the print edition does not show the edit")
	}
}

func TestBrokenEditShowsProblemsUntilFixed(t *testing.T) {
	p := start(t, newSite(t))
	events := p.connect(t)
	events.await(t, "hello")
	roles := p.read(t, "content/roles.yaml")

	p.write(t, "content/roles.yaml", "roles:\n  - id: Bad_ID\n    name: X\n")
	problems := problemsIn(t, events.await(t, "error"))
	found := false
	for _, pr := range problems {
		found = found || pr.Pos == "content/roles.yaml:2:9" && strings.Contains(pr.Message, `invalid id "Bad_ID"`)
	}
	if !found {
		t.Errorf("error event lacks content/roles.yaml:2:9: %+v", problems)
	}
	if !strings.Contains(p.err.String(), "content/roles.yaml:2:9: invalid id") || !strings.Contains(p.err.String(), "still serving the last good build") {
		t.Errorf("terminal does not show the problems:\n%s", p.err)
	}

	// The last good build is still served, whole.
	resp, home := p.get(t, "/")
	if resp.StatusCode != http.StatusOK || !strings.Contains(home, "Risk management of intimate partner violence") {
		t.Errorf("home page while broken: %d", resp.StatusCode)
	}
	if resp, _ := p.get(t, "/checklists/frontline-officer/index.html"); resp.StatusCode != http.StatusOK {
		t.Errorf("a role page of the last good build: %d", resp.StatusCode)
	}

	// A page opened now learns of the problems as soon as it connects.
	late := p.connect(t)
	if e := late.nextEvent(t); e.name != "hello" {
		t.Errorf("late client's first event: %+v", e)
	}
	if e := late.nextEvent(t); e.name != "error" || len(problemsIn(t, e)) != len(problems) {
		t.Errorf("late client's second event: %+v", e)
	}

	p.write(t, "content/roles.yaml", roles)
	events.await(t, "reload")
	late.await(t, "reload")
	p.hub.mu.Lock()
	broken := p.hub.problems != nil
	p.hub.mu.Unlock()
	if broken {
		t.Error("the server still reports problems after the fix")
	}
	fresh := p.connect(t)
	if e := fresh.nextEvent(t); e.name != "hello" {
		t.Errorf("client after the fix: %+v", e)
	}
	// Nothing but hello waits for a client that connects after the fix:
	// an error queued on connecting would come before the reload of the
	// next edit.
	site := p.read(t, "content/site.yaml")
	p.write(t, "content/site.yaml", site+"# edited after the fix\n")
	if e := fresh.nextEvent(t); e.name != "reload" {
		t.Errorf("client after the fix: next event %+v, want the reload of the next edit", e)
	}
}

func TestBrokenAtStart(t *testing.T) {
	dir := newSite(t)
	roles, err := os.ReadFile(filepath.Join(dir, "content/roles.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/roles.yaml"), []byte("roles: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := start(t, dir)
	resp, body := p.get(t, "/checklists/")
	if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "content/roles.yaml:") || !strings.Contains(body, "_riskguide/reload.js") {
		t.Errorf("page before any good build: %d\n%s", resp.StatusCode, body)
	}
	events := p.connect(t)
	events.await(t, "hello")
	events.await(t, "error")

	p.write(t, "content/roles.yaml", string(roles))
	events.await(t, "reload")
	if resp, _ := p.get(t, "/"); resp.StatusCode != http.StatusOK {
		t.Errorf("home page after the fix: %d", resp.StatusCode)
	}
}

// TestEditorSaves covers the ways editors write files: into a temporary
// file renamed over the original, into new folders, and with noise that
// must not cause a rebuild.
func TestEditorSaves(t *testing.T) {
	p := start(t, newSite(t))
	events := p.connect(t)
	events.await(t, "hello")

	site := p.read(t, "content/site.yaml")
	p.write(t, "content/.site.yaml.tmp-123", strings.Replace(site, "tagline: Principles and recommendations for police", "tagline: Saved by rename", 1))
	if err := os.Rename(filepath.Join(p.dir, "content/.site.yaml.tmp-123"), filepath.Join(p.dir, "content/site.yaml")); err != nil {
		t.Fatal(err)
	}
	events.await(t, "reload")
	if _, home := p.get(t, "/"); !strings.Contains(home, "Saved by rename") {
		t.Error("an edit saved by rename is not shown")
	}
	p.rebuildLine(t, 0)
	rebuilds := len(p.rebuildLines())

	// Noise: swap files, backups, Vim's write test, a chmod.
	p.write(t, "content/.roles.yaml.swp", "x")
	p.write(t, "content/roles.yaml~", "x")
	p.write(t, "content/4913", "")
	p.write(t, "content/#roles.yaml#", "x")
	if err := os.Chmod(filepath.Join(p.dir, "content/sources.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	// None of that is a change. The proof is an edit after it: the next
	// rebuild is that edit's, and names its file alone. The watcher reads
	// events in order, so noise it counted would be in that rebuild's
	// batch ("content/#roles.yaml# and 4 more changed") or in a rebuild
	// before it, whose line would name the noise.
	site = p.read(t, "content/site.yaml")
	p.write(t, "content/site.yaml", strings.Replace(site, "tagline: Saved by rename", "tagline: Saved after the noise", 1))
	events.await(t, "reload")
	if line := p.rebuildLine(t, rebuilds); !strings.HasPrefix(line, "content/site.yaml changed: rebuilt ") {
		t.Errorf("the rebuild after editors' noise and one edit: %q, want content/site.yaml alone", line)
	}
	if _, home := p.get(t, "/"); !strings.Contains(home, "Saved after the noise") {
		t.Error("the edit after the noise is not shown")
	}

	// A folder that did not exist when serve started, with folders inside.
	p.write(t, "assets/img/deep/mark.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	events.await(t, "reload")
	p.write(t, "assets/img/deep/mark.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`)
	events.await(t, "reload")
	resp, body := p.get(t, "/assets/img/deep/mark.svg")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "viewBox") {
		t.Errorf("file in a new folder: %d %q", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "image/svg+xml" {
		t.Errorf("svg Content-Type = %q", ct)
	}

	// A watched folder renamed: files written under its new name count.
	if err := os.Rename(filepath.Join(p.dir, "assets/img"), filepath.Join(p.dir, "assets/pictures")); err != nil {
		t.Fatal(err)
	}
	events.await(t, "reload")
	p.write(t, "assets/pictures/deep/mark.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"/>`)
	events.await(t, "reload")
	if _, body := p.get(t, "/assets/pictures/deep/mark.svg"); !strings.Contains(body, "0 0 2 2") {
		t.Errorf("file in a renamed folder: %q", body)
	}

	// A site's own layout, in a layouts/ folder created while serving.
	base, err := fs.ReadFile(generate.DefaultSource().FS, "layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	p.write(t, "layouts/page.html", strings.Replace(string(base), "<h1>", "<p>Local layout</p><h1>", 1))
	events.await(t, "reload")
	if _, about := p.get(t, "/about/index.html"); !strings.Contains(about, "Local layout") {
		t.Error("a layout added while serving is not used")
	}
}

func TestHTTP(t *testing.T) {
	p := start(t, newSite(t))
	for _, c := range []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{"/index.html", "text/html; charset=utf-8"},
		{"/checklists/", "text/html; charset=utf-8"},
		{"/assets/css/site.css", "text/css; charset=utf-8"},
		{"/assets/js/page.js", "text/javascript; charset=utf-8"},
		{"/_riskguide/reload.js", "text/javascript; charset=utf-8"},
		{"/_riskguide/reload.css", "text/css; charset=utf-8"},
	} {
		resp, body := p.get(t, c.path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.path, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		for k, want := range map[string]string{
			"Cache-Control":                "no-store",
			"X-Content-Type-Options":       "nosniff",
			"Content-Security-Policy":      "default-src 'self'",
			"Cross-Origin-Resource-Policy": "same-origin",
		} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", c.path, k, got, want)
			}
		}
		if strings.HasSuffix(c.ctype, "html; charset=utf-8") && !strings.Contains(body, "_riskguide/reload.js") {
			t.Errorf("%s: page does not load the reload script", c.path)
		}
	}

	resp, body := p.get(t, "/no/such/page.html")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Page not found") || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("missing page: %d %q", resp.StatusCode, body)
	}
	if resp, _ := p.get(t, "/assets/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("folder without index.html: %d, want 404 (no listing)", resp.StatusCode)
	}
	if resp, _ := p.get(t, "/_riskguide/other"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown serve path: %d", resp.StatusCode)
	}

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err := noRedirect.Get(p.URL() + "checklists")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/checklists/" {
		t.Errorf("folder without slash: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}

	r, err = http.Post(p.URL(), "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", r.StatusCode)
	}
	r, err = http.Head(p.URL() + "assets/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusOK || r.ContentLength <= 0 {
		t.Errorf("HEAD: %d, length %d", r.StatusCode, r.ContentLength)
	}
}

// TestNoTraversal sends request lines as an attacker would, without a
// client cleaning them first.
func TestNoTraversal(t *testing.T) {
	site := newSite(t)
	p := start(t, site)
	// A file beside the site's folder, which must not be reachable; nor
	// must the site's own source files be.
	if err := os.WriteFile(filepath.Join(filepath.Dir(site), "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if resp, _ := p.get(t, "/content/site.yaml"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a source file is served: %d", resp.StatusCode)
	}
	for _, target := range []string{
		"/../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E%2Fsecret.txt",
		"/assets/../../secret.txt",
		"/..%5csecret.txt",
		"/../../../../../../etc/passwd",
		"/%2e%2e/",
	} {
		status, body := rawGet(t, p.listener.Addr().String(), target)
		if status != http.StatusBadRequest && status != http.StatusNotFound {
			t.Errorf("%s: status %d", target, status)
		}
		if strings.Contains(body, "secret") || strings.Contains(body, "root:") {
			t.Errorf("%s: leaked %q", target, body)
		}
	}
}

func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestShutdown: after three rebuilds, cancelling the context ends the event
// streams and stops the server.
func TestShutdown(t *testing.T) {
	dir := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := Start(ctx, Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	p := &preview{Server: s, dir: dir}
	events := p.connect(t)
	events.await(t, "hello")
	site := p.read(t, "content/site.yaml")
	for i := range 3 {
		p.write(t, "content/site.yaml", site+fmt.Sprintf("# edit %d\n", i))
		events.await(t, "reload")
	}
	cancel()
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-events.events; ok {
		// Drain: the stream must end, not hang.
		for range events.events {
		}
	}
	if _, err := http.Get(s.URL()); err == nil {
		t.Error("still answering after shutdown")
	}
}

func TestBuiltInSite(t *testing.T) {
	t.Chdir(t.TempDir())
	out := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		s.Wait()
	}()
	if s.watchDir != "" {
		t.Errorf("watching %q for the built-in site", s.watchDir)
	}
	if !strings.Contains(out.String(), "nothing is watched") || !strings.Contains(out.String(), "Serving the built-in default site at http://127.0.0.1:") {
		t.Errorf("message:\n%s", out)
	}
	resp, err := http.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("home page: %d", resp.StatusCode)
	}
	if _, err := os.Stat("public"); !os.IsNotExist(err) {
		t.Error("serve wrote public/")
	}
}

// TestBuildHasNoReloadScript: only serve's builds load the reload script.
func TestBuildHasNoReloadScript(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(generate.DefaultSource(), generate.Options{Out: out}); err != nil {
		t.Fatal(err)
	}
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(p, "_riskguide") {
			t.Errorf("build output has %s", p)
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte("_riskguide")) || bytes.Contains(data, []byte("reload.js")) {
			t.Errorf("%s mentions the reload script", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 {
		t.Fatal("no pages built")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"roles.yaml": false, "01-training.yaml": false, "site.css": false, "logo.svg": false, "2024.png": false,
		".roles.yaml.swp": true, "roles.yaml~": true, "4913": true, "#roles.yaml#": true, ".#roles.yaml": true,
		"roles.yaml.tmp": true, "roles.yaml___jb_tmp___": true, ".DS_Store": true,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
