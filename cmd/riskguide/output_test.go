package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests point build --out and report --out at folders that must not
// be replaced, and check for a plain message, exit code 1 and every file
// left as it was, byte for byte.

// snapshot records every file, folder and link under root: a file by its
// contents, a link by its target.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			files[rel] = "link to " + target
			return err
		case d.IsDir():
			files[rel] = "folder"
		default:
			data, err := os.ReadFile(p)
			files[rel] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(t *testing.T, root string, before map[string]string) {
	t.Helper()
	after := snapshot(t, root)
	for name, was := range before {
		if now, ok := after[name]; !ok {
			t.Errorf("%s was removed", filepath.Join(root, name))
		} else if now != was {
			t.Errorf("%s was changed", filepath.Join(root, name))
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was added", filepath.Join(root, name))
		}
	}
}

// refused checks that a command failed with exit code 1 and a message
// holding each of want.
func refused(t *testing.T, r result, want ...string) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit code %d, want 1: %+v", r.code, r)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("stdout on refusal: %q", r.stdout)
	}
}

// newSite writes an editable site into dir/site and returns its path.
func newSite(t *testing.T, dir string) string {
	t.Helper()
	src := filepath.Join(dir, "site")
	if r := run(t, dir, "new", src); r.code != 0 {
		t.Fatalf("new: %+v", r)
	}
	return src
}

func TestBuildRefusesSourceAsOutput(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	before := snapshot(t, dir)
	refused(t, run(t, dir, "build", "--source", src, "--out", src), "is the source folder")
	refused(t, run(t, src, "build", "--out", "."), "is the source folder")
	sameTree(t, dir, before)
}

func TestBuildRefusesFolderContainingSource(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	before := snapshot(t, dir)
	refused(t, run(t, src, "build", "--out", ".."), "contains the source folder")
	refused(t, run(t, dir, "build", "--source", "site", "--out", "."), "contains the source folder")
	sameTree(t, dir, before)
}

func TestBuildRefusesOutputInsideSourceFolders(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	before := snapshot(t, dir)
	for _, sub := range []string{"content", "content/pages", "layouts/out", "assets/public", "checklists/x"} {
		refused(t, run(t, src, "build", "--out", sub), "inside the source's "+strings.Split(sub, "/")[0]+"/ folder")
	}
	sameTree(t, dir, before)
}

func TestBuildRefusesRootAndCurrentFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "notes.txt"), "mine")
	before := snapshot(t, dir)
	refused(t, run(t, dir, "build", "--out", "/"), "is the root of the file system")
	refused(t, run(t, dir, "build", "--out", "."), "is the current folder")
	refused(t, run(t, filepath.Join(dir), "build", "--out", ".."), "contains the current folder")
	sameTree(t, dir, before)
}

func TestBuildRefusesHomeFolder(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	write(t, filepath.Join(home, "letter.txt"), "mine")
	before := snapshot(t, dir)
	cmd := exec.Command(binary, "build", "--out", home)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+home)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("build --out $HOME: %v, want exit code 1", err)
	}
	if !strings.Contains(stderr.String(), "is your home folder") {
		t.Errorf("stderr: %s", stderr.String())
	}
	sameTree(t, dir, before)
}

func TestBuildRefusesFileAsOutput(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "some-file.txt"), "mine")
	before := snapshot(t, dir)
	refused(t, run(t, dir, "build", "--out", "some-file.txt"), "is a file, not a folder")
	sameTree(t, dir, before)
}

func TestBuildRefusesSymlinkAsOutput(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "elsewhere/notes.txt"), "mine")
	if err := os.Symlink("elsewhere", filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	refused(t, run(t, dir, "build"), "is a symbolic link")
	refused(t, run(t, dir, "build", "--force"), "is a symbolic link")
	sameTree(t, dir, before)
}

func TestBuildRefusesFolderOfOtherFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "public/notes.txt"), "mine")
	before := snapshot(t, dir)
	refused(t, run(t, dir, "build"), "was not written by riskguide", "--force")
	sameTree(t, dir, before)

	// --force says the files may go.
	if r := run(t, dir, "build", "--force"); r.code != 0 {
		t.Fatalf("build --force: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/notes.txt")); err == nil {
		t.Error("--force kept the old files")
	}
}

func TestBuildReplacesItsOwnOutput(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"public", "public", "empty", "new/folder"} {
		if r := run(t, dir, "build", "--out", out); r.code != 0 {
			t.Fatalf("build --out %s: %+v", out, r)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", ".riskguide")); err != nil {
		t.Errorf("the output has no marker: %v", err)
	}
}

func TestReportRefusesSiteFolder(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	if r := run(t, dir, "build", "--out", "www"); r.code != 0 {
		t.Fatalf("build: %+v", r)
	}
	before := snapshot(t, dir)
	refused(t, run(t, dir, "report", "--drafts", "--out", "www", filepath.Join(ex, "north.json")), "holds a riskguide site, not a report")
	sameTree(t, dir, before)
}

func TestReportRefusesFolderOfOtherFiles(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "report/index.html"), "my own page")
	before := snapshot(t, dir)
	refused(t, run(t, dir, "report", "--drafts", filepath.Join(ex, "north.json")), "was not written by riskguide", "--force")
	refused(t, run(t, dir, "report", "--drafts", "--out", ".", filepath.Join(ex, "north.json")), "is the current folder")
	sameTree(t, dir, before)
}

func TestReportDoesNotFollowSymlinkedCSV(t *testing.T) {
	ex := exportsDir(t)
	dir := t.TempDir()
	if r := run(t, dir, "report", "--drafts", filepath.Join(ex, "north.json")); r.code != 0 {
		t.Fatalf("first report: %+v", r)
	}
	// Someone replaces report.csv with a link to a file of theirs.
	write(t, filepath.Join(dir, "precious.txt"), "mine")
	csv := filepath.Join(dir, "report/report.csv")
	os.Remove(csv)
	if err := os.Symlink(filepath.Join(dir, "precious.txt"), csv); err != nil {
		t.Fatal(err)
	}
	if r := run(t, dir, "report", "--drafts", filepath.Join(ex, "north.json")); r.code != 0 {
		t.Fatalf("second report: %+v", r)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "precious.txt")); string(data) != "mine" {
		t.Errorf("report wrote through a link: precious.txt is now %q", data)
	}
	if info, err := os.Lstat(csv); err != nil || !info.Mode().IsRegular() {
		t.Errorf("report.csv is not a new file: %v", err)
	}
}
