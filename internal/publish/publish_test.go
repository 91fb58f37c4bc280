package publish

import (
	"os"
	"path/filepath"
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
	if err := o.Write("index.html", []byte("second")); err != nil {
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
		if err := o.Write(name, nil); err == nil {
			t.Errorf("wrote %q outside the output folder", name)
		}
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	o, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := o.Write(name, []byte(data)); err != nil {
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
