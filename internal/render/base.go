package render

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"html/template"
	"slices"
	"strings"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// Base is what every page template can use: the site, the page's place in
// it, links, interface strings and Markdown rendered for this page.
type Base struct {
	Site  *site.Site
	Path  string    // output path from the site root, e.g. "results/training/index.html"
	Kind  string    // page kind, used as the body class
	Title string    // the page's h1 and the first part of <title>
	Nav   []NavItem // the site's sections, in the header
	More  []NavItem // the free pages, in the footer
	// Translated is set on the pages of a language other than the source
	// language, whose texts may be untranslated or out of date: a page that
	// lists many texts asks for their notices only then.
	Translated bool

	// guide is the page's guidance navigation, on pages of the guidance
	// (see guideNav), which its site map shows too.
	guide *GuideNav

	r   *renderer
	md  *markdown.Renderer
	mdp *markdown.Page
}

// NavItem is one entry of the site navigation.
type NavItem struct {
	Label  string
	Target string // path from the site root
	// Sections are the top folders the entry stands for, to mark it current.
	Sections []string
	// Lang is the source language's tag when Label is a text shown
	// untranslated (see site.Role.Lang).
	Lang string
}

// pageIDs are the element ids the layouts use, reserved so that Markdown
// headings and fields never take them.
var pageIDs = []string{"main", "top", "site-nav", "site-title", "skip", "storage-warning", "guidance", "indicators", "roles", "evidence", "templates", "checklist-items", "recommendations", "results", "by-role", "contents", "sources", "cited-by", "summary", "all-pages", "print-hint", "on-this-page", "on-this-page-title", "guide-nav", "guide-nav-title", "site-menu", "side-map-title", "rec-history", "update-history"}

func (r *renderer) newBase(p, kind string, md *markdown.Renderer) *Base {
	b := &Base{Site: r.s, Path: p, Kind: kind, Nav: r.nav, More: r.more, r: r, md: md}
	b.Translated = r.s.Languages != nil && r.s.Languages.State != nil
	b.mdp = &markdown.Page{IDs: markdown.NewIDs(pageIDs...), Resolve: b.resolve}
	return b
}

func (r *renderer) navItems() []NavItem {
	t := r.i18n.Lookup
	return []NavItem{
		{Label: t("nav.guidance"), Target: "index.html", Sections: []string{"results", "recommendations"}},
		{Label: t("nav.checklists"), Target: "checklists/index.html", Sections: []string{"checklists"}},
		{Label: t("nav.assessment"), Target: AssessmentPath, Sections: []string{"self-assessment"}},
		{Label: t("nav.protocols"), Target: "protocols/index.html", Sections: []string{"protocols"}},
		{Label: t("nav.sources"), Target: "sources/index.html", Sections: []string{"sources"}},
	}
}

// MenuPages is how many free pages the menu lists: the first by weight.
// A site with more lists them all once, on the home page, and the menu
// links there, so that every page does not carry every other page's name
// (which made the output grow with the square of the number of pages).
const MenuPages = 8

// moreItems are the free pages of the menu. They are listed in the footer
// and on the home page rather than the header, which on a phone would
// otherwise fill the screen before any content.
func (r *renderer) moreItems() []NavItem {
	var items []NavItem
	for _, p := range r.s.Pages[:min(len(r.s.Pages), MenuPages)] {
		items = append(items, NavItem{Label: p.Title, Target: pagePath(p.ID), Sections: []string{p.ID}, Lang: p.Lang})
	}
	return items
}

// MoreCut reports whether the menu leaves free pages out; the home page
// then lists them all.
func (b *Base) MoreCut() bool { return len(b.More) < len(b.Site.Pages) }

// resolve implements markdown.Resolver for this page.
func (b *Base) resolve(kind, id string) (string, bool) {
	t := b.Site.Target(kind, id)
	if t == "" {
		return "", false
	}
	return b.Rel(t), true
}

// Rel returns the link from this page to a path from the site root.
func (b *Base) Rel(target string) string {
	return relative(b.Path, target, b.Site.Config.PrettyURLs)
}

// URL returns the link from this page to an entity: kind is one of rec,
// result, role, protocol, page, source.
func (b *Base) URL(kind, id string) (string, error) {
	t := b.Site.Target(kind, id)
	if t == "" {
		return "", fmt.Errorf("no %s %q", kind, id)
	}
	return b.Rel(t), nil
}

// Asset returns the link to a file under assets/, with its content hash as
// a query (?v=), so that a browser that keeps assets long still fetches a
// changed one. Assets keep their file name even with pretty URLs.
func (b *Base) Asset(name string) string {
	link := strings.Repeat("../", strings.Count(b.Path, "/")) + "assets/" + name
	if v := b.r.versions[name]; v != "" {
		link += "?v=" + v
	}
	return link
}

// Root returns the link to the home page.
func (b *Base) Root() string { return b.Rel("index.html") }

// Current reports whether a nav item is the section this page belongs to.
func (b *Base) Current(n NavItem) bool {
	if b.Kind == "home" {
		return n.Target == "index.html"
	}
	return slices.ContainsFunc(n.Sections, func(s string) bool { return strings.HasPrefix(b.Path, s+"/") })
}

// IsTarget reports whether this page is the nav item's own page.
func (b *Base) IsTarget(n NavItem) bool { return b.Path == n.Target }

// Canonical is the page's absolute address when a base URL is configured.
func (b *Base) Canonical() string {
	if b.r.o.BaseURL == "" {
		return ""
	}
	return b.r.absURL(b.Path)
}

// Logo is the link to the site's logo, or "".
func (b *Base) Logo() string {
	if b.r.logo == "" {
		return ""
	}
	return b.Asset(strings.TrimPrefix(b.r.logo, "assets/"))
}

// Scripts lists extra scripts for this page, relative to it.
func (b *Base) Scripts() []string {
	var out []string
	for _, s := range b.r.o.HeadScripts {
		out = append(out, b.Rel(s))
	}
	return out
}

// Date writes a date of site.yaml as this page's language writes it.
func (b *Base) Date(iso string) string { return b.r.i18n.Date(iso) }

// QuickExitLabel is the text of the quick-exit button.
func (b *Base) QuickExitLabel() string {
	if l := b.Site.Config.QuickExit.Label; l != "" {
		return l
	}
	return b.text("quickexit.label")
}

// StoreKey is the prefix under which the browser keeps this site's data, so
// that two sites opened from file:// do not share ticks and answers.
func (b *Base) StoreKey() string { return b.r.o.StoreKey }

// T returns the interface string for key, formatted with args. A missing key
// fails the build, so that a layout never shows a raw key.
func (b *Base) T(key string, args ...any) (string, error) {
	return b.r.i18n.Format(key, args...)
}

// text is T for a key the program names (see i18n.Messages.Text).
func (b *Base) text(key string, args ...any) string { return b.r.i18n.Text(key, args...) }

// Markdown renders Markdown for this page.
// Its headings carry links to themselves and its tables reflow on a phone.
func (b *Base) Markdown(t site.Text) template.HTML {
	return withCellLabels(b.withHeadingLinks(b.renderShared(t.Value, b.resolve)))
}

// MarkdownPrefixed renders Markdown for this page with every element id it
// makes starting with prefix, for a page that holds several texts whose
// headings and fields would otherwise take the same ids.
func (b *Base) MarkdownPrefixed(t site.Text, prefix string) template.HTML {
	p := &markdown.Page{IDs: markdown.NewPrefixedIDs(prefix, pageIDs...), Resolve: b.resolve}
	return b.md.Render(t.Value, p)
}

// MarkdownResolved renders Markdown for this page with cross-references to
// recommendations and results pointing at anchors on the page itself, for
// pages that hold the whole guidance.
func (b *Base) MarkdownResolved(t site.Text) template.HTML {
	return b.renderShared(t.Value, b.resolveInPage)
}

// resolveInPage resolves cross-references to recommendations and results
// to their anchors on this page, and others as usual.
func (b *Base) resolveInPage(kind, id string) (string, bool) {
	switch {
	case kind == "rec" && b.Site.Recommendation(id) != nil:
		return "#" + RecAnchor(id), true
	case kind == "result" && b.Site.Result(id) != nil:
		return "#" + ResultAnchor(id), true
	}
	return b.resolve(kind, id)
}

// RecAnchor, ResultAnchor and SourceAnchor expose the anchor names to layouts.
func (b *Base) RecAnchor(id string) string    { return RecAnchor(id) }
func (b *Base) ResultAnchor(id string) string { return ResultAnchor(id) }
func (b *Base) SourceAnchor(id string) string { return site.SourceAnchor(id) }

// ProtocolsFor lists the templates that serve a recommendation.
func (b *Base) ProtocolsFor(recID string) []*site.Protocol { return b.r.protoBy[recID] }

// ChecklistItemsFor lists the checklist items that serve a recommendation.
func (b *Base) ChecklistItemsFor(recID string) []ChecklistRef { return b.r.itemsBy[recID] }

// RecsForRole lists the recommendations that concern a role.
func (b *Base) RecsForRole(roleID string) []*site.Recommendation { return b.r.roleRec[roleID] }

// ChecklistRef is a checklist item seen from a recommendation.
type ChecklistRef struct {
	Role *site.Role
	Text string
	Lang string // the source language's, when the checklist is untranslated
}

// Citation is a recommendation citing a source.
type Citation struct {
	Rec     *site.Recommendation
	Locator string
}

// tickKeys returns the browser storage key of each item of a role's
// checklist, called on the items in order. A key is derived from the
// item's text, not its position, so that ticks survive reordering; rewording
// an item clears its tick, which is what a changed action should do. It is
// the source language's text, so that a tick shows in every language; a
// text met again gets -1, -2... after it.
func tickKeys(role string) func(it site.ChecklistItem) string {
	seen := map[string]int{}
	return func(it site.ChecklistItem) string {
		text := cmp.Or(it.SourceText, it.Text)
		h := fnv.New32a()
		h.Write([]byte(text))
		key := fmt.Sprintf("tick:%s:%08x", role, h.Sum32())
		if n := seen[text]; n > 0 {
			key += fmt.Sprintf("-%d", n)
		}
		seen[text]++
		return key
	}
}

// QuoteSource names the source a site quotes its expected results and
// recommendations from, for the "From:" line under each quotation.
type QuoteSource struct {
	Title string
	// Cite is the address of the source, for the cite attribute of
	// <blockquote>: its own URL, else its entry on the Sources page.
	Cite string
	// URL is its entry on the Sources page.
	URL  string
	Lang string // the source language's, when Title is untranslated
}

// Quote is the source of the quoted texts (site.yaml quotes:), or nil when
// the site does not name one: then nothing is marked as quoted.
func (b *Base) Quote() *QuoteSource {
	id := b.Site.Config.Quotes.ID
	src := b.Site.Source(id)
	if src == nil {
		return nil
	}
	url := b.Rel(b.Site.Target("source", id))
	return &QuoteSource{Title: src.Title, Cite: cmp.Or(src.URL, url), URL: url, Lang: src.Lang}
}

// QuoteLine is what the "quote-from" partial shows under a quotation: the
// page, the source, where to link it, and the editorial note on the
// quoted text, if any.
type QuoteLine struct {
	*Base
	Source *QuoteSource
	Href   string // the source's entry: on the Sources page, or in the same page
	Note   string
}

// QuoteLine prepares the line under a quotation; nil when the site names
// no source for its quotations. href, when not empty, replaces the link to
// the Sources page (the print edition links its own list).
func (b *Base) QuoteLine(note, href string) *QuoteLine {
	q := b.Quote()
	if q == nil {
		return nil
	}
	return &QuoteLine{Base: b, Source: q, Href: cmp.Or(href, q.URL), Note: note}
}

// SourceLangIfTranslated is the source language's tag on a page of another
// language, and "" on the source language's own pages: the lang of a text
// that has no translation yet (a disclaimer, an editorial note).
func (b *Base) SourceLangIfTranslated() string {
	if v := b.Site.Languages; v != nil && v.Source != "" && v.Source != b.Site.Config.Language {
		return v.Source
	}
	return ""
}
