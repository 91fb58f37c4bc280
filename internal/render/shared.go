package render

import (
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark/util"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// A recommendation's guidance is shown on its own page and again in the
// print edition, and a result's summary likewise; converting each text once
// per build instead of twice saves a tenth of a large build. What differs
// between the two pages is only where cross-references lead, so the text is
// converted once with a marker in place of each cross-reference's address,
// and each page puts its own addresses in.
//
// That is only exact when nothing else in the HTML depends on the page: the
// element ids of headings and fields do (they must be unique on the page),
// so a text that has any is converted for each page as before.

// xrefMarker starts the stand-in address of a cross-reference, followed by
// "kind:id:". Ids are lower-case letters, digits and hyphens, so goldmark
// writes the marker unchanged.
const xrefMarker = "riskguide-xref:"

// sharedEntry is a converted text, in renderer.shared by its source. Each
// entry is converted exactly once: two workers that meet the same text wait
// on the entry's Once instead of both converting it.
type sharedEntry struct {
	once sync.Once
	text sharedText
}

type sharedText struct {
	html     string // with markers
	pageFree bool   // false: convert for each page
}

// renderShared converts src for page p, whose cross-references resolve
// through resolve, reusing an earlier conversion when it can.
func (b *Base) renderShared(src string, resolve markdown.Resolver) template.HTML {
	p := &markdown.Page{IDs: b.mdp.IDs, Resolve: resolve}
	if src == "" {
		return ""
	}
	v, ok := b.r.shared.Load(src)
	if !ok {
		v, _ = b.r.shared.LoadOrStore(src, &sharedEntry{})
	}
	e := v.(*sharedEntry)
	e.once.Do(func() { e.text = sharedConversion(b.md, b.Site, src) })
	t := e.text
	if !t.pageFree {
		return b.md.Render(src, p)
	}
	return template.HTML(fillXrefs(t.html, resolve))
}

// sharedConversion converts src once for every page, with markers for the
// addresses of cross-references.
func sharedConversion(md *markdown.Renderer, s *site.Site, src string) sharedText {
	if strings.Contains(src, xrefMarker) {
		return sharedText{}
	}
	page := &markdown.Page{
		IDs: markdown.NewIDs(pageIDs...),
		Resolve: func(kind, id string) (string, bool) {
			if s.Target(kind, id) == "" {
				return "", false
			}
			return xrefMarker + kind + ":" + id + ":", true
		},
	}
	html := md.Render(src, page)
	if page.IDs.Taken() {
		return sharedText{} // headings or fields: their ids depend on the page
	}
	return sharedText{html: string(html), pageFree: true}
}

// fillXrefs replaces every marker in html by the address resolve gives,
// escaped as goldmark escapes a link's address.
func fillXrefs(html string, resolve markdown.Resolver) string {
	i := strings.Index(html, xrefMarker)
	if i < 0 {
		return html
	}
	var out strings.Builder
	out.Grow(len(html))
	for i >= 0 {
		out.WriteString(html[:i])
		rest := html[i+len(xrefMarker):]
		kind, rest, _ := strings.Cut(rest, ":")
		id, rest, _ := strings.Cut(rest, ":")
		url, _ := resolve(kind, id)
		if plainURL(url) {
			out.WriteString(url) // what escaping would give, without its copies
		} else {
			out.Write(util.EscapeHTML(util.URLEscape([]byte(url), true)))
		}
		html = rest
		i = strings.Index(html, xrefMarker)
	}
	out.WriteString(html)
	return out.String()
}

// plainURL reports whether url has only characters that goldmark's URL and
// HTML escaping leave as they are, as the addresses of pages and anchors do.
func plainURL(url string) bool {
	for i := 0; i < len(url); i++ {
		switch c := url[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '/', c == '.', c == '_', c == '-', c == '#':
		default:
			return false
		}
	}
	return true
}
