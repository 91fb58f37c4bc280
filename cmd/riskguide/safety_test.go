package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestQuickExitNeedsHost: a quick exit to an address without a host would
// leave the reader on the page; check and build refuse it at its place.
func TestQuickExitNeedsHost(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "new", "."); r.code != 0 {
		t.Fatalf("new: %+v", r)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "content/site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(cfg), "\n") + 2
	write(t, filepath.Join(dir, "content/site.yaml"), string(cfg)+"quick_exit:\n  url: \"http://\"\n")
	want := "content/site.yaml:" + strconv.Itoa(line) + ":8: url \"http://\" must be an absolute address with a host"
	for _, cmd := range []string{"check", "build"} {
		r := run(t, dir, cmd)
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("%s with quick_exit http://: exit %d, want 1 and %q in:\n%s", cmd, r.code, want, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("build wrote public/ for a site with a broken quick exit")
	}
	write(t, filepath.Join(dir, "content/site.yaml"), string(cfg)+"quick_exit:\n  url: https://www.bbc.co.uk/weather\n")
	if r := run(t, dir, "check"); r.code != 0 {
		t.Errorf("check with a good quick exit: %+v", r)
	}
}
