package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// binary is the riskguide command the tests run. It is this test binary,
// which testscript.Main installs under the name riskguide in a folder put
// first on PATH: run under that name, it runs the command's own main and
// nothing else. So the tests drive the real command in a process of its
// own, as a user's shell does (exit codes, signals, working folder,
// environment), without a separate go build before the tests can start.
const binary = "riskguide"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"riskguide": main})
}

// waitLimit is how long a test waits for the command to do something it
// must do, such as print the address it serves at: until shortly before the
// test binary's deadline (go test -timeout), not a fixed time, since a busy
// machine may take minutes over what takes a second when it is idle. A
// command that never does it still fails the test, saying what it awaited.
func waitLimit(t *testing.T) time.Duration {
	deadline, ok := t.Deadline()
	if !ok {
		return 10 * time.Minute
	}
	left := time.Until(deadline)
	return left - left/10 - 5*time.Second
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary in dir with args.
func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestVersion(t *testing.T) {
	r := run(t, t.TempDir(), "version")
	if r.code != 0 || !regexp.MustCompile(`^riskguide \S+ \((commit [0-9a-f]{12} of \d{4}-\d\d-\d\d|commit unknown)(, with uncommitted changes)?\), content schema 1\n$`).MatchString(r.stdout) {
		t.Errorf("version: %+v", r)
	}
}

// TestVersionNamesItsCommit runs `version` of the binary built from this
// checkout with the VCS stamp, as release/build.sh builds it: it names the
// checkout's commit and the commit's date. Go stamps only a checkout whose
// .git is a folder (not a `git worktree`), as CI's fresh clone is.
func TestVersionNamesItsCommit(t *testing.T) {
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skip("not a git checkout:", err)
	}
	if fi, err := os.Stat(filepath.Join(strings.TrimSpace(string(top)), ".git")); err != nil || !fi.IsDir() {
		if os.Getenv("CI") != "" {
			t.Fatal("CI runs in a clone, whose .git should be a folder:", err)
		}
		t.Skip("Go stamps no commit into a binary built in a git worktree")
	}
	// The commit's date in UTC, as `version` gives it.
	gitLog := exec.Command("git", "log", "-1", "--format=%H %cd", "--date=format-local:%Y-%m-%d")
	gitLog.Env = append(os.Environ(), "TZ=UTC")
	head, err := gitLog.Output()
	if err != nil {
		t.Fatal(err)
	}
	commit, date, _ := strings.Cut(strings.TrimSpace(string(head)), " ")
	// A test binary carries no VCS stamp, so this test alone builds the
	// command as a release is built. -buildvcs=true: stamped even where
	// GOFLAGS turns it off.
	stamped := filepath.Join(t.TempDir(), "riskguide")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", stamped, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building riskguide: %v\n%s", err, out)
	}
	out, err := exec.Command(stamped, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "(commit " + commit[:12] + " of " + date
	if !strings.Contains(string(out), want) {
		t.Errorf("version = %q, want it to contain %q", out, want)
	}
}

func TestBuildDefaultInEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "build")
	if r.code != 0 {
		t.Fatalf("build: %+v", r)
	}
	if !regexp.MustCompile(`^built the built-in default site into public: \d+ pages, \d+ files, .+ in .+\n$`).MatchString(r.stdout) {
		t.Errorf("summary = %q", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("stderr not empty: %q", r.stderr)
	}
	for _, f := range []string{"index.html", "recommendations/victim-risk-assessment-significance/index.html", "checklists/frontline-officer/index.html", "assets/css/site.css"} {
		if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
}

func TestBuildFlags(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if r := run(t, dir, "new", src); r.code != 0 {
		t.Fatalf("new: %+v", r)
	}
	write(t, filepath.Join(src, "content/site.yaml"), "title: Partner copy\npublisher: A partner\n")
	r := run(t, dir, "build", "--source", src, "--out", "www", "--base-url", "https://intranet.example/ipv/")
	if r.code != 0 {
		t.Fatalf("build: %+v", r)
	}
	home, err := os.ReadFile(filepath.Join(dir, "www", "index.html"))
	if err != nil || !strings.Contains(string(home), "<h1>Partner copy</h1>") {
		t.Errorf("home page does not show the partner's title: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "www", "sitemap.xml")); err != nil {
		t.Errorf("--base-url wrote no sitemap: %v", err)
	}
}

// TestBrokenContent checks the problem report and that the previous output
// survives a failed build.
func TestBrokenContent(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "new", "."); r.code != 0 {
		t.Fatalf("new: %+v", r)
	}
	if r := run(t, dir, "build"); r.code != 0 {
		t.Fatalf("first build: %+v", r)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public/index.html"))

	write(t, filepath.Join(dir, "content/roles.yaml"), "roles:\n  - id: Bad_ID\n    name: X\n    colour: red\n")
	write(t, filepath.Join(dir, "content/pages/extra.md"), "---\ntitle: Extra\n---\nSee [x](rec:no-such-rec).\n")
	r := run(t, dir, "build")
	if r.code != 1 {
		t.Fatalf("exit code %d, want 1: %+v", r.code, r)
	}
	for _, want := range []string{
		"content/roles.yaml:2:9: invalid id \"Bad_ID\"",
		"content/roles.yaml:4:5: unknown key \"colour\" in role",
		"content/pages/extra.md:4:9: unknown cross-reference target \"rec:no-such-rec\"",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !regexp.MustCompile(`\n\d+ problems\n$`).MatchString(r.stderr) {
		t.Errorf("no problem count at the end of stderr:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout on failure: %q", r.stdout)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "public/index.html"))
	if !bytes.Equal(before, after) || len(after) == 0 {
		t.Error("failed build changed the previous output")
	}
	if c := run(t, dir, "check"); c.code != 1 || !strings.Contains(c.stderr, "content/roles.yaml:2:9") {
		t.Errorf("check on broken content: %+v", c)
	}
}

func TestCheck(t *testing.T) {
	r := run(t, t.TempDir(), "check")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "checked the built-in default site: no problems") {
		t.Errorf("check of the default site: %+v", r)
	}
	// A layout with a broken link is caught in the built output.
	dir := t.TempDir()
	run(t, dir, "new", ".")
	write(t, filepath.Join(dir, "layouts/page.html"), `{{define "main"}}<h1>{{.Title}}</h1><a href="{{.Rel "nowhere/index.html"}}">x</a><a href="#no-anchor">y</a>{{end}}`)
	r = run(t, dir, "check")
	if r.code != 1 {
		t.Fatalf("check with broken links: %+v", r)
	}
	for _, want := range []string{`public/about/index.html:`, `broken link "../nowhere/index.html"`, `broken anchor "#no-anchor"`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestNewRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "notes.txt"), "mine")
	r := run(t, dir, "new", ".")
	if r.code != 1 || !strings.Contains(r.stderr, "is not empty") {
		t.Errorf("new into a non-empty folder: %+v", r)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(data) != "mine" {
		t.Error("existing file changed")
	}
}

func TestMisuse(t *testing.T) {
	for _, args := range [][]string{{"build", "--no-such-flag"}, {"build", "extra"}, {"new"}, {"frobnicate"}} {
		r := run(t, t.TempDir(), args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, r.code, r.stderr)
		}
		if r.stderr == "" {
			t.Errorf("%v: no message", args)
		}
	}
}

// TestCheckWarnsOfPlaceholderPublisher runs check on a fresh copy of the
// built-in site, whose publisher is the bracketed placeholder: a warning
// at the publisher's file:line:col, and exit 0, since the site builds. Once
// a name is written, the warning goes.
func TestCheckWarnsOfPlaceholderPublisher(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "new", ".")
	r := run(t, dir, "check")
	if r.code != 0 {
		t.Fatalf("check of a new site: exit %d, want 0:\n%s", r.code, r.stderr)
	}
	site, err := os.ReadFile(filepath.Join(dir, "content/site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(site), "\n")
	line := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "publisher:") })
	if line < 0 {
		t.Fatal("the new site's site.yaml has no publisher line")
	}
	col := strings.Index(lines[line], `"[`) + 1
	want := fmt.Sprintf(`content/site.yaml:%d:%d: warning: publisher "[Name of the force`, line+1, col)
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	lines[line] = "publisher: Example Police Service"
	write(t, filepath.Join(dir, "content/site.yaml"), strings.Join(lines, "\n"))
	if r := run(t, dir, "check"); r.code != 0 || strings.Contains(r.stderr, "warning") {
		t.Errorf("check with a real publisher: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
