// Package check verifies the references between entities of a loaded site:
// roles, sources and recommendations named by results, checklists and
// protocols, and the cross-reference links inside every piece of Markdown.
// Like the loader it reports every problem with its position.
package check

import (
	"runtime"
	"strings"
	"sync"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// Check returns every reference problem in s, sorted. loadProblems are
// the problems the loader found: references to a kind of entity whose
// defining file failed to load are not checked, since a broken roles.yaml
// would otherwise bury its own problem under one "unknown role" for every
// reference to every role.
func Check(s *site.Site, loadProblems site.Diagnostics) site.Diagnostics {
	broken := map[string]bool{}
	for _, d := range loadProblems {
		switch f := d.Pos.File; {
		case f == "content/roles.yaml":
			broken["role"] = true
		case f == "content/sources.yaml":
			broken["source"] = true
		case strings.HasPrefix(f, "content/expected-results"):
			broken["rec"], broken["result"] = true, true
		case strings.HasPrefix(f, "content/protocols/"):
			broken["protocol"] = true
		case strings.HasPrefix(f, "content/pages/"):
			broken["page"] = true
		}
	}
	c := &checker{s: s, broken: broken}
	for _, r := range s.Roles {
		c.markdown(r.Description)
	}
	for _, res := range s.Results {
		c.markdown(res.Summary)
		for _, rec := range res.Recommendations {
			c.roles(rec.Roles, "recommendation "+quote(rec.ID))
			for _, ev := range rec.Evidence {
				if s.Source(ev.Source.ID) == nil && !c.broken["source"] {
					c.diags.Add(ev.Source.Pos, "unknown source %q: add it to content/sources.yaml", ev.Source.ID)
				}
			}
			c.markdown(rec.Guidance)
		}
	}
	for _, cl := range s.Checklists {
		if s.Role(cl.Role.ID) == nil && !c.broken["role"] {
			c.diags.Add(cl.Role.Pos, "checklist for unknown role %q: add it to content/roles.yaml", cl.Role.ID)
		}
		c.markdown(cl.Intro)
		for _, sec := range cl.Sections {
			for _, it := range sec.Items {
				c.recs(it.Recommendations)
			}
		}
	}
	for _, p := range s.Protocols {
		c.recs(p.Recommendations)
		c.roles(p.Roles, "protocol "+quote(p.ID))
		c.markdown(p.Body)
	}
	for _, p := range s.Pages {
		c.markdown(p.Body)
	}
	c.links()
	return c.diags.Sort()
}

type checker struct {
	s      *site.Site
	broken map[string]bool // kinds whose definitions did not load
	diags  site.Diagnostics
	texts  []site.Text // Markdown whose links are still to check
}

func quote(s string) string { return `"` + s + `"` }

func (c *checker) roles(refs []site.Ref, owner string) {
	if c.broken["role"] {
		return
	}
	for _, r := range refs {
		if c.s.Role(r.ID) == nil {
			c.diags.Add(r.Pos, "%s names unknown role %q: add it to content/roles.yaml", owner, r.ID)
		}
	}
}

func (c *checker) recs(refs []site.Ref) {
	if c.broken["rec"] {
		return
	}
	for _, r := range refs {
		if c.s.Recommendation(r.ID) == nil {
			c.diags.Add(r.Pos, "unknown recommendation %q", r.ID)
		}
	}
}

// Exists reports whether a cross-reference target exists in s.
func Exists(s *site.Site, kind, id string) bool {
	switch kind {
	case "rec":
		return s.Recommendation(id) != nil
	case "result":
		return s.Result(id) != nil
	case "role":
		return s.Role(id) != nil
	case "protocol":
		return s.Protocol(id) != nil
	case "page":
		return s.Page(id) != nil
	case "source":
		return s.Source(id) != nil
	}
	return false
}

// markdown queues the links of one Markdown text for checking.
func (c *checker) markdown(t site.Text) {
	if t.Value != "" {
		c.texts = append(c.texts, t)
	}
}

// links checks the queued texts: cross-references must name something that
// exists, and images must not load anything from outside. Parsing is most
// of a large site's check, so the texts are parsed on every CPU; the
// problems are then added in the order of the texts.
func (c *checker) links() {
	found := make([][]markdown.Link, len(c.texts))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(c.texts); i += workers {
				found[i] = markdown.Links(c.texts[i].Value)
			}
		}()
	}
	wg.Wait()
	for i, t := range c.texts {
		c.textLinks(t, found[i])
	}
}

func (c *checker) textLinks(t site.Text, links []markdown.Link) {
	for _, l := range links {
		pos := t.PosAt(l.Offset)
		if kind, id, _, ok := markdown.SplitRef(l.Dest); ok {
			if !Exists(c.s, kind, id) && !c.broken[kind] {
				c.diags.Add(pos, "unknown cross-reference target %q: no %s with id %q", l.Dest, kindName(kind), id)
			}
			continue
		}
		if l.Image && isExternal(l.Dest) {
			c.diags.Add(pos, "image %q would be loaded from outside the site: copy it into assets/ and link it relatively", l.Dest)
		}
	}
}

func kindName(kind string) string {
	switch kind {
	case "rec":
		return "recommendation"
	case "result":
		return "expected result"
	case "protocol":
		return "protocol template"
	}
	return kind
}

func isExternal(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "//") || strings.Contains(strings.SplitN(d, "/", 2)[0], ":")
}
