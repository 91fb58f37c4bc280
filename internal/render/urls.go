package render

import (
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Output paths of each kind of page. Every page is an index.html in its own
// folder so that pretty URLs can drop the file name.
func resultPath(id string) string   { return "results/" + id + "/index.html" }
func recPath(id string) string      { return "recommendations/" + id + "/index.html" }
func rolePath(id string) string     { return "checklists/" + id + "/index.html" }
func protocolPath(id string) string { return "protocols/" + id + "/index.html" }
func pagePath(id string) string     { return id + "/index.html" }

// TargetPath is where a cross-reference of kind to id points, as a path from
// the site root, or "" when the target does not exist.
func TargetPath(s *site.Site, kind, id string) string {
	switch kind {
	case "rec":
		if s.Recommendation(id) != nil {
			return recPath(id)
		}
	case "result":
		if s.Result(id) != nil {
			return resultPath(id)
		}
	case "role":
		if s.Role(id) != nil {
			return rolePath(id)
		}
	case "protocol":
		if s.Protocol(id) != nil {
			return protocolPath(id)
		}
	case "checklist":
		if s.ChecklistFor(id) != nil {
			return rolePath(id)
		}
	case "page":
		if s.Page(id) != nil {
			return pagePath(id)
		}
	case "source":
		if s.Source(id) != nil {
			return "sources/index.html#" + SourceAnchor(id)
		}
	}
	return ""
}

// SourceAnchor is the element id of a source on the sources page.
func SourceAnchor(id string) string { return "source-" + id }

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
