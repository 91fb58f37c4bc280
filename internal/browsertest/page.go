package browsertest

import (
	"context"
	"fmt"
	"net/url"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Page is one browser tab in a browser context of its own, so that its
// localStorage starts empty and is not shared with other tests. It records
// what the page does; Navigate starts a new record.
type Page struct {
	t      testing.TB
	ctx    context.Context
	cancel context.CancelFunc

	current string // the address last navigated to

	mu       sync.Mutex
	requests []Request
	pending  map[network.RequestID]string
	failed   []string
	console  []string
}

// Request is one request the page made.
type Request struct {
	URL  string
	Type network.ResourceType
}

// cspRecorder runs before any page script and keeps every
// securitypolicyviolation event, so a test can ask for them after load.
// Scripts added through DevTools are not subject to the page's CSP.
const cspRecorder = `(function () {
  window.__browsertestCSP = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__browsertestCSP.push(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') +
      (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : ''));
  }, true);
})();`

// NewPage opens a tab, closed when the test ends.
func (b *Browser) NewPage(t testing.TB) *Page {
	t.Helper()
	if b == nil {
		t.Fatal(errNoBrowser)
	}
	p := &Page{t: t, pending: map[network.RequestID]string{}}
	p.ctx, p.cancel = chromedp.NewContext(b.ctx,
		chromedp.WithNewBrowserContext(),
		chromedp.WithListener(p.record))
	p.open("opening a tab")
	return p
}

// Sibling opens another tab in p's browser context, closed when the test
// ends: the two share localStorage as two tabs of one browser profile do,
// and each hears the storage events of the other.
func (p *Page) Sibling(t testing.TB) *Page {
	t.Helper()
	q := &Page{t: t, pending: map[network.RequestID]string{}}
	// Without WithNewBrowserContext, chromedp opens the tab in the
	// parent's browser context.
	q.ctx, q.cancel = chromedp.NewContext(p.ctx, chromedp.WithListener(q.record))
	q.open("opening a second tab")
	return q
}

// open starts the tab of p's new context, closed when the test ends, with
// the CSP recorder; what names the step in a failure.
func (p *Page) open(what string) {
	p.t.Helper()
	p.t.Cleanup(p.cancel)
	// The tab lives as long as the context of its first action, so that one
	// must not carry a timeout.
	if err := chromedp.Do(p.ctx); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	p.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder})
		return err
	}))
}

// record runs in the tab's event loop: it must be quick and send nothing.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, Request{URL: ev.Request.URL, Type: ev.Type})
		p.pending[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p.failed = append(p.failed, fmt.Sprintf("%s: HTTP %d", ev.Response.URL, ev.Response.Status))
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			p.failed = append(p.failed, fmt.Sprintf("%s: %s", p.pending[ev.RequestID], ev.ErrorText))
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			var parts []string
			for _, a := range ev.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			p.console = append(p.console, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		p.console = append(p.console, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level == cdplog.EntryLevelError || e.Level == cdplog.EntryLevelWarning {
			p.console = append(p.console, fmt.Sprintf("%s %s: %s (%s)", e.Source, e.Level, e.Text, e.URL))
		}
	}
}

// Context is the tab's chromedp context, for actions the helpers lack.
func (p *Page) Context() context.Context { return p.ctx }

// steps bounds how many steps run in the browser at once to the number of
// CPUs Go may use. go test runs that many tests at once by default
// (-parallel is GOMAXPROCS), but tests run with a larger -parallel, or
// parallel subtests of parallel tests, would otherwise give a two-core
// machine more pages to work on at once than it has cores, and make every
// one of them slower, not the whole faster. A step is one call into the
// browser and never starts another, so holding a slot cannot deadlock.
var steps = make(chan struct{}, goruntime.GOMAXPROCS(0))

// step takes a slot for one step; call the function it returns to give the
// slot back.
func step() func() {
	steps <- struct{}{}
	return func() { <-steps }
}

// Do runs actions in the tab and fails the test on an error.
func (p *Page) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	defer step()()
	ctx, cancel := stepContext(p.t, p.ctx)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// Run runs one action in the tab and returns its value, failing the test on
// an error.
func Run[T any](p *Page, a chromedp.Action[T]) T {
	p.t.Helper()
	defer step()()
	ctx, cancel := stepContext(p.t, p.ctx)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("browser: %v", err)
	}
	return v
}

// Eval evaluates a JavaScript expression in the page; a promise is awaited.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	return Run(p, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// InsertText puts text at the end of the field matched by sel as an input
// method does: the field gets focus and the text goes in at once, firing
// beforeinput and input as typing does, but not a key event per character.
// Typed key by key (chromedp.SendKeys), a long text takes three round trips
// to the browser a character, minutes for a form on a busy machine; use
// SendKeys where the key events themselves are under test.
func (p *Page) InsertText(sel, text string) {
	p.t.Helper()
	focused := Eval[bool](p, `(function () {
	  var e = document.querySelector(`+strconv.Quote(sel)+`);
	  if (!e) { return false; }
	  e.focus();
	  try { e.setSelectionRange(e.value.length, e.value.length); } catch (err) {}
	  return document.activeElement === e;
	})()`)
	if !focused {
		p.t.Fatalf("no field %s to type into on %s", sel, p.URL())
	}
	p.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, input.InsertText, input.InsertTextParams{Text: text})
		return err
	}))
}

// Reset forgets what the page recorded so far.
func (p *Page) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests, p.failed, p.console = nil, nil, nil
	p.pending = map[network.RequestID]string{}
}

// Navigate loads url, waits for its load event, and starts a new record.
func (p *Page) Navigate(u string) {
	p.t.Helper()
	p.Reset()
	p.current = u
	p.Do(chromedp.Navigate(u))
}

// Follow opens the address the link matched by sel leads to, as a click on
// it would, and waits for the new page's load event. A click's navigation
// is not awaited by chromedp, so the next query after one may meet the
// document being replaced ("Could not find node with given id").
func (p *Page) Follow(sel string) {
	p.t.Helper()
	href := Eval[string](p, `(function () { var a = document.querySelector(`+strconv.Quote(sel)+`); return a ? a.href : ''; })()`)
	if href == "" {
		p.t.Fatalf("no link %s on %s", sel, p.URL())
	}
	p.Navigate(href)
}

// Reload reloads the page and starts a new record.
func (p *Page) Reload() {
	p.t.Helper()
	p.Reset()
	p.Do(chromedp.Reload())
}

// URL is the address of the page now shown.
func (p *Page) URL() string {
	p.t.Helper()
	return Run(p, chromedp.Location())
}

// Requests returns every request made since the last navigation.
func (p *Page) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Request(nil), p.requests...)
}

// ForeignRequests returns the requests since the last navigation that went
// to another origin than the page's own (the origin of the address given to
// Navigate). For a page opened from file://, anything but a file: URL is
// foreign. data: and blob: URLs never leave the browser and are not counted.
func (p *Page) ForeignRequests() []string {
	p.t.Helper()
	addr := p.current
	if addr == "" {
		addr = p.URL()
	}
	self, err := url.Parse(addr)
	if err != nil {
		p.t.Fatal(err)
	}
	var out []string
	for _, r := range p.Requests() {
		u, err := url.Parse(r.URL)
		if err != nil {
			out = append(out, r.URL)
			continue
		}
		switch {
		case u.Scheme == "data" || u.Scheme == "blob":
		case self.Scheme == "file" && u.Scheme == "file":
		case u.Scheme == self.Scheme && u.Host == self.Host:
		default:
			out = append(out, fmt.Sprintf("%s (%s)", r.URL, r.Type))
		}
	}
	return out
}

// FailedLoads returns the requests since the last navigation that failed or
// got an HTTP error.
func (p *Page) FailedLoads() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.failed...)
}

// ConsoleErrors returns console errors and warnings, uncaught exceptions
// and browser log errors (Chromium reports a blocked resource there) since
// the last navigation.
func (p *Page) ConsoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.console...)
}

// CSPViolations returns the securitypolicyviolation events of the current
// document.
func (p *Page) CSPViolations() []string {
	p.t.Helper()
	return Eval[[]string](p, `new Promise(function (resolve) {
	  // Violation events are queued as tasks; let them arrive first.
	  setTimeout(function () { resolve(window.__browsertestCSP || []); }, 0);
	})`)
}

// CheckClean reports, as test errors, everything that went wrong on the
// page since the last navigation: requests to another origin, failed loads,
// console errors and Content-Security-Policy violations.
func (p *Page) CheckClean() {
	p.t.Helper()
	for _, c := range []struct {
		what string
		list []string
	}{
		{"requests left the site", p.ForeignRequests()},
		{"failed loads", p.FailedLoads()},
		{"console errors", p.ConsoleErrors()},
		{"CSP violations", p.CSPViolations()},
	} {
		if len(c.list) > 0 {
			p.t.Errorf("%s: %s: %v", p.current, c.what, c.list)
		}
	}
}

// SetViewport sets the size of the page's viewport; mobile also makes the
// browser honour the page's viewport meta tag as a phone does.
func (p *Page) SetViewport(width, height int64, mobile bool) {
	p.t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	p.Do(chromedp.EmulateViewport(width, height, opts...))
}

// Mobile sets a phone-sized viewport (390 x 844).
func (p *Page) Mobile() { p.t.Helper(); p.SetViewport(MobileWidth, MobileHeight, true) }

// Desktop sets the desktop viewport (1280 x 800).
func (p *Page) Desktop() { p.t.Helper(); p.SetViewport(DesktopWidth, DesktopHeight, false) }

// DisableScripts turns JavaScript off for the pages this tab loads next.
func (p *Page) DisableScripts() {
	p.t.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetScriptExecutionDisabled,
			emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
}

// EmulateMedia makes CSS media queries see the given media type ("print",
// "screen"; "" restores the default).
func (p *Page) EmulateMedia(media string) {
	p.t.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// ColorScheme makes CSS see the reader's preferred colour scheme ("dark",
// "light"; "" restores the default), for the page's prefers-color-scheme
// rules. It replaces an emulated media type set by EmulateMedia.
func (p *Page) ColorScheme(scheme string) { p.t.Helper(); p.MediaScheme("", scheme) }

// MediaScheme emulates a media type (as EmulateMedia) and a colour scheme
// (as ColorScheme) at once.
func (p *Page) MediaScheme(media, scheme string) {
	p.t.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
}

// AcceptDialogs answers every alert, confirm and prompt the page opens with
// OK, for as long as the tab lives, and counts them.
func (p *Page) AcceptDialogs() *int {
	n := new(int)
	dialogs := chromedp.Events(p.ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			p.mu.Lock()
			*n++
			p.mu.Unlock()
			_, _ = chromedp.Call(p.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return n
}

// PDF prints the page with print media on A4 paper and returns the file.
func (p *Page) PDF() []byte {
	p.t.Helper()
	return p.PDFOn(chromedp.PaperA4)
}

// PDFOn prints the page to a PDF on the given paper, such as
// chromedp.PaperLetter.
func (p *Page) PDFOn(paper chromedp.PaperSize) []byte {
	p.t.Helper()
	return Run(p, chromedp.PrintToPDF(chromedp.PDFPaper(paper)))
}

// PDFAsStyled prints the page to a PDF on the paper its style sheet asks
// for (@page size), as a browser's print dialog does, with the margins it
// sets.
func (p *Page) PDFAsStyled() []byte {
	p.t.Helper()
	return Run(p, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
}

// ScreenshotAction captures the page at the current viewport width, from the
// top down to its full height or maxHeight CSS pixels, whichever is less, as
// PNG.
func ScreenshotAction(maxHeight float64) chromedp.Action[[]byte] {
	return func(ctx context.Context, tgt *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, tgt, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		w, h := float64(m.CSSLayoutViewport.ClientWidth), m.CSSContentSize.Height
		h = min(h, maxHeight)
		r, err := cdp.Call(ctx, tgt, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: new(true),
			FromSurface:           new(true),
			Clip:                  &page.Viewport{X: 0, Y: 0, Width: w, Height: h, Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}
