// Package browsertest runs a built riskguide site in a real headless
// Chromium, so that tests can prove what a visitor's browser does with it:
// pages that load from file://, from a plain HTTP server and from nginx under
// a sub-path; no request to another origin; no Content-Security-Policy
// violation; zero axe-core violations; controls that work from the keyboard;
// data that survives a reload; pages that print.
//
// One browser serves a whole test package. A package opts in with
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
//
// and each test asks for it and opens a tab:
//
//	b := browsertest.Shared(t)        // starts Chromium on first use
//	p := b.NewPage(t)                 // a tab with its own storage, closed at the end of t
//	p.Navigate(browsertest.FileURL(dir, "index.html"))
//	if v := p.Axe(); len(v) > 0 { ... }
//	if r := p.ForeignRequests(); len(r) > 0 { ... }
//
// Every tab records the requests it makes, the console errors and uncaught
// exceptions, failed loads and securitypolicyviolation events, so a test can
// assert on them after any navigation.
//
// Servers: ServeDir serves a folder at / with net/http and chosen response
// headers; StartNginx serves it with Debian's nginx-light under a sub-path,
// with its own generated configuration, on a free loopback port.
//
// Missing tools: when Chromium, nginx, axe-core or poppler-utils is missing,
// the test is skipped on a developer's machine and fails when the CI
// environment variable is set, so that CI can never pass by skipping.
// .ci/run installs all of them; axe-core comes from the repository's own
// package-lock.json (npm ci).
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's Chromium, the browser these tests use.
const ChromiumPath = "/usr/bin/chromium"

// Desktop and mobile viewport sizes, in CSS pixels.
const (
	DesktopWidth, DesktopHeight = 1280, 800
	MobileWidth, MobileHeight   = 390, 844
)

// Browser is one running headless Chromium.
type Browser struct {
	ctx     context.Context // a context with a started browser; parent of every tab
	cancel  func()
	dataDir string
}

// Start starts a headless Chromium with a fresh profile and no background
// networking, so that any request the tests see comes from the page.
func Start() (*Browser, error) {
	path, err := exec.LookPath(ChromiumPath)
	if err != nil {
		return nil, fmt.Errorf("chromium not found at %s (apt-get install chromium): %w", ChromiumPath, err)
	}
	dir, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(DesktopWidth, DesktopHeight),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting chromium: %w", err)
	}
	return &Browser{ctx: ctx, cancel: func() { cancel(); acancel() }, dataDir: dir}, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	os.RemoveAll(b.dataDir)
}

var shared struct {
	once    sync.Once
	browser *Browser
	err     error
}

// Shared returns the package's browser, starting it on first use. When the
// browser cannot start, it skips the test, or fails it when CI is set.
func Shared(t testing.TB) *Browser {
	t.Helper()
	shared.once.Do(func() { shared.browser, shared.err = Start() })
	if shared.err != nil {
		Missing(t, shared.err.Error())
	}
	return shared.browser
}

// Main runs the package's tests, then stops the shared browser and removes
// the package's folder (PackageDir), if they were made. Use it from TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	if shared.browser != nil {
		shared.browser.Close()
	}
	if packageDir.dir != "" {
		os.RemoveAll(packageDir.dir)
	}
	return code
}

var packageDir struct {
	once sync.Once
	dir  string
	err  error
}

// PackageDir returns a folder that lasts for the whole test package, for
// sites built once and shared by its tests (t.TempDir is removed when the
// test that made it ends). Main removes it.
func PackageDir(t testing.TB) string {
	t.Helper()
	packageDir.once.Do(func() { packageDir.dir, packageDir.err = os.MkdirTemp("", "riskguide-browsertest-") })
	if packageDir.err != nil {
		t.Fatal(packageDir.err)
	}
	return packageDir.dir
}

// Missing reports a tool the test needs but cannot find: a failure under CI,
// a skip elsewhere.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s (CI is set, so this is a failure, not a skip)", what)
	}
	t.Skip(what)
}

// NeedTool returns the path of a command the test needs, or reports it
// missing.
func NeedTool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, fmt.Sprintf("%s not found (apt-get install %s)", name, pkg))
	}
	return p
}

// stepTimeout bounds one step in a tab, so that a hung page fails the test
// with the step that hung instead of the whole test binary timing out. The
// bound follows the test binary's own deadline (go test -timeout) rather
// than a fixed time: a busy two-core machine may take minutes over a step
// that takes a second when it is idle, and that is slow, not hung. What is
// left of the deadline, less a margin for the failure to be reported,
// bounds each step; without a deadline, steps are bounded only by the test.
func stepTimeout(t testing.TB) (time.Duration, bool) {
	d, ok := t.(interface{ Deadline() (time.Time, bool) })
	if !ok {
		return 0, false
	}
	deadline, ok := d.Deadline()
	if !ok {
		return 0, false
	}
	left := time.Until(deadline)
	return left - left/10 - 5*time.Second, true
}

// Deadline is when a test that polls for something the page will do should
// give up: the step bound of stepTimeout from now, or, without a test
// deadline, ten minutes from now.
func Deadline(t testing.TB) time.Time {
	if d, ok := stepTimeout(t); ok {
		return time.Now().Add(d)
	}
	return time.Now().Add(10 * time.Minute)
}

// stepContext is ctx bounded by stepTimeout.
func stepContext(t testing.TB, ctx context.Context) (context.Context, context.CancelFunc) {
	if d, ok := stepTimeout(t); ok {
		return context.WithTimeout(ctx, d)
	}
	return context.WithCancel(ctx)
}

var errNoBrowser = errors.New("browsertest: no browser")

// NewTab opens a tab for use outside tests (such as the screenshots
// command); cancel closes it. Tests use NewPage.
func (b *Browser) NewTab() (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}
