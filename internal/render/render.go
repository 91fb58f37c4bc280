// Package render turns a checked site into the bytes of every output file:
// HTML pages from html/template layouts, the theme's assets, and the
// stylesheets generated from the site (colours, code highlighting). It never
// touches the disk; every file leaves through a publish.Output.
//
// Layouts live in layouts/: baseof.html is the frame shared by every page,
// partials/*.html hold named pieces, and one file per page kind defines the
// "main" block. Interface strings come from layouts/i18n/<language>.yaml,
// read by load.SiteMessages and handed in with the Options.
package render

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/i18n"
	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/site"
)

// Options configure a render.
type Options struct {
	// Theme holds layouts/ and assets/: a site's own files over the defaults.
	Theme fs.FS
	// Messages are the site's interface strings, its terms written in
	// (load.SiteMessages): render reads no strings of its own.
	Messages *i18n.Messages
	// Source is the site folder, from which the logo is copied.
	Source fs.FS
	// BaseURL, when set, is the address the site will be published at; it
	// is used for canonical links and the sitemap, never for navigation.
	BaseURL string
	// Workers is the number of pages rendered at once; 0 means one per CPU.
	Workers int
	// HeadScripts are extra script paths, relative to the site root, loaded
	// by every page; serve uses it for live reload. Builds leave it empty.
	HeadScripts []string
	// Progress, if set, is called after each page with the number of pages
	// done and the total. It may be called from several goroutines.
	Progress func(done, total int)
	// StoreKey is the key under which browsers keep what users type; every
	// language of a site shares one (see generate.storeKey).
	StoreKey string
	// Editions are the site's recorded editions and how the content
	// differs from them; nil when not known.
	Editions *edition.Set
	// Only, if set, limits the pages rendered to those it accepts, by
	// path from the site root; assets are written all the same. serve
	// renders the pages open in a browser first (see serve.Server.rebuild).
	Only func(path string) bool
}

// Render renders every file of the site s into out.
func Render(s *site.Site, o Options, out publish.Output) error {
	r, err := newRenderer(s, o)
	if err != nil {
		return err
	}
	return r.render(out)
}

func (r *renderer) render(out publish.Output) error {
	for _, f := range r.assetFiles {
		if err := publish.WriteFile(out, f.path, f.data); err != nil {
			return err
		}
	}
	if r.o.BaseURL != "" {
		if err := publish.WriteFile(out, "sitemap.xml", r.sitemap()); err != nil {
			return err
		}
	}
	err := r.pages(out)
	if werr := r.writeWorkbook(out); err == nil {
		err = werr
	}
	return err
}

type renderer struct {
	s    *site.Site
	o    Options
	tmpl *templates
	i18n *i18n.Messages
	nav  []NavItem
	more []NavItem
	// chrome holds rendered pieces that many pages share (headers,
	// footers, entries of the guidance) by key: string -> template.HTML.
	chrome  sync.Map
	logo    string // output path of the logo, if any
	protoBy map[string][]*site.Protocol
	itemsBy map[string][]ChecklistRef
	citedBy map[string][]Citation
	roleRec map[string][]*site.Recommendation
	shared  sync.Map // converted Markdown by source: string -> *sharedEntry
	// assetFiles are the files under assets/, read before any page is
	// rendered, and versions their content hashes by path under assets/,
	// which links to them carry (see Base.Asset).
	assetFiles []outFile
	versions   map[string]string
	// workbook delivers the blank workbook, written beside the pages
	// (see startWorkbook).
	workbook chan workbookResult
	editions *editionIndex
	// split is set when the self-assessment is in parts (PartForm), long
	// when it is long (LongForm).
	split, long bool
	// fingerprint is the site's, which every self-assessment page and the
	// workbook carry: made once, it hashes every text.
	fingerprint string
}

// outFile is a file to emit.
type outFile struct {
	path string
	data []byte
}

func newRenderer(s *site.Site, o Options) (*renderer, error) {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	t, err := parseTemplates(o.Theme)
	if err != nil {
		return nil, err
	}
	r := &renderer{s: s, o: o, tmpl: t, i18n: o.Messages}
	n := len(s.AllRecommendations())
	r.split, r.long = n >= PartForm, n >= LongForm
	r.fingerprint = s.Fingerprint()
	if s.Config.Logo != "" {
		r.logo = "assets/logo" + path.Ext(s.Config.Logo)
	}
	if err := r.readAssets(); err != nil {
		return nil, err
	}
	r.index()
	r.nav = r.navItems()
	r.more = r.moreItems()
	r.editions = newEditionIndex(o.Editions)
	return r, nil
}

// index computes the reverse relations pages show: templates and checklist
// items that serve a recommendation, recommendations citing a source, and
// recommendations concerning a role.
func (r *renderer) index() {
	r.protoBy = map[string][]*site.Protocol{}
	for _, p := range r.s.Protocols {
		for _, ref := range p.Recommendations {
			if !slices.Contains(r.protoBy[ref.ID], p) {
				r.protoBy[ref.ID] = append(r.protoBy[ref.ID], p)
			}
		}
	}
	r.itemsBy = map[string][]ChecklistRef{}
	for _, c := range r.s.Checklists {
		for _, sec := range c.Sections {
			for _, it := range sec.Items {
				for _, ref := range it.Recommendations {
					r.itemsBy[ref.ID] = append(r.itemsBy[ref.ID], ChecklistRef{Role: r.s.Role(c.Role.ID), Text: it.Text, Lang: c.Lang})
				}
			}
		}
	}
	r.citedBy = map[string][]Citation{}
	r.roleRec = map[string][]*site.Recommendation{}
	for _, rec := range r.s.AllRecommendations() {
		for _, ev := range rec.Evidence {
			r.citedBy[ev.Source.ID] = append(r.citedBy[ev.Source.ID], Citation{Rec: rec, Locator: ev.Locator})
		}
		for _, role := range rec.Roles {
			r.roleRec[role.ID] = append(r.roleRec[role.ID], rec)
		}
	}
}

// job renders one page.
type job struct {
	path string
	kind string
	make func(b *Base) (any, error)
}

func (r *renderer) pages(out publish.Output) error {
	jobs := r.jobs()
	if r.o.Only != nil {
		jobs = slices.DeleteFunc(jobs, func(j job) bool { return !r.o.Only(j.path) })
	}
	jobs = schedule(jobs)
	var done atomic.Int64
	work := make(chan job)
	errs := make([]error, r.o.Workers)
	var wg sync.WaitGroup
	var stop sync.Once
	failed := make(chan struct{})
	for w := 0; w < r.o.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			md := markdown.New(markdown.Options{Unsafe: r.s.Config.RawHTML})
			po := &pageOut{out: out}
			for j := range work {
				if errs[w] != nil {
					continue
				}
				if err := r.renderPage(j, md, po); err != nil {
					errs[w] = err
					stop.Do(func() { close(failed) })
				}
				if r.o.Progress != nil {
					r.o.Progress(int(done.Add(1)), len(jobs))
				}
			}
		}(w)
	}
loop:
	for _, j := range jobs {
		select {
		case work <- j:
		case <-failed:
			break loop
		}
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) renderPage(j job, md *markdown.Renderer, out *pageOut) error {
	b := r.newBase(j.path, j.kind, md)
	data, err := j.make(b)
	if err != nil {
		return fmt.Errorf("rendering %s: %w", j.path, err)
	}
	w, err := out.open(j.path)
	if err != nil {
		return err
	}
	if err := r.tmpl.execute(w, j.kind, "baseof.html", data); err != nil {
		// The file is closed half-written; the build fails, and its output
		// is never published.
		out.file.Close()
		return fmt.Errorf("rendering %s: %w", j.path, err)
	}
	return out.close()
}

// pageOut is where one worker writes its pages: each page's file, through
// one buffer the worker keeps.
type pageOut struct {
	out  publish.Output
	file io.WriteCloser
	bw   *bufio.Writer
}

func (o *pageOut) open(path string) (io.Writer, error) {
	f, err := o.out.Create(path)
	if err != nil {
		return nil, err
	}
	o.file = f
	if o.bw == nil {
		o.bw = bufio.NewWriterSize(f, 64<<10)
	} else {
		o.bw.Reset(f)
	}
	return o.bw, nil
}

func (o *pageOut) close() error {
	err := o.bw.Flush()
	if cerr := o.file.Close(); err == nil {
		err = cerr
	}
	return err
}

// longJobs are the kinds of page that list the whole site, longest first.
var longJobs = []string{"self-assessment", "print", "sources"}

// schedule orders the pages for rendering. The pages that list the whole
// site take longest (on a large site one of them takes as long as thousands
// of recommendation pages): at the end, one worker would render them while
// the others waited. They start halfway through the recommendation pages
// instead, longest first, and the rest of those fill the other workers.
// (At the very start, beside the search index, they raised the peak memory
// of a large build by half.)
func schedule(jobs []job) []job {
	var long, rest []job
	recs := 0
	for _, kind := range longJobs {
		for _, j := range jobs {
			if j.kind == kind {
				long = append(long, j)
			}
		}
	}
	for _, j := range jobs {
		if !slices.Contains(longJobs, j.kind) {
			rest = append(rest, j)
		}
		if j.kind == "recommendation" {
			recs++
		}
	}
	at, seen := len(rest), 0
	for i, j := range rest {
		if j.kind == "recommendation" {
			if seen == recs/2 {
				at = i
				break
			}
			seen++
		}
	}
	return slices.Concat(rest[:at], long, rest[at:])
}

// pageKind is one kind of page: its layout, layouts/<name>.html, and
// either one page at path or, with no path, a page for each entry of the
// kind of content whose Layout is name (see site.Kinds).
type pageKind struct {
	name, path string
	// page makes the data of the page of entries[i] (nil for one page).
	page func(r *renderer, b *Base, entries []site.Entry, i int) (any, error)
}

// generatedPages list, by kind, the pages the build knows of beyond the
// content, such as those of recorded editions: their kinds in pageKinds
// have neither path nor page.
var generatedPages = map[string]func(r *renderer) []job{
	"changes": (*renderer).changesJobs,
	"edition": (*renderer).editionJobs,
	"retired": (*renderer).retiredJobs,
	// The self-assessment: one page, or an overview and a page per
	// expected result (PartForm).
	"self-assessment": (*renderer).assessmentJobs,
}

// pageKinds are the kinds of page, in the order of the sitemap. A kind of
// content whose Layout has no entry here gets an EntryPage for each entry,
// after these: a new kind of content needs only its layout.
var pageKinds = []pageKind{
	{"home", "index.html", one((*renderer).homePage)},
	{"result", "", func(r *renderer, b *Base, es []site.Entry, i int) (any, error) {
		return r.resultPage(b, es[i].(*site.ExpectedResult))
	}},
	{"recommendation", "", func(r *renderer, b *Base, es []site.Entry, i int) (any, error) {
		var prev, next *site.Recommendation
		if i > 0 {
			prev = es[i-1].(*site.Recommendation)
		}
		if i+1 < len(es) {
			next = es[i+1].(*site.Recommendation)
		}
		return r.recPage(b, es[i].(*site.Recommendation), prev, next)
	}},
	{"checklists", "checklists/index.html", one((*renderer).checklistsPage)},
	{"checklist", "", func(r *renderer, b *Base, es []site.Entry, i int) (any, error) {
		return r.checklistPage(b, es[i].(*site.Role)), nil
	}},
	{"print-checklists", "print/checklists/index.html", one((*renderer).printChecklistsPage)},
	{"protocols", "protocols/index.html", one((*renderer).protocolsPage)},
	{"print-protocols", "print/protocols/index.html", one((*renderer).printProtocolsPage)},
	{"protocol", "", func(r *renderer, b *Base, es []site.Entry, i int) (any, error) {
		return r.protocolPage(b, es[i].(*site.Protocol)), nil
	}},
	{"sources", "sources/index.html", one((*renderer).sourcesPage)},
	{"page", "", func(r *renderer, b *Base, es []site.Entry, i int) (any, error) {
		return r.freePage(b, es[i].(*site.Page)), nil
	}},
	{"print", "print/index.html", one((*renderer).printPage)},
	{name: "self-assessment"}, // see generatedPages
	{"search", "search/index.html", one((*renderer).searchPage)},
	{name: "changes"}, {name: "edition"}, {name: "retired"}, // see generatedPages
}

func one(page func(*renderer, *Base) any) func(*renderer, *Base, []site.Entry, int) (any, error) {
	return func(r *renderer, b *Base, _ []site.Entry, _ int) (any, error) { return page(r, b), nil }
}

// allPageKinds are pageKinds and, after them, a kind of page for each kind
// of content with a Layout pageKinds does not have.
func allPageKinds() []pageKind {
	out := pageKinds
	for _, k := range site.Kinds {
		if k.Layout != "" && !slices.ContainsFunc(out, func(p pageKind) bool { return p.name == k.Layout }) {
			out = append(slices.Clip(out), pageKind{name: k.Layout, page: entryPage})
		}
	}
	return out
}

// EntryPage is the page of an entry of a kind of content that has no page
// data of its own: the entry, its first text (a title or a name) the
// page's title.
type EntryPage struct {
	*Base
	Entry site.Entry
}

func entryPage(_ *renderer, b *Base, es []site.Entry, i int) (any, error) {
	if texts := es[i].Texts(); len(texts) > 0 {
		b.Title = texts[0].Value()
	}
	return &EntryPage{Base: b, Entry: es[i]}, nil
}

// jobs lists every page, in the order of the sitemap.
func (r *renderer) jobs() []job {
	byLayout := map[string][]site.Entry{}
	for _, e := range r.s.Entries() {
		if l := e.Kind().Layout; l != "" {
			byLayout[l] = append(byLayout[l], e)
		}
	}
	var jobs []job
	for _, pk := range allPageKinds() {
		if pages := generatedPages[pk.name]; pages != nil {
			jobs = append(jobs, pages(r)...)
			continue
		}
		if pk.path != "" {
			jobs = append(jobs, job{path: pk.path, kind: pk.name, make: func(b *Base) (any, error) { return pk.page(r, b, nil, 0) }})
			continue
		}
		es := byLayout[pk.name]
		for i, e := range es {
			jobs = append(jobs, job{path: e.Kind().Path(e.Key()), kind: pk.name, make: func(b *Base) (any, error) { return pk.page(r, b, es, i) }})
		}
	}
	return jobs
}

// readAssets reads the theme's assets, makes the generated ones, and
// hashes each: a link to an asset carries its hash (?v=), so that a web
// server may let browsers keep assets for a year, and a rebuilt site is
// never shown with the assets of the build before.
func (r *renderer) readAssets() error {
	var files []string
	err := fs.WalkDir(r.o.Theme, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "assets" && isNotExist(err) {
				return fs.SkipDir
			}
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading assets: %w", err)
	}
	sort.Strings(files)
	for _, p := range files {
		data, err := fs.ReadFile(r.o.Theme, p)
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		r.assetFiles = append(r.assetFiles, outFile{p, data})
	}
	r.assetFiles = append(r.assetFiles, outFile{"assets/js/assessment-format.js", site.AssessmentFormatScript()})
	theme := "/* The site's colours, from content/site.yaml. */\n"
	if a := r.s.Config.Accent.Value; a != "" {
		theme += ":root { --accent: " + strings.ToLower(a) + "; }\n"
	}
	if r.s.Languages != nil {
		theme += languagesCSS
	}
	r.assetFiles = append(r.assetFiles,
		outFile{"assets/css/theme.css", []byte(theme)},
		outFile{"assets/css/sheets.css", r.sheetsCSS()})
	// A logo already named assets/logo.ext was copied with the assets.
	if r.logo != "" && r.logo != r.s.Config.Logo {
		data, err := fs.ReadFile(r.o.Source, r.s.Config.Logo)
		if err != nil {
			return fmt.Errorf("reading logo: %w", err)
		}
		r.assetFiles = append(r.assetFiles, outFile{r.logo, data})
	}
	if r.split {
		data, err := r.guidanceData()
		if err != nil {
			return err
		}
		r.assetFiles = append(r.assetFiles, outFile{"assets/" + guidanceScript, data})
	}
	r.versions = map[string]string{}
	for _, f := range r.assetFiles {
		sum := sha256.Sum256(f.data)
		r.versions[strings.TrimPrefix(f.path, "assets/")] = hex.EncodeToString(sum[:5])
	}
	r.startWorkbook()
	return nil
}

func (r *renderer) sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, j := range r.jobs() {
		if strings.HasPrefix(j.path, "print/") {
			continue
		}
		fmt.Fprintf(&b, "  <url><loc>%s</loc></url>\n", xmlEscape(r.absURL(j.path)))
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func (r *renderer) absURL(p string) string {
	if r.s.Config.PrettyURLs {
		p = strings.TrimSuffix(p, "index.html")
	}
	return strings.TrimSuffix(r.o.BaseURL, "/") + "/" + p
}

var xmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace
