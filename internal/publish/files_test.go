package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// NewFiles makes folders and never replaces a file; Replace replaces one;
// neither writes through a link out of the folder.
func TestFiles(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := WriteFile(NewFiles(root), "a/b/new.yaml", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(NewFiles(root), "a/b/new.yaml", []byte("two")); err == nil {
		t.Error("NewFiles replaced a file")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a/b/new.yaml")); string(data) != "one" {
		t.Errorf("after a refused write the file holds %q", data)
	}
	if err := WriteFile(Replace(root), "a/b/new.yaml", []byte("three")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a/b/new.yaml")); string(data) != "three" {
		t.Errorf("Replace left %q", data)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []*Files{NewFiles(root), Replace(root)} {
		if err := WriteFile(out, "out/escaped.yaml", []byte("x")); err == nil {
			t.Error("wrote through a link out of the folder")
		}
		if err := WriteFile(out, "../escaped.yaml", []byte("x")); err == nil {
			t.Error("wrote above the folder")
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("files written outside: %v", entries)
	}
}
