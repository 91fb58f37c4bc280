// Package check verifies the references between entities of a loaded site:
// roles, sources and recommendations named by results, checklists and
// protocols, and the cross-reference links inside every piece of Markdown.
// It also reports links the renderer will not publish (javascript: and the
// like) and, when raw_html is on, raw HTML that the site's
// Content-Security-Policy would block, and the problems of a site's
// interface strings (Messages, LayoutKeys). Like the loader it reports
// every problem with its position.
package check

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// Check returns every reference problem in s, sorted. loadProblems are
// the problems the loader found: references to a kind of entity whose
// defining file failed to load are not checked, since a broken roles.yaml
// would otherwise bury its own problem under one "unknown role" for every
// reference to every role. texts reads the Markdown texts; a build passes
// the one its search index reads too, so that each text is parsed once for
// both. nil means a Texts of the check's own.
func Check(s *site.Site, loadProblems site.Diagnostics, texts *markdown.Texts) site.Diagnostics {
	if texts == nil {
		texts = &markdown.Texts{}
	}
	broken := map[string]bool{}
	for _, d := range loadProblems {
		for _, k := range site.Kinds {
			if strings.HasPrefix(d.Pos.File, k.Defined) {
				broken[k.Name] = true
			}
		}
	}
	c := &checker{s: s, broken: broken, read: texts}
	if q := s.Config.Quotes; q.ID != "" && s.Source(q.ID) == nil && !c.broken["source"] {
		c.diags.Add(q.Pos, "quotes: unknown source %q: add it to content/sources.yaml", q.ID)
	}
	for _, r := range s.Roles {
		c.markdown(r.Description)
	}
	for _, res := range s.Results {
		c.markdown(res.Summary)
		for _, rec := range res.Recommendations {
			c.roles(rec.Roles, "recommendation", rec.ID)
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
		c.roles(p.Roles, "protocol", p.ID)
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
	read   *markdown.Texts
}

// roles checks the roles named by the entry of kind with id.
func (c *checker) roles(refs []site.Ref, kind, id string) {
	if c.broken["role"] {
		return
	}
	for _, r := range refs {
		if c.s.Role(r.ID) == nil {
			c.diags.Add(r.Pos, "%s %q names unknown role %q: add it to content/roles.yaml", kind, id, r.ID)
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
				found[i] = c.read.Links(c.texts[i].Value)
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
		if l.HTML {
			if c.s.Config.RawHTML {
				c.rawHTML(t, l)
			}
			continue
		}
		pos := t.PosAt(l.Offset)
		if markdown.UnsafeURL(l.Dest) {
			what := "link"
			if l.Image {
				what = "image"
			}
			c.diags.Add(pos, "%s %q could run code: riskguide does not publish javascript:, vbscript:, file: or data: addresses (but data: images); remove it", what, clip(l.Dest))
			continue
		}
		if kind, id, _, ok := markdown.SplitRef(l.Dest); ok {
			if !c.s.Has(kind, id) && !c.broken[kind] {
				c.diags.Add(pos, "unknown cross-reference target %q: no %s with id %q", l.Dest, site.UnitWord(kind), id)
			}
			continue
		}
		if l.Image && isExternal(l.Dest) {
			c.diags.Add(pos, "image %q would be loaded from outside the site: copy it into assets/ and link it relatively", l.Dest)
		}
	}
}

func isExternal(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "//") || strings.Contains(strings.SplitN(d, "/", 2)[0], ":")
}

// rawHTML reports what in a piece of raw HTML the site's
// Content-Security-Policy (default-src 'self', see docs/hosting.md) would
// block: a browser would refuse it, and the page would not work as its
// author saw it elsewhere.
func (c *checker) rawHTML(t site.Text, l markdown.Link) {
	z := html.NewTokenizer(strings.NewReader(l.Dest))
	off := 0 // of the current token in l.Dest
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		raw := string(z.Raw())
		start := off
		off += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		at := func(attr string) site.Pos {
			return t.PosAt(l.Offset + start + attrOffset(raw, attr))
		}
		switch tok.DataAtom {
		case atom.Script:
			if !slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool { return a.Key == "src" }) {
				c.diags.Add(t.PosAt(l.Offset+start), "inline <script> in raw HTML: the site's Content-Security-Policy blocks it; put the script in a file under assets/ and load it with <script src>")
			}
		case atom.Style:
			c.diags.Add(t.PosAt(l.Offset+start), "<style> in raw HTML: the site's Content-Security-Policy blocks it; put the rules in a stylesheet under assets/")
		}
		for _, a := range tok.Attr {
			name := strings.ToLower(a.Key)
			switch {
			case name == "style":
				c.diags.Add(at(a.Key), "style= attribute in raw HTML: the site's Content-Security-Policy blocks it; use a class and a stylesheet under assets/")
			case strings.HasPrefix(name, "on"):
				c.diags.Add(at(a.Key), "%s= event handler in raw HTML: the site's Content-Security-Policy blocks it; put the script in a file under assets/", name)
			case scriptURL(a.Val):
				c.diags.Add(at(a.Key), "%s=%q in raw HTML: the site's Content-Security-Policy blocks javascript: URLs", name, clip(a.Val))
			case loads[name] && isExternal(strings.TrimSpace(a.Val)):
				c.diags.Add(at(a.Key), "%s=%q in raw HTML would be loaded from outside the site: the site's Content-Security-Policy blocks it; copy the file into assets/ and link it relatively", name, clip(a.Val))
			}
		}
	}
}

// loads are the attributes whose address a browser fetches as it shows
// the page (a link's href is only followed when clicked).
var loads = map[string]bool{"src": true, "srcset": true, "poster": true, "data": true}

// scriptURL reports whether a browser would run an attribute value as a
// javascript: URL: it drops leading control characters and spaces, and
// tabs and line breaks anywhere, before it reads the scheme.
func scriptURL(v string) bool {
	v = strings.TrimLeftFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	return len(v) >= len("javascript:") && strings.EqualFold(v[:len("javascript:")], "javascript:")
}

// attrOffset is where the attribute named key starts in a raw start tag,
// or 0, the tag's start, when it cannot be told.
func attrOffset(raw, key string) int {
	lower := strings.ToLower(raw)
	key = strings.ToLower(key)
	for from := 1; from < len(lower); {
		i := strings.Index(lower[from:], key)
		if i < 0 {
			return 0
		}
		i += from
		before, after := lower[i-1], byte(' ')
		if i+len(key) < len(lower) {
			after = lower[i+len(key)]
		}
		if isSpaceOrSlash(before) && (after == '=' || after == '>' || after == '/' || isSpaceOrSlash(after)) {
			return i
		}
		from = i + 1
	}
	return 0
}

func isSpaceOrSlash(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '/'
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	if len(s) > 60 {
		i := 57
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		return s[:i] + "..."
	}
	return s
}

// Warnings lists what is worth fixing before a site is published but does
// not stop it from building: a publisher still written as a placeholder in
// square brackets, as the built-in site ships it, which every page footer,
// the print edition and the printed self-assessment would show.
func Warnings(s *site.Site) site.Diagnostics {
	var ws site.Diagnostics
	if p := strings.TrimSpace(s.Config.Publisher); strings.HasPrefix(p, "[") && strings.HasSuffix(p, "]") {
		ws.Add(s.Config.PublisherPos, "warning: publisher %q is a placeholder: write the name of the organisation that publishes this copy (it is printed at the foot of every page, in the print edition and in printed self-assessments)", p)
	}
	return ws.Sort()
}
