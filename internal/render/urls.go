package render

import (
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Output paths of the pages of each kind of entry (see site.Kinds).
func resultPath(id string) string   { return site.PathOf("result", id) }
func recPath(id string) string      { return site.PathOf("rec", id) }
func rolePath(id string) string     { return site.PathOf("role", id) }
func protocolPath(id string) string { return site.PathOf("protocol", id) }
func pagePath(id string) string     { return site.PathOf("page", id) }

// RecAnchor is the element id of a recommendation on pages that list several.
func RecAnchor(id string) string { return "rec-" + id }

// ResultAnchor is the element id of an expected result on pages that list
// several.
func ResultAnchor(id string) string { return "result-" + id }

// relative returns the link from the page at from to the file at to, both
// paths from the site root; to may end in a #fragment. With pretty URLs a
// trailing index.html is dropped, which only a web server can resolve.
func relative(from, to string, pretty bool) string {
	target, frag, hasFrag := strings.Cut(to, "#")
	link := ""
	if target != from || !hasFrag {
		link = strings.Repeat("../", strings.Count(from, "/")) + target
		if pretty {
			link = strings.TrimSuffix(link, "index.html")
			if link == "" {
				link = "./"
			}
		}
	}
	if hasFrag {
		return link + "#" + frag
	}
	return link
}
