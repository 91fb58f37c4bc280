// The self-assessment page (SPEC section 6) in a real headless Chromium:
// answers survive a reload; several assessments can be created, renamed,
// duplicated, switched and deleted; an export imported again gives the same
// bytes; hostile files change nothing and inject nothing; answers for
// recommendations a new version of the guidance dropped are kept; and a
// browser that keeps nothing still exports. These are the helpers.

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/riskguide/riskguide/internal/browsertest"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/testfs"
)

// extraRec is a recommendation that only the "earlier" site has.
const extraRec = "retired-check"

// earlierSite is the built-in guidance with one more recommendation, as an
// earlier version of it might have had. Both sites have the same title, so
// the browser keeps their answers under the same key.
func earlierSite(t *testing.T) string {
	m, err := testfs.DefaultCopy()
	if err != nil {
		t.Fatal(err)
	}
	f := m["content/expected-results/01-training.yaml"]
	f.Data = append(f.Data, []byte("  - id: "+extraRec+"\n    text: Keep a register of training that an earlier version asked for.\n    roles: [training-lead]\n")...)
	return getSite(t, "earlier", generate.Source{FS: m, Name: "earlier version"}).Dir
}

func pageURL(dir string) string { return browsertest.FileURL(dir, "self-assessment/index.html") }

// tab is a browser tab on the self-assessment page with downloads going to
// a folder of the test's own.
type tab struct {
	*browsertest.Page
	t         *testing.T
	downloads string
}

func openTab(t *testing.T, dir string) *tab {
	t.Helper()
	b := browsertest.Shared(t)
	p := b.NewPage(t)
	tb := &tab{Page: p, t: t, downloads: t.TempDir()}
	ctx := p.Context()
	id := chromedp.FromContext(ctx).BrowserContextID
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: id, DownloadPath: tb.downloads,
	}); err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	if dir != "" {
		tb.Navigate(pageURL(dir))
	}
	return tb
}

func (tb *tab) eval(expr string) string {
	tb.t.Helper()
	return browsertest.Eval[string](tb.Page, expr)
}

func (tb *tab) evalBool(expr string) bool {
	tb.t.Helper()
	return browsertest.Eval[bool](tb.Page, expr)
}

// waitFor polls a JavaScript condition.
func (tb *tab) waitFor(what, expr string) {
	tb.t.Helper()
	deadline := browsertest.Deadline(tb.t)
	for !tb.evalBool(expr) {
		if time.Now().After(deadline) {
			tb.t.Fatalf("timed out waiting for %s (%s)", what, expr)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.Do(onScreen(sel), chromedp.Click(chromedp.CSS(sel)))
}

// typeInto types text into a field as a user would, so that input events
// fire.
func (tb *tab) typeInto(sel, text string) {
	tb.t.Helper()
	tb.Do(onScreen(sel), chromedp.SendKeys(chromedp.CSS(sel), text))
}

// onScreen scrolls the element to the screen and waits for two frames,
// as a reader sees the page before clicking: on a long form what comes
// on screen is laid out only then (content-visibility), which may move
// the element.
func onScreen(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.ScrollIntoView(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](`new Promise(function (ok) { requestAnimationFrame(function () { requestAnimationFrame(function () { ok(); }); }); })`, chromedp.EvalAwaitPromise))
}

func (tb *tab) value(sel string) string {
	tb.t.Helper()
	return tb.eval(`document.querySelector(` + jsString(sel) + `).value`)
}

func (tb *tab) checked(sel string) bool {
	tb.t.Helper()
	return tb.evalBool(`document.querySelector(` + jsString(sel) + `).checked`)
}

// storage is every key and value the page's origin keeps, as one string.
func (tb *tab) storage() string {
	tb.t.Helper()
	return tb.eval(`JSON.stringify(Object.keys(localStorage).sort().map(function (k) { return [k, localStorage.getItem(k)]; }))`)
}

// dialog answers the open dialog: it fills the name field when name is not
// empty and presses the button with the given choice.
func (tb *tab) dialog(name, choice string) {
	tb.t.Helper()
	tb.waitFor("the dialog", `document.getElementById('sa-dialog').open`)
	if name != "" {
		tb.Do(chromedp.SetValue(chromedp.CSS("#sa-dialog-input"), name))
	}
	tb.click(`#sa-dialog-buttons button[data-choice="` + choice + `"]`)
	tb.waitFor("the dialog to close", `!document.getElementById('sa-dialog').open`)
}

// download presses an export button and returns the file it saved.
func (tb *tab) download(action string) (name string, data []byte) {
	tb.t.Helper()
	return tb.downloadFrom(`[data-sa-action="` + action + `"]`)
}

// downloadFrom presses the button sel and returns the file it saved.
func (tb *tab) downloadFrom(sel string) (name string, data []byte) {
	tb.t.Helper()
	// Chromium overwrites a file of the same name, so start from an empty
	// folder.
	entries, _ := os.ReadDir(tb.downloads)
	for _, e := range entries {
		os.Remove(filepath.Join(tb.downloads, e.Name()))
	}
	tb.click(sel)
	deadline := browsertest.Deadline(tb.t)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(tb.downloads)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".crdownload") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(tb.downloads, e.Name()))
			if err == nil && len(data) > 0 {
				return e.Name(), data
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.t.Fatalf("%s: no file was downloaded", sel)
	return "", nil
}

// importFile hands a file to the import control.
func (tb *tab) importFile(path string) {
	tb.t.Helper()
	tb.Do(chromedp.SetUploadFiles(chromedp.CSS("#sa-import"), []string{path}))
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}

// addInitScript runs a script before the page's own in every document the
// tab loads next.
func (tb *tab) addInitScript(src string) {
	tb.t.Helper()
	tb.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

func evalVoid(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](src)
}

// setSelect chooses an option as a user would, firing change.
func setSelect(sel, value string) chromedp.Action[chromedp.Void] {
	return evalVoid(`(function () { var s = document.querySelector(` + jsString(sel) + `); s.value = ` + jsString(value) + `; s.dispatchEvent(new Event('change', {bubbles: true})); })()`)
}
