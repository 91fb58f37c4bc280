package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Chrome is what the header and footer partials see: the site and its menus,
// with links made from the page's folder, but nothing of the page itself. So
// the header and footer of every page at the same depth, in the same menu
// state, are the same bytes; they are rendered once and reused, which on a
// large site saves most of the template work. A partial that asks for
// something of the page (such as .Title) fails the build with a clear
// message instead of being cached wrongly.
type Chrome struct {
	Site *site.Site
	Nav  []NavItem
	More []NavItem

	b *Base
	// mark is set when the header is made for every page of one expected
	// result: the site map holds ownMarker in place of the page's own
	// entry (see Base.chrome).
	mark bool
}

// Rel returns the link from the page to a path from the site root.
func (c *Chrome) Rel(target string) string { return c.b.Rel(target) }

// Root returns the link to the home page.
func (c *Chrome) Root() string { return c.b.Root() }

// Asset returns the link to a file under assets/.
func (c *Chrome) Asset(name string) string { return c.b.Asset(name) }

// Split reports whether the self-assessment is in parts (PartForm), whose
// pages load the guidance from a script of its own.
func (c *Chrome) Split() bool { return c.b.r.split }

// Logo is the link to the site's logo, or "".
func (c *Chrome) Logo() string { return c.b.Logo() }

// MoreCut reports whether the menu leaves free pages out (see MenuPages).
func (c *Chrome) MoreCut() bool { return c.b.MoreCut() }

// Current reports whether a menu entry is the section the page belongs to.
func (c *Chrome) Current(n NavItem) bool { return c.b.Current(n) }

// IsTarget reports whether the page is the menu entry's own page.
func (c *Chrome) IsTarget(n NavItem) bool { return c.b.IsTarget(n) }

// Scripts lists extra scripts for the page, relative to it.
func (c *Chrome) Scripts() []string { return c.b.Scripts() }

// HasGuide reports whether the page shows the guidance navigation (see
// Aside), to which the header links on narrow screens.
func (c *Chrome) HasGuide() bool { return c.b.hasGuide() }

func (b *Base) hasGuide() bool { return b.Kind == "recommendation" || b.Kind == "result" }

// IsSearch reports whether the page is the search page, which has a
// search box of its own.
func (c *Chrome) IsSearch() bool { return c.b.Kind == "search" }

// SiteMap renders the site map for the header's menu (see SiteMap).
func (c *Chrome) SiteMap() (template.HTML, error) { return c.b.siteMapHTML(c.mark) }

// T returns an interface string.
func (c *Chrome) T(key string, args ...any) (string, error) { return c.b.T(key, args...) }

// Date writes a date of site.yaml as the page's language writes it.
func (c *Chrome) Date(iso string) string { return c.b.Date(iso) }

// key describes everything a header or footer depends on: the folder depth
// of the page and which menu entries are marked on it.
func (b *Base) chromeKey(name string) string {
	var k strings.Builder
	k.WriteString(name)
	k.WriteByte('|')
	k.WriteString(strconv.Itoa(strings.Count(b.Path, "/")))
	if b.hasGuide() {
		k.WriteByte('g')
	}
	if b.Kind == "search" {
		k.WriteByte('s')
	}
	for _, list := range [][]NavItem{b.Nav, b.More} {
		for _, n := range list {
			switch {
			case b.IsTarget(n):
				k.WriteByte('t')
			case b.Current(n):
				k.WriteByte('c')
			default:
				k.WriteByte('-')
			}
		}
	}
	return k.String()
}

func (b *Base) chrome(name string) (template.HTML, error) {
	if name == "header" && b.guide != nil {
		// A page of the guidance is marked in the site map only within its
		// own expected result's entry, which the aside shows too and which
		// is made once per page (see guideNav). The rest of the header is
		// the same for every page of that result: it is made once, with a
		// marker where the entry goes.
		i, own := b.guide.ownEntry()
		if i < 0 {
			return b.render(name, false)
		}
		h, err := b.cachedFunc(b.chromeKey(name)+"|"+b.guide.Results[i].URL, func() (template.HTML, error) { return b.render(name, true) })
		if err != nil {
			return "", err
		}
		return template.HTML(strings.ReplaceAll(string(h), ownMarker, string(own))), nil
	}
	if name == "header" && b.mapKey() != "" {
		// The header's menu marks this page in the site map: its header
		// is its own, and is not kept.
		return b.render(name, false)
	}
	return b.cached(name, b.chromeKey(name))
}

// render renders a header or footer partial for this page; with mark,
// with ownMarker in place of the page's own entry in the guidance.
func (b *Base) render(name string, mark bool) (template.HTML, error) {
	return b.renderItem(name, &Chrome{Site: b.Site, Nav: b.Nav, More: b.More, b: b, mark: mark})
}

func (b *Base) cached(name, key string) (template.HTML, error) {
	return b.cachedFunc(key, func() (template.HTML, error) { return b.render(name, false) })
}

// cachedFunc returns what make renders, made once per key.
func (b *Base) cachedFunc(key string, make func() (template.HTML, error)) (template.HTML, error) {
	if h, ok := b.r.chrome.Load(key); ok {
		return h.(template.HTML), nil
	}
	h, err := make()
	if err != nil {
		return "", err
	}
	b.r.chrome.Store(key, h)
	return h, nil
}

// item returns partial name rendered for data, made once per key: a piece
// of a page that many pages show alike, such as an entry of the guidance
// navigation. key must say everything the piece shows.
func (b *Base) item(name, key string, data any) (template.HTML, error) {
	return b.itemFunc(name, key, func() any { return data })
}

// renderItem renders partial name for data, without keeping it.
func (b *Base) renderItem(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := b.r.tmpl.execute(&buf, b.Kind, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// itemFunc is item with data made only when the piece is not made yet.
func (b *Base) itemFunc(name, key string, data func() any) (template.HTML, error) {
	return b.cachedFunc(name+"\x00"+key, func() (template.HTML, error) { return b.renderItem(name, data()) })
}

// Head renders the head partial, layouts/partials/head.html: the same for
// every page of one kind at one folder depth.
func (b *Base) Head() (template.HTML, error) {
	return b.cached("head", "head|"+b.Kind+"|"+strconv.Itoa(strings.Count(b.Path, "/")))
}

// Header renders the header partial, layouts/partials/header.html.
func (b *Base) Header() (template.HTML, error) { return b.chrome("header") }

// Footer renders the footer partial, layouts/partials/footer.html.
func (b *Base) Footer() (template.HTML, error) { return b.chrome("footer") }
