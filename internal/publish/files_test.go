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

// A file Replace writes is whole or absent: until Close the file it replaces
// holds what it held, and nothing is left beside it afterwards.
func TestReplaceIsAtomic(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	file := filepath.Join(dir, "translations", "fr.xlf")
	if err := WriteFile(NewFiles(root), "translations/fr.xlf", []byte("the translator's work")); err != nil {
		t.Fatal(err)
	}
	w, err := Replace(root).Create("translations/fr.xlf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("half of the new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(file); string(data) != "the translator's work" {
		t.Errorf("while the new file is written, the old one holds %q", data)
	}
	if _, err := w.Write([]byte(" file")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(file); string(data) != "half of the new file" {
		t.Errorf("after Close the file holds %q", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
		t.Errorf("left beside the file: %v", entries)
	}
}
