package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	put := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := mk("site")
	mk("site/content/pages")
	mk("empty")
	mk("mine")
	put("mine/notes.txt", "x")
	mk("built")
	put("built/"+MarkerName, string(Marker(SiteOutput)))
	mk("reported")
	put("reported/"+MarkerName, string(Marker(ReportOutput)))
	mk("linked-marker")
	put("linked-marker/index.html", "x")
	os.Symlink(filepath.Join(dir, "built", MarkerName), filepath.Join(dir, "linked-marker", MarkerName))
	put("file.txt", "x")
	os.Symlink("built", filepath.Join(dir, "link"))
	os.Symlink("site", filepath.Join(dir, "site-link"))
	home := mk("home")
	t.Setenv("HOME", home)
	work := mk("work/here")
	t.Chdir(work)

	tests := []struct {
		name   string
		out    string
		kind   Kind
		force  bool
		refuse string // part of the message; "" when allowed
	}{
		{"missing folder", filepath.Join(dir, "new"), SiteOutput, false, ""},
		{"missing folder below a missing one", filepath.Join(dir, "new/deeper"), SiteOutput, false, ""},
		{"empty folder", filepath.Join(dir, "empty"), SiteOutput, false, ""},
		{"previous site", filepath.Join(dir, "built"), SiteOutput, false, ""},
		{"previous report", filepath.Join(dir, "reported"), ReportOutput, false, ""},
		{"public inside the source", filepath.Join(src, "public"), SiteOutput, false, ""},
		{"relative new folder", "public", SiteOutput, false, ""},
		{"folder of other files", filepath.Join(dir, "mine"), SiteOutput, false, "was not written by riskguide"},
		{"folder of other files, forced", filepath.Join(dir, "mine"), SiteOutput, true, ""},
		{"marker that is a link", filepath.Join(dir, "linked-marker"), SiteOutput, false, "was not written by riskguide"},
		{"report over a site", filepath.Join(dir, "built"), ReportOutput, false, "holds a riskguide site, not a report"},
		{"site over a report", filepath.Join(dir, "reported"), SiteOutput, false, "holds a riskguide report, not a site"},
		{"file", filepath.Join(dir, "file.txt"), SiteOutput, true, "is a file, not a folder"},
		{"symlink", filepath.Join(dir, "link"), SiteOutput, true, "is a symbolic link"},
		{"root", "/", SiteOutput, true, "is the root of the file system"},
		{"source", src, SiteOutput, true, "is the source folder"},
		{"source through a link", filepath.Join(dir, "site-link") + "/", SiteOutput, true, "is the source folder"},
		{"parent of the source", dir, SiteOutput, true, "contains the source folder"},
		{"content", filepath.Join(src, "content"), SiteOutput, true, "inside the source's content/ folder"},
		{"inside content", filepath.Join(src, "content/pages/x"), SiteOutput, true, "inside the source's content/ folder"},
		{"inside layouts", filepath.Join(src, "layouts/x"), SiteOutput, true, "inside the source's layouts/ folder"},
		{"inside assets", filepath.Join(src, "assets"), SiteOutput, true, "inside the source's assets/ folder"},
		{"inside checklists", filepath.Join(src, "checklists/a/b"), SiteOutput, true, "inside the source's checklists/ folder"},
		{"home", home, SiteOutput, true, "is your home folder"},
		{"current folder", ".", SiteOutput, true, "is the current folder"},
		{"parent of the current folder", "..", SiteOutput, true, "contains the current folder"},
		{"nothing", "", SiteOutput, true, "no output folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOutput(tt.out, tt.kind, src, tt.force)
			switch {
			case tt.refuse == "" && err != nil:
				t.Errorf("CheckOutput(%q) = %v, want nil", tt.out, err)
			case tt.refuse != "" && err == nil:
				t.Errorf("CheckOutput(%q) = nil, want an error with %q", tt.out, tt.refuse)
			case tt.refuse != "" && !strings.Contains(err.Error(), tt.refuse):
				t.Errorf("CheckOutput(%q) = %v, want %q", tt.out, err, tt.refuse)
			}
		})
	}
}

func TestMarkerKind(t *testing.T) {
	for _, k := range []Kind{SiteOutput, ReportOutput} {
		if got := markerKind(Marker(k)); got != k {
			t.Errorf("markerKind(Marker(%q)) = %q", k, got)
		}
	}
	if got := markerKind([]byte("my notes\n")); got != "" {
		t.Errorf("a file of other text read as kind %q", got)
	}
}
