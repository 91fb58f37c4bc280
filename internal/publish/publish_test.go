package publish

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitReplacesOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	write(t, dir, map[string]string{"old.html": "old", "a/index.html": "A"})
	write(t, dir, map[string]string{"new.html": "new"})
	if _, err := os.Stat(filepath.Join(dir, "old.html")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "new.html")); string(data) != "new" {
		t.Errorf("new.html = %q", data)
	}
	assertOnly(t, filepath.Dir(dir), "public")
}

func TestAbortKeepsOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	write(t, dir, map[string]string{"index.html": "first"})
	o, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(o, "index.html", []byte("second")); err != nil {
		t.Fatal(err)
	}
	if err := o.Abort(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "first" {
		t.Errorf("aborted build changed the output: %q", data)
	}
	assertOnly(t, filepath.Dir(dir), "public")
}

func TestWriteRefusesEscapes(t *testing.T) {
	o, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	for _, name := range []string{"../x.html", "/etc/x", "a/../../x"} {
		if err := WriteFile(o, name, nil); err == nil {
			t.Errorf("wrote %q outside the output folder", name)
		}
	}
}

// TestWriteNeverFollowsLinksOut: links that appear in the staging folder
// while a build writes (a folder link, a file link, one deeper down) are
// never written through; the files beside them are written (the control).
func TestWriteNeverFollowsLinksOut(t *testing.T) {
	outside := t.TempDir()
	o, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	if err := WriteFile(o, "a/b/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"assets": outside, "page.html": filepath.Join(outside, "page.html"), "a/b/c": outside} {
		if err := os.Symlink(target, filepath.Join(o.staging, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"assets/site.css", "page.html", "a/b/c/index.html", "a/b/c/d/index.html"} {
		if err := WriteFile(o, name, []byte("written through a link")); err == nil {
			t.Errorf("wrote %s through a link", name)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("%d entries written outside the output folder", len(entries))
	}
	if err := WriteFile(o, "a/other/index.html", []byte("y")); err != nil {
		t.Errorf("a file beside the links: %v", err)
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	o, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := WriteFile(o, name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if o.Files() != int64(len(files)) {
		t.Errorf("Files() = %d, want %d", o.Files(), len(files))
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
}

func assertOnly(t *testing.T, dir, name string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want only %s", dir, names, name)
	}
}

func TestCreateCountsOnClose(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	o, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := o.Create("a/b/index.html")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("hello "))
	w.Write([]byte("world"))
	if o.Files() != 0 {
		t.Error("counted before close")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Create("../outside.html"); err == nil {
		t.Error("created a file outside the output folder")
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a", "b", "index.html")); string(data) != "hello world" || o.Files() != 1 || o.Bytes() != 11 {
		t.Errorf("read %q, counted %d files, %d bytes", data, o.Files(), o.Bytes())
	}
}

// TestWritersMakeFoldersTogether: many writers create files in the same new
// nested folders at once; each folder is made once, and a file standing
// where a folder must go is an error, not a file written elsewhere.
func TestWritersMakeFoldersTogether(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	o, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for w := range 8 {
		go func() {
			for i := range 20 {
				name := fmt.Sprintf("a/b%d/c/%d-%d.html", i%3, w, i)
				if err := WriteFile(o, name, []byte(name)); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(o, "a/file", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(o, "a/file/index.html", []byte("y")); err == nil {
		t.Error("wrote below a file")
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if n != 161 {
		t.Errorf("%d files, want 161", n)
	}
}

// TestMemoryKeepsClosedFiles: the in-memory site keeps what was written
// once it is closed, refuses names outside the site and files written
// twice, as the folder does.
func TestMemoryKeepsClosedFiles(t *testing.T) {
	m := NewMemory()
	if err := WriteFile(m, "a/index.html", []byte("page")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(m, "a/index.html", []byte("again")); err == nil {
		t.Error("wrote a file twice")
	}
	for _, name := range []string{"../x.html", "/etc/x", "a/../../x", `a\x`} {
		if _, err := m.Create(name); err == nil {
			t.Errorf("created %q", name)
		}
	}
	if got := string(m.Contents()["a/index.html"]); got != "page" || m.Files() != 1 || m.Bytes() != 4 {
		t.Errorf("holds %q, %d files, %d bytes", got, m.Files(), m.Bytes())
	}
}

// TestCreateRefusesWindowsStyleNames: the one door to the output refuses,
// on every system, a name that a Windows share or zip tool would refuse or
// change (a backslash, a drive letter, a device name such as CON, a
// trailing dot), for a folder on disk and for memory alike, and writes
// nothing for it; names that only resemble them are written.
func TestCreateRefusesWindowsStyleNames(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	o, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	m := NewMemory()
	for _, name := range []string{
		`recommendations\train\index.html`, "C:/Windows/index.html", "c:index.html", "con/index.html",
		"pages/CON.html", "recommendations/nul/index.html", "assets/aux.css", "com1/index.html",
		"notes./index.html", "notes /index.html", "file.html:stream", "/etc/passwd",
	} {
		for _, w := range []interface {
			Create(string) (io.WriteCloser, error)
		}{o, m} {
			if f, err := w.Create(name); err == nil {
				f.Close()
				t.Errorf("%T: wrote %q", w, name)
			} else if !strings.Contains(err.Error(), "refusing to write") {
				t.Errorf("%T: %q refused without saying so: %v", w, name, err)
			}
		}
	}
	for _, name := range []string{"console/index.html", "contact/index.html", "assets/css/site.css", ".riskguide", "com10/index.html"} {
		if err := WriteFile(o, name, []byte("x")); err != nil {
			t.Errorf("%q refused: %v", name, err)
		}
	}
	if o.Files() != 5 {
		t.Errorf("Files() = %d, want the 5 portable names", o.Files())
	}
}
