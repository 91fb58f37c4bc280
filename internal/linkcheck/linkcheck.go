// Package linkcheck verifies a built site: every internal link and asset
// reference must point at a file that exists, every #fragment at an element
// id on the target page, and nothing may be loaded from another origin.
package linkcheck

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"

	"github.com/riskguide/riskguide/internal/site"
)

// Check walks every HTML file of the site in fsys and returns the problems,
// with positions in the output files (named under prefix). A link to a
// folder only works on a web server, so it is a problem unless pretty URLs
// are wanted.
func Check(fsys fs.FS, prefix string, pretty bool) (site.Diagnostics, error) {
	pages := map[string]*page{}
	var names []string
	// Every page is read before any link is checked, since a link's
	// #fragment names an id on another page; the diagnostics are sorted by
	// position, whatever the order of the pages.
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		names = append(names, p)
		pages[p] = parse(data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var diags site.Diagnostics
	for _, n := range names {
		for _, l := range pages[n].links {
			pos := site.Pos{File: path.Join(prefix, n), Line: l.line, Col: l.col}
			if msg := checkLink(fsys, pages, n, l, pretty); msg != "" {
				diags.Add(pos, "%s", msg)
			}
		}
	}
	return diags.Sort(), nil
}

type link struct {
	tag, attr, value string
	line, col        int
}

type page struct {
	links []link
	ids   map[string]bool
}

// parse collects the links and element ids of one page, with the line and
// column of each tag.
func parse(data []byte) *page {
	p := &page{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	line, col := 1, 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p
		}
		raw := z.Raw()
		startLine, startCol := line, col
		for _, c := range raw {
			if c == '\n' {
				line++
				col = 1
			} else if c&0xC0 != 0x80 {
				col++
			}
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			key := string(k)
			switch {
			case key == "id" || (key == "name" && tag == "a"):
				p.ids[string(v)] = true
			case key == "href" || key == "src" || (key == "action" && tag == "form"):
				if tag == "link" || tag == "a" || tag == "img" || tag == "script" || tag == "form" || tag == "source" || tag == "iframe" {
					p.links = append(p.links, link{tag: tag, attr: key, value: string(v), line: startLine, col: startCol})
				}
			}
		}
	}
}

func checkLink(fsys fs.FS, pages map[string]*page, from string, l link, pretty bool) string {
	u, err := url.Parse(l.value)
	if err != nil {
		return "malformed address " + quote(l.value)
	}
	if u.Scheme != "" || u.Host != "" {
		if l.tag == "a" {
			return "" // following a link is the reader's choice; loading is not
		}
		return "<" + l.tag + "> loads " + quote(l.value) + " from outside the site"
	}
	if strings.HasPrefix(u.Path, "/") {
		return "link " + quote(l.value) + " is root-absolute: it breaks under a sub-path and from file://"
	}
	target := from
	if u.Path != "" {
		target = path.Join(path.Dir(from), u.Path)
		if strings.HasPrefix(target, "../") || target == ".." {
			return "link " + quote(l.value) + " leaves the site"
		}
		info, err := fs.Stat(fsys, target)
		if err != nil {
			return "broken link " + quote(l.value) + ": no file " + target
		}
		if info.IsDir() {
			index := path.Join(target, "index.html")
			if _, err := fs.Stat(fsys, index); err != nil {
				return "broken link " + quote(l.value) + ": folder " + target + " has no index.html"
			}
			if !pretty {
				return "link " + quote(l.value) + " names a folder: it works on a web server but not from file://; link to index.html"
			}
			target = index
		}
	}
	if u.Fragment != "" {
		tp := pages[target]
		if tp == nil {
			return ""
		}
		if !tp.ids[u.Fragment] {
			return "broken anchor " + quote(l.value) + ": no element with id " + quote(u.Fragment) + " in " + target
		}
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }
