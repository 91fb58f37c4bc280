package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests check that nothing outside the site folder is read: a
// symbolic link leading out of it is a problem at the link's path, for
// build and for check alike, and the file it points to is never published.

const secret = "a private note that must never be published"

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// buildAndCheck runs build and check in src and expects both to fail with
// each of want, writing nothing and publishing nothing from outside.
func buildAndCheck(t *testing.T, dir, src string, want ...string) {
	t.Helper()
	refused(t, run(t, src, "build"), want...)
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Error("a failed build wrote public/")
	}
	c := run(t, src, "check")
	if c.code != 1 {
		t.Errorf("check: exit code %d, want 1: %+v", c.code, c)
	}
	for _, w := range want {
		if !strings.Contains(c.stderr, w) {
			t.Errorf("check's stderr lacks %q:\n%s", w, c.stderr)
		}
	}
}

func TestBuildRefusesSymlinkOutsideSite(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	write(t, filepath.Join(dir, "private.txt"), secret)
	symlink(t, "../../private.txt", filepath.Join(src, "assets/passwd.txt"))
	symlink(t, filepath.Join(dir, "private.txt"), filepath.Join(src, "assets/css/absolute.css"))
	symlink(t, "../../../private.txt", filepath.Join(src, "content/pages/leak.md"))
	buildAndCheck(t, dir, src,
		"assets/passwd.txt: is a symbolic link that leads outside the site folder",
		"assets/css/absolute.css: is a symbolic link that leads outside the site folder",
		"content/pages/leak.md: is a symbolic link that leads outside the site folder",
	)
}

func TestBuildRefusesSymlinkedFolderInAssets(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	write(t, filepath.Join(dir, "pictures/photo.txt"), secret)
	symlink(t, "../../pictures", filepath.Join(src, "assets/pictures"))
	write(t, filepath.Join(src, "assets/css/mine.css"), "p { margin: 0 }\n")
	symlink(t, "css", filepath.Join(src, "assets/styles"))
	symlink(t, "css/nothing.css", filepath.Join(src, "assets/broken.css"))
	buildAndCheck(t, dir, src,
		"assets/pictures: is a symbolic link that leads outside the site folder",
		"assets/styles: is a symbolic link to a folder",
		"assets/broken.css: is a symbolic link to nothing",
	)
}

func TestBuildFollowsSymlinkInsideSite(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	write(t, filepath.Join(src, "assets/css/mine.css"), "p { margin: 0 }\n")
	symlink(t, "css/mine.css", filepath.Join(src, "assets/copy.css"))
	if r := run(t, src, "build"); r.code != 0 {
		t.Fatalf("build: %+v", r)
	}
	want, _ := os.ReadFile(filepath.Join(src, "assets/css/mine.css"))
	got, err := os.ReadFile(filepath.Join(src, "public/assets/copy.css"))
	if err != nil || string(got) != string(want) || len(got) == 0 {
		t.Errorf("the linked file was not published as a copy of its target: %v", err)
	}
}

func TestBuildRefusesLogoThatIsNotAnImageUnderAssets(t *testing.T) {
	for _, tt := range []struct{ logo, want string }{
		{".env", `content/site.yaml:2:7: logo ".env" must be an image under assets/`},
		{"content/roles.yaml", `content/site.yaml:2:7: logo "content/roles.yaml" must be an image under assets/`},
		{"assets/notes.txt", `content/site.yaml:2:7: logo "assets/notes.txt" must be an image under assets/ (.svg, .png, .jpg, .jpeg or .webp)`},
		{"assets/../.env.png", `content/site.yaml:2:7: logo "assets/../.env.png" must be an image under assets/`},
		{"assets/missing.png", `content/site.yaml:2:7: logo "assets/missing.png": no such file in the site folder`},
		{"assets/leak.png", `assets/leak.png: is a symbolic link that leads outside the site folder`},
	} {
		t.Run(tt.logo, func(t *testing.T) {
			dir := t.TempDir()
			src := newSite(t, dir)
			write(t, filepath.Join(src, ".env"), secret)
			write(t, filepath.Join(src, "assets/notes.txt"), secret)
			write(t, filepath.Join(dir, "private.png"), secret)
			symlink(t, "../../private.png", filepath.Join(src, "assets/leak.png"))
			write(t, filepath.Join(src, "content/site.yaml"), "title: A partner\nlogo: "+tt.logo+"\n")
			buildAndCheck(t, dir, src, tt.want)
		})
	}
}

func TestBuildPublishesLogoUnderAssets(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	write(t, filepath.Join(src, "assets/img/Logo.PNG"), "\x89PNG not really")
	write(t, filepath.Join(src, "content/site.yaml"), "title: A partner\nlogo: assets/img/Logo.PNG\n")
	if r := run(t, src, "build"); r.code != 0 {
		t.Fatalf("build: %+v", r)
	}
	if data, err := os.ReadFile(filepath.Join(src, "public/assets/logo.PNG")); err != nil || string(data) != "\x89PNG not really" {
		t.Errorf("logo not published: %v", err)
	}
}

// TestBuildRefusesYAMLAliases: a 10 kB checklist whose section is repeated
// by alias 300 times would build hundreds of megabytes; it is refused at the
// first alias instead.
func TestBuildRefusesYAMLAliases(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	var b strings.Builder
	b.WriteString("role: frontline-officer\nsections:\n  - &s\n    title: Repeated\n    items:\n")
	for i := 0; i < 300; i++ {
		b.WriteString("      - text: An item of the checklist.\n")
	}
	for i := 0; i < 300; i++ {
		b.WriteString("  - *s\n")
	}
	write(t, filepath.Join(src, "checklists/frontline-officer.yaml"), b.String())
	buildAndCheck(t, dir, src, "checklists/frontline-officer.yaml:306:5: YAML alias *s: content files may not repeat a part with & and *")
}

// TestBuildPageWithRepeatedHeadingsAndFields: a page that repeats a heading
// and a fill-in field 20,000 times each, whose ids once took minutes to
// make unique, and a line of 100,000 "[" build, with every id unique.
func TestBuildPageWithRepeatedHeadingsAndFields(t *testing.T) {
	dir := t.TempDir()
	src := newSite(t, dir)
	write(t, filepath.Join(src, "content/protocols/repeated.md"), "---\ntitle: Repeated\n---\n"+
		strings.Repeat("## Same\n\n", 20000)+strings.Repeat("[[Name]] ", 20000)+"\n\n"+strings.Repeat("[", 100000)+"\n")
	if r := run(t, src, "build"); r.code != 0 {
		t.Fatalf("build: %+v", r)
	}
	page, err := os.ReadFile(filepath.Join(src, "public/protocols/repeated/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`id="same-19999"`, `id="field-name-19999"`} {
		if !strings.Contains(string(page), id) {
			t.Errorf("the page lacks %s", id)
		}
	}
}
