package browsertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// The harness is only worth something if it sees problems: these tests give
// it pages that are broken on purpose.

const goodPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Good</title>
<script src="good.js" defer></script></head>
<body><main><h1>A good page</h1><p id="out">waiting</p></main></body></html>`

const goodScript = `document.getElementById('out').textContent = 'ran';
localStorage.setItem('k', (Number(localStorage.getItem('k') || 0) + 1).toString());`

// badPage breaks every rule: an image without alt text, an inline script
// and an inline style (both blocked by the CSP), an image that is missing,
// and an image from another origin.
const badPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
<body><main><h1>A bad page</h1>
<img src="missing.png">
<p style="color: red">styled</p>
<script>document.title = 'inline ran';</script>
<img src="FOREIGN/pixel.png" alt="pixel">
</main></body></html>`

func writeSite(t *testing.T, foreign string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"good.html": goodPage,
		"good.js":   goodScript,
		"bad.html":  strings.Replace(badPage, "FOREIGN", foreign, 1),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func otherOrigin(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/gif")
		w.Write([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestSeesProblems(t *testing.T) {
	b := Shared(t)
	dir := writeSite(t, otherOrigin(t))
	base := ServeDir(t, dir, RecommendedHeaders())
	p := b.NewPage(t)
	p.Navigate(base + "bad.html")

	if got := p.ForeignRequests(); len(got) != 1 || !strings.Contains(got[0], "/pixel.png") {
		t.Errorf("ForeignRequests = %q, want the one image from the other server", got)
	}
	if got := p.CSPViolations(); len(got) < 2 {
		t.Errorf("CSPViolations = %q, want the inline script and the inline style", got)
	}
	if got := p.ConsoleErrors(); len(got) == 0 {
		t.Error("ConsoleErrors is empty; the blocked inline script must be reported")
	}
	if got := p.FailedLoads(); !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "missing.png") }) {
		t.Errorf("FailedLoads = %q, want missing.png", got)
	}
	if title := Eval[string](p, "document.title"); title != "Bad" {
		t.Errorf("the inline script ran under the CSP: title %q", title)
	}
	vs := p.Axe()
	if !slices.ContainsFunc(vs, func(v AxeViolation) bool { return v.ID == "image-alt" }) {
		t.Errorf("axe did not report the image without alt text: %v", vs)
	}
}

func TestCleanPageAndStorage(t *testing.T) {
	b := Shared(t)
	dir := writeSite(t, "http://unused.invalid")
	p := b.NewPage(t)
	p.Navigate(FileURL(dir, "good.html"))
	p.Reload()
	if got := Eval[string](p, "document.getElementById('out').textContent"); got != "ran" {
		t.Errorf("script from file:// did not run: %q", got)
	}
	if got := Eval[string](p, "localStorage.getItem('k')"); got != "2" {
		t.Errorf("localStorage after one reload = %q, want 2", got)
	}
	for name, got := range map[string][]string{
		"foreign": p.ForeignRequests(), "failed": p.FailedLoads(), "console": p.ConsoleErrors(),
		"csp": p.CSPViolations(),
	} {
		if len(got) > 0 {
			t.Errorf("%s: %q on a clean page", name, got)
		}
	}
	if vs := p.Axe(); len(vs) > 0 {
		t.Errorf("axe on a clean page: %v", vs)
	}

	// A new page has storage of its own.
	q := b.NewPage(t)
	q.Navigate(FileURL(dir, "good.html"))
	if got := Eval[string](q, "localStorage.getItem('k')"); got != "1" {
		t.Errorf("a new page shares storage: k = %q, want 1", got)
	}

	pdf := p.PDF()
	if n := PDFPages(t, pdf); n != 1 {
		t.Errorf("PDF has %d pages, want 1", n)
	}
	if text := PDFText(t, pdf); !strings.Contains(text, "A good page") {
		t.Errorf("PDF text lacks the heading: %q", text)
	}
}

func TestScriptsOff(t *testing.T) {
	b := Shared(t)
	dir := writeSite(t, "http://unused.invalid")
	p := b.NewPage(t)
	p.DisableScripts()
	p.Navigate(FileURL(dir, "good.html"))
	if got := Eval[string](p, "document.getElementById('out').textContent"); got != "waiting" {
		t.Errorf("the page's script ran with scripts off: %q", got)
	}
}

func TestNginx(t *testing.T) {
	dir := writeSite(t, "http://unused.invalid")
	n := StartNginx(t, dir, "/guidance/ipv/", RecommendedHeaders())
	if !strings.HasSuffix(n.URL, "/guidance/ipv/") {
		t.Fatalf("URL %q", n.URL)
	}
	resp, err := http.Get(n.URL + "good.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "A good page") {
		t.Fatalf("GET good.html: %s\n%s", resp.Status, body)
	}
	if got := resp.Header.Get("Content-Security-Policy"); got != CSP {
		t.Errorf("CSP header %q, want %q", got, CSP)
	}
	if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", got)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noRedirect.Get(strings.TrimSuffix(n.URL, "/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(resp.Header.Get("Location"), "/guidance/ipv/") {
		t.Errorf("the sub-path without its slash: %s, Location %q; want a redirect to the folder", resp.Status, resp.Header.Get("Location"))
	}
	outside := strings.TrimSuffix(n.URL, "guidance/ipv/") + "good.html"
	resp, err = http.Get(outside)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET %s outside the sub-path: %s, want 404", outside, resp.Status)
	}
}

// TestInsertText: text goes in at the end of what the field holds, and the
// page hears an input event for it, as it does when a person types.
func TestInsertText(t *testing.T) {
	dir := t.TempDir()
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Form</title>
<script src="form.js" defer></script></head>
<body><main><h1>Form</h1><label>Name <input id="name" value="Ann"></label>
<label>Notes <textarea id="notes"></textarea></label><p id="heard">0</p></main></body></html>`
	script := `var heard = 0;
document.addEventListener('input', function () { heard++; document.getElementById('heard').textContent = String(heard); });`
	for name, text := range map[string]string{"form.html": page, "form.js": script} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := Shared(t).NewPage(t)
	p.Navigate(FileURL(dir, "form.html"))
	heard := func() string { return Eval[string](p, `document.getElementById('heard').textContent`) }
	p.InsertText("#name", " Smith")
	if h := heard(); h != "1" {
		t.Errorf("input events after inserting a word: %s, want 1", h)
	}
	// A line break is an edit of its own: more input events, however many.
	p.InsertText("#notes", "two\nlines")
	if h := heard(); h == "1" {
		t.Error("no input event for text inserted into a textarea")
	}
	got := Eval[[]string](p, `[document.getElementById('name').value, document.getElementById('notes').value]`)
	if want := []string{"Ann Smith", "two\nlines"}; !slices.Equal(got, want) {
		t.Errorf("after inserting text: %q, want %q", got, want)
	}
}
