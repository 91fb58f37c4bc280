package generate

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// manyPagesSite is the small site with n one-line free pages.
func manyPagesSite(n int) fstest.MapFS {
	fsys := smallSite()
	for i := range n {
		fsys[fmt.Sprintf("content/pages/page-%05d.md", i)] = &fstest.MapFile{
			Data: fmt.Appendf(nil, "---\ntitle: Page %d\nweight: %d\n---\nOne line of text.\n", i, i+2),
		}
	}
	return fsys
}

// outputSize sums the bytes of every file under dir, and of the free pages'
// files alone.
func outputSize(t *testing.T, dir string) (total, pages int64) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		if strings.HasPrefix(filepath.Base(filepath.Dir(p)), "page-") {
			pages += info.Size()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return total, pages
}

// TestManyFreePagesOutputIsLinear builds sites of 500 and 5,000 one-line
// free pages. Every page used to carry the menu of all free pages, so the
// output grew with the square of their number (5,000 pages made 1.28 GB).
// Now a free page is as large with 5,000 as with 500 others, and the whole
// output grows by a bounded number of bytes per page.
func TestManyFreePagesOutputIsLinear(t *testing.T) {
	const small, large = 500, 5000
	size := func(n int) (total, perPage int64) {
		out := filepath.Join(t.TempDir(), "public")
		buildFS(t, manyPagesSite(n), out)
		total, pages := outputSize(t, out)
		return total, pages / int64(n)
	}
	smallTotal, smallPage := size(small)
	largeTotal, largePage := size(large)
	t.Logf("%d pages: %d bytes, %d a free page; %d pages: %d bytes, %d a free page",
		small, smallTotal, smallPage, large, largeTotal, largePage)
	if largePage > smallPage*11/10 {
		t.Errorf("a free page is %d bytes among %d pages but %d among %d: the pages grow with their number",
			smallPage, small, largePage, large)
	}
	// Each page more costs its own file, a line in the list of all pages
	// and its entries in the search index: well under twice its own size.
	if perMore := (largeTotal - smallTotal) / (large - small); perMore > 2*smallPage {
		t.Errorf("each page more adds %d bytes to the output, a free page being %d", perMore, smallPage)
	}
}

// TestMenuShowsFirstPagesAndLinksToAll: with more free pages than the menu
// holds, the footer of every page lists the first by weight and links to
// the list of all pages on the home page; a site with few pages has no
// such link and no such list.
func TestMenuShowsFirstPagesAndLinksToAll(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildFS(t, manyPagesSite(11), out) // with about.md, 12 pages
	footer := []expect{
		{".footer-nav li", 9, "", "", ""},
		{".footer-nav li:first-child a", 1, "About", "", ""},
		{".footer-nav li:nth-child(8) a", 1, "Page 6", "", ""},
		{".footer-nav li:last-child a", 1, "All pages", "href", "../index.html#all-pages"},
	}
	checkPage(t, out, "page-00010/index.html", footer)
	checkPage(t, out, "recommendations/train/index.html", append(footer[:3:3], expect{".footer-nav li:last-child a", 1, "All pages", "href", "../../index.html#all-pages"}))
	checkPage(t, out, "page-00003/index.html", []expect{{`.footer-nav a[aria-current="page"]`, 1, "Page 3", "", ""}})
	checkPage(t, out, "index.html", []expect{
		{"#all-pages", 1, "All pages", "", ""},
		{"ul.all-pages li", 12, "About", "", ""},
		{"ul.all-pages li:last-child a", 1, "Page 10", "href", "page-00010/index.html"},
		{`.entry-points a[href="#all-pages"]`, 1, "All pages", "", ""},
	})

	small := filepath.Join(t.TempDir(), "public")
	buildFS(t, manyPagesSite(3), small)
	checkPage(t, small, "index.html", []expect{{"#all-pages", 0, "", "", ""}, {".footer-nav li", 4, "", "", ""}, {`a[href$="#all-pages"]`, 0, "", "", ""}})
}
