package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
)

// SiteMap is the whole site's navigation: every section, and under the
// guidance, checklists, templates and free pages the pages they hold, with
// the page being read marked. The header's menu shows it on a phone and
// the aside beside the text on a wide screen.
type SiteMap struct {
	Sections []MapSection
}

// MapSection is one section of the site map.
type MapSection struct {
	Label, URL, Lang string
	Target           bool // the page is the section's own page
	Current          bool // the page belongs to the section
	// Guide is the guidance navigation, for the guidance section.
	Guide *GuideNav
	// Items are the section's pages, at most mapWindow of them (the
	// section's own page lists them all); More links to the home page's
	// list of free pages when the menu leaves some out.
	Items []MapItem
	More  *Link
}

// MapItem is one page of a section.
type MapItem struct {
	Label, URL, Lang string
	Current          bool
}

// mapWindow is how many pages of one section the map lists at most, so
// that the map, on every page, does not grow with the site.
const mapWindow = 12

// ownMarker stands for a guidance page's own entry in a header made for
// every page of its expected result (see Base.chrome). A comment, so that
// a marker left in a page by mistake shows nothing.
const ownMarker = "<!--riskguide:own-entry-->"

// ownEntry returns the index of the page's own expected result in the
// navigation, and its entry made for this page; -1 when the entry is not
// made alone.
func (g *GuideNav) ownEntry() (int, template.HTML) {
	for i, r := range g.Results {
		if (r.Current || len(r.Recs) > 0) && r.HTML != "" {
			return i, r.HTML
		}
	}
	return -1, ""
}

// marked returns g with ownMarker as the page's own entry.
func (g *GuideNav) marked() *GuideNav {
	m := *g
	m.Results = slices.Clone(g.Results)
	if i, _ := g.ownEntry(); i >= 0 {
		m.Results[i].HTML = ownMarker
	}
	return &m
}

// siteMap is the map as this page shows it; with mark, with ownMarker in
// place of the page's own entry in the guidance.
func (b *Base) siteMap(mark bool) (*SiteMap, error) {
	r := b.r
	m := &SiteMap{}
	for _, n := range b.Nav {
		s := MapSection{Label: n.Label, URL: b.Rel(n.Target), Lang: n.Lang, Target: b.IsTarget(n), Current: b.Current(n)}
		var items []MapItem
		switch n.Target {
		case "index.html":
			g := b.guide.own()
			if g != nil && mark {
				g = g.marked()
			}
			if g == nil {
				var err error
				if g, err = r.guideNav(b, nil, nil); err != nil {
					return nil, err
				}
			}
			s.Guide = g
		case "checklists/index.html":
			for _, role := range r.s.Roles {
				name, lang := role.Name, role.Lang
				if cl := r.s.ChecklistFor(role.ID); cl != nil && cl.Title != "" {
					name, lang = cl.Title, cl.Lang
				}
				items = append(items, MapItem{Label: name, Lang: lang, URL: b.Rel(rolePath(role.ID)), Current: b.Path == rolePath(role.ID)})
			}
		case "protocols/index.html":
			for _, p := range r.s.Protocols {
				items = append(items, MapItem{Label: p.Title, Lang: p.Lang, URL: b.Rel(protocolPath(p.ID)), Current: b.Path == protocolPath(p.ID)})
			}
		}
		// At most mapWindow pages, those around the current one; the
		// section's own page lists them all.
		from, to := around(len(items), slices.IndexFunc(items, func(it MapItem) bool { return it.Current }), mapWindow)
		s.Items = items[from:to]
		m.Sections = append(m.Sections, s)
	}
	if len(b.More) > 0 {
		t, err := b.T("nav.more")
		if err != nil {
			return nil, err
		}
		s := MapSection{Label: t}
		for _, n := range b.More {
			s.Items = append(s.Items, MapItem{Label: n.Label, Lang: n.Lang, URL: b.Rel(n.Target), Current: b.IsTarget(n)})
			s.Current = s.Current || b.IsTarget(n)
		}
		if b.MoreCut() {
			t, err := b.T("nav.allpages")
			if err != nil {
				return nil, err
			}
			s.More = &Link{URL: b.Rel("index.html") + "#all-pages", Text: t}
		}
		m.Sections = append(m.Sections, s)
	}
	return m, nil
}

// own is what the site map shows of a guidance page's navigation: all of
// it while it lists every expected result, and otherwise only the page's
// own result with its recommendations and a link to the full list. The
// aside beside the text shows the window of neighbouring results; on a
// large site, repeating it in the menu of every page would add a tenth to
// each page for entries the menu's reader can reach from the full list.
func (g *GuideNav) own() *GuideNav {
	if g == nil || g.More == nil {
		return g
	}
	m := &GuideNav{More: g.More}
	for _, r := range g.Results {
		if r.Current || len(r.Recs) > 0 {
			m.Results = append(m.Results, r)
		}
	}
	return m
}

// mapKey is what the header's site map shows of this page: "" when the
// page is none of the map's pages, so that its header can be shared.
func (b *Base) mapKey() string {
	if b.guide != nil {
		return b.Path
	}
	for _, prefix := range []string{"checklists/", "protocols/"} {
		if strings.HasPrefix(b.Path, prefix) {
			return b.Path
		}
	}
	if slices.ContainsFunc(b.More, b.IsTarget) {
		return b.Path
	}
	return ""
}

// SiteMap renders the site map (partial site-map) for this page.
func (b *Base) SiteMap() (template.HTML, error) { return b.siteMapHTML(false) }

func (b *Base) siteMapHTML(mark bool) (template.HTML, error) {
	m, err := b.siteMap(mark)
	if err != nil {
		return "", err
	}
	return b.renderItem("site-map", &mapData{SiteMap: m, b: b})
}

// SideMap renders the sections of the site map other than the guidance
// (partial side-map), for the aside of reading pages on a wide screen.
func (b *Base) SideMap() (template.HTML, error) {
	if b.guide != nil {
		// A page of the guidance is none of the pages the side map lists,
		// and the side map leaves out the guidance beside its own
		// navigation: the same on every such page at one folder depth.
		return b.cachedFunc("side-map|"+strconv.Itoa(strings.Count(b.Path, "/")), b.sideMap)
	}
	return b.sideMap()
}

func (b *Base) sideMap() (template.HTML, error) {
	m, err := b.siteMap(false)
	if err != nil {
		return "", err
	}
	return b.renderItem("side-map", &mapData{SiteMap: m, ShowGuide: b.guide == nil, b: b})
}

// mapData is what the site-map partial sees.
type mapData struct {
	*SiteMap
	// ShowGuide is set when the page has no guidance navigation of its
	// own, so that the side map lists the expected results.
	ShowGuide bool
	b         *Base
}

// T returns an interface string.
func (d *mapData) T(key string, args ...any) (string, error) { return d.b.T(key, args...) }
