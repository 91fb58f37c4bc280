package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrite writes a new site and refuses a folder that holds anything,
// a symbolic link included.
func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	n, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "site.yaml")); err != nil || n < 20 {
		t.Errorf("wrote %d files: %v", n, err)
	}
	if _, err := Write(dir); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("second Write: %v", err)
	}

	outside := t.TempDir()
	linked := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(linked, "content")); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(linked); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("Write into a folder holding a link: %v", err)
	}
	empty(t, outside)
}

// TestWriteIntoNeverFollowsLinksOut: links that appear in the folder after
// Write found it empty (as another program could make them) are never
// written through: a link to a folder outside, and a link to a file that
// does not exist yet outside.
func TestWriteIntoNeverFollowsLinksOut(t *testing.T) {
	for _, c := range []struct{ link, target string }{
		{"content", ""},
		{"README.md", "README.md"},
		{"checklists", ""},
	} {
		dir, outside := t.TempDir(), t.TempDir()
		if err := os.Symlink(filepath.Join(outside, c.target), filepath.Join(dir, c.link)); err != nil {
			t.Fatal(err)
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		_, err = WriteInto(root)
		root.Close()
		if err == nil || !strings.Contains(err.Error(), c.link) {
			t.Errorf("link %s: error %v, want one naming it", c.link, err)
		}
		empty(t, outside)
	}
}

func empty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("written outside the site folder: %s", filepath.Join(dir, e.Name()))
	}
}
