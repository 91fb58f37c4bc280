package linkcheck

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html": {Data: []byte(`<!DOCTYPE html>
<link rel="stylesheet" href="assets/site.css">
<a href="a/index.html#part">ok</a>
<a href="a/index.html#nothing">bad anchor</a>
<a href="missing/index.html">broken</a>
<a href="https://example.org">external link is fine</a>
<script src="https://cdn.example.org/x.js"></script>
<a href="/a/index.html">root-absolute</a>
<a href="#top" id="top">self</a>
<a href="a/">folder</a>
<img src="../outside.png">
`)},
		"a/index.html":    {Data: []byte(`<h2 id="part">Part</h2><a href="../index.html#top">back</a>`)},
		"assets/site.css": {Data: []byte("body{}")},
	}
	diags, err := Check(fsys, "public", false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`public/index.html:4:1: broken anchor "a/index.html#nothing": no element with id "nothing" in a/index.html`,
		`public/index.html:5:1: broken link "missing/index.html": no file missing/index.html`,
		`public/index.html:7:1: <script> loads "https://cdn.example.org/x.js" from outside the site`,
		`public/index.html:8:1: link "/a/index.html" is root-absolute: it breaks under a sub-path and from file://`,
		`public/index.html:10:1: link "a/" names a folder: it works on a web server but not from file://; link to index.html`,
		`public/index.html:11:1: link "../outside.png" leaves the site`,
	}
	got := strings.Split(diags.Error(), "\n")
	if len(diags) != len(want) {
		t.Fatalf("got %d problems:\n%s", len(diags), diags.Error())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

func TestFolderLinksWithPrettyURLs(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":   {Data: []byte(`<a href="a/">a</a> <a href="./">home</a>`)},
		"a/index.html": {Data: []byte(`<a href="../">home</a>`)},
	}
	diags, err := Check(fsys, "public", true)
	if err != nil || len(diags) > 0 {
		t.Errorf("pretty links rejected: %v %v", diags, err)
	}
}
