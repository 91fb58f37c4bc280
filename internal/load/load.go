// Package load reads a riskguide source tree from an fs.FS into the content
// model of package site.
//
// The tree holds content/site.yaml, content/roles.yaml, content/sources.yaml,
// content/expected-results/*.yaml (ordered by file name),
// content/protocols/*.md, content/pages/*.md and checklists/*.yaml. YAML is
// decoded strictly: an unknown key is a problem. Every problem is collected,
// with its file, line and column, and all are returned together; loading
// goes on past problems so that an editor sees every mistake at once.
//
// Load checks what one file can tell: syntax, shapes, required keys, the form
// and uniqueness of ids. References between entities are checked by package
// check. Messages reads the interface strings, layouts/i18n/<lang>.yaml.
package load

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// Load reads the site rooted at fsys.
func Load(fsys fs.FS) (*site.Site, site.Diagnostics) {
	l := &loader{fsys: fsys, s: &site.Site{}}
	l.links()
	l.config()
	l.scale()
	l.roles()
	l.sources()
	l.results()
	l.checklists()
	l.protocols()
	l.pages()
	l.s.Index()
	l.translations()
	return l.s, l.diags.Sort()
}

type loader struct {
	fsys  fs.FS
	s     *site.Site
	diags site.Diagnostics
	// badLinks are the symbolic links already reported by links, which
	// are then not read: one problem per link.
	badLinks map[string]bool
}

// read returns a file's text with line endings normalised, or nil after
// recording why it cannot be used.
func (l *loader) read(name string, required bool) []byte {
	if l.badLinks[name] {
		return nil
	}
	data, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		if required || !isNotExist(err) {
			l.diags.Add(site.Pos{File: name}, "cannot read file: %v", unwrapPathError(err))
		}
		return nil
	}
	if !checkText(name, data, &l.diags) {
		return nil
	}
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	return data
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// yamlFile reads and parses a YAML file, returning its decoder and root node.
func (l *loader) yamlFile(name string, required bool) (*decoder, *yaml.Node) {
	data := l.read(name, required)
	if data == nil {
		return nil, nil
	}
	d := &decoder{file: name, src: data, diags: &l.diags}
	root := d.parse(data)
	if root == nil {
		return nil, nil
	}
	return d, root
}

// dir lists the files of a folder with one of the given extensions, sorted.
// A missing folder is empty.
func (l *loader) dir(name string, exts ...string) []string {
	entries, err := fs.ReadDir(l.fsys, name)
	if err != nil {
		if !isNotExist(err) {
			l.diags.Add(site.Pos{File: name}, "cannot read folder: %v", unwrapPathError(err))
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || l.badLinks[path.Join(name, e.Name())] {
			continue
		}
		if slices.Contains(exts, path.Ext(e.Name())) {
			out = append(out, path.Join(name, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

func (l *loader) config() {
	const name = "content/site.yaml"
	d, root := l.yamlFile(name, true)
	c := &l.s.Config
	c.Language = "en"
	c.Paper = site.PaperA4
	c.Terms = site.DefaultTerms()
	if root == nil {
		return
	}
	c.Pos = d.pos(root)
	var accent site.Text
	d.mapping(root, "site.yaml", map[string]fieldFunc{
		"title":    d.str(&c.Title, true),
		"tagline":  d.str(&c.Tagline, false),
		"language": d.language(&c.Language),
		"publisher": func(v *yaml.Node) {
			c.PublisherPos = d.pos(v)
			d.str(&c.Publisher, false)(v)
		},
		"disclaimer":  d.str(&c.Disclaimer, false),
		"quotes":      d.id(&c.Quotes.ID, &c.Quotes.Pos),
		"logo":        l.logo(d, &c.Logo),
		"version":     d.str(&c.Version, false),
		"published":   d.date(&c.Published),
		"review_by":   d.date(&c.ReviewBy),
		"pretty_urls": d.boolean(&c.PrettyURLs),
		"raw_html":    d.boolean(&c.RawHTML),
		"accent":      d.text(&accent),
		"paper":       d.paper(&c.Paper),
		"quick_exit": func(v *yaml.Node) {
			d.mapping(v, "quick_exit", map[string]fieldFunc{
				"url":   d.url(&c.QuickExit.URL),
				"label": d.str(&c.QuickExit.Label, false),
			}, "url")
		},
		"terms":     d.terms(&c.Terms),
		"languages": d.languages(&c.Languages),
	}, "title")
	if len(c.Languages) > 0 && c.Languages[0] != c.Language {
		l.diags.Add(c.Pos, "languages: the first language must be the source language %q (language:)", c.Language)
	}
	if accent.Value != "" {
		if msg := checkAccent(accent.Value); msg != "" {
			l.diags.Add(accent.Pos, "accent: %s", msg)
		} else {
			c.Accent = accent
		}
	}
}

// logoTypes are the image types a logo may have: those every browser shows.
var logoTypes = map[string]bool{".svg": true, ".png": true, ".jpg": true, ".jpeg": true, ".webp": true}

// logo decodes the logo: a path to an image under assets/. Any other file of
// the site folder (a .env, a YAML file) would be published beside the site.
func (l *loader) logo(d *decoder, dst *string) fieldFunc {
	return func(v *yaml.Node) {
		var s string
		d.str(&s, false)(v)
		if s == "" {
			return
		}
		if !fs.ValidPath(s) || !strings.HasPrefix(s, "assets/") || !logoTypes[strings.ToLower(path.Ext(s))] {
			d.errorf(v, "logo %q must be an image under assets/ (.svg, .png, .jpg, .jpeg or .webp), such as assets/logo.svg", s)
			return
		}
		if l.badLinks[s] {
			return
		}
		if info, err := fs.Stat(l.fsys, s); err != nil || !info.Mode().IsRegular() {
			d.errorf(v, "logo %q: no such file in the site folder", s)
			return
		}
		*dst = s
	}
}

func (d *decoder) language(dst *string) fieldFunc {
	return func(v *yaml.Node) {
		var s string
		d.str(&s, true)(v)
		if s == "" {
			return
		}
		// The tag names a folder of the output too: the pattern keeps
		// to letters, digits and hyphens, the parser to real BCP 47.
		if _, err := language.Parse(s); err != nil || !languageTag.MatchString(s) {
			d.errorf(v, "language %q is not a BCP 47 tag such as en, fr or pt-BR", s)
			return
		}
		*dst = s
	}
}

func (d *decoder) paper(dst *string) fieldFunc {
	return func(v *yaml.Node) {
		var s string
		d.str(&s, true)(v)
		switch strings.ToLower(s) {
		case "":
		case site.PaperA4, site.PaperLetter:
			*dst = strings.ToLower(s)
		default:
			d.errorf(v, "paper %q: use a4 or letter", s)
		}
	}
}

// maxChecklistFields bounds a checklist's header: more boxes than this would
// leave no room on the sheet for the checklist itself.
const maxChecklistFields = 8

// checklistFields decodes the header fields of a checklist: a list of
// labels, each used once.
func (d *decoder) checklistFields(dst *[]site.ChecklistField) fieldFunc {
	return func(v *yaml.Node) {
		first := map[string]site.Pos{}
		d.list(func(e *yaml.Node) {
			var label string
			d.str(&label, true)(e)
			label = strings.TrimSpace(label)
			if label == "" {
				return
			}
			pos := d.pos(e)
			key := strings.ToLower(label)
			if prev, ok := first[key]; ok {
				d.errorf(e, "field %q is listed twice (first at %s)", label, prev)
				return
			}
			first[key] = pos
			if len(*dst) == maxChecklistFields {
				d.errorf(e, "a checklist has at most %d fields: there would be no room on the sheet for the checklist", maxChecklistFields)
				return
			}
			*dst = append(*dst, site.ChecklistField{Pos: pos, Label: label})
		})(v)
	}
}

func (l *loader) roles() {
	first := map[string]site.Pos{}
	l.listFile("content/roles.yaml", true, "roles.yaml", "roles", func(d *decoder, n *yaml.Node) {
		r := &site.Role{Pos: d.pos(n)}
		var idPos site.Pos
		if d.mapping(n, "role", map[string]fieldFunc{
			"id":          d.id(&r.ID, &idPos),
			"name":        d.str(&r.Name, true),
			"description": d.text(&r.Description),
		}, "id", "name") && r.ID != "" {
			l.unique(first, "role", r.ID, idPos)
			l.s.Roles = append(l.s.Roles, r)
		}
	})
}

func (l *loader) sources() {
	first := map[string]site.Pos{}
	l.listFile("content/sources.yaml", false, "sources.yaml", "sources", func(d *decoder, n *yaml.Node) {
		s := &site.Source{Pos: d.pos(n)}
		var idPos site.Pos
		if d.mapping(n, "source", map[string]fieldFunc{
			"id":        d.id(&s.ID, &idPos),
			"title":     d.str(&s.Title, true),
			"publisher": d.str(&s.Publisher, false),
			"year":      d.integer(&s.Year),
			"url":       d.url(&s.URL),
		}, "id", "title") && s.ID != "" {
			l.unique(first, "source", s.ID, idPos)
			l.s.Sources = append(l.s.Sources, s)
		}
	})
}

// listFile reads a file holding one list, under key, calling each for every
// element (roles.yaml, sources.yaml and their translations); what names the
// file in messages.
func (l *loader) listFile(name string, required bool, what, key string, each func(d *decoder, n *yaml.Node)) {
	d, root := l.yamlFile(name, required)
	if root == nil {
		return
	}
	d.mapping(root, what, map[string]fieldFunc{
		key: d.list(func(n *yaml.Node) { each(d, n) }),
	}, key)
}

func (d *decoder) url(dst *string) fieldFunc {
	return func(v *yaml.Node) {
		var s string
		d.str(&s, false)(v)
		if s == "" {
			return
		}
		if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
			d.errorf(v, "url %q must start with https:// or http://", s)
			return
		}
		// A browser sent to an address without a host ("http://",
		// "https:///path") stays on the page with a script error: for the
		// quick exit, the reader would stay on the guidance.
		if u, err := url.Parse(s); err != nil || u.Hostname() == "" || strings.ContainsAny(s, " \t\n\r\\") {
			d.errorf(v, "url %q must be an absolute address with a host, such as https://www.example.org/", s)
			return
		}
		*dst = s
	}
}

func (l *loader) results() {
	files := l.dir("content/expected-results", ".yaml", ".yml")
	if len(files) == 0 {
		l.diags.Add(site.Pos{File: "content/expected-results"}, "no expected results: add at least one .yaml file")
	}
	resultIDs := map[string]site.Pos{}
	recIDs := map[string]site.Pos{}
	l.parseAll(files, func(f parsedFile) {
		d, root := f.d, f.root
		if root == nil {
			return
		}
		res := &site.ExpectedResult{Pos: d.pos(root), Number: len(l.s.Results) + 1}
		var idPos site.Pos
		ok := d.mapping(root, "expected result", map[string]fieldFunc{
			"id":        d.id(&res.ID, &idPos),
			"title":     d.str(&res.Title, true),
			"statement": d.str(&res.Statement, true),
			"summary":   d.text(&res.Summary),
			"recommendations": d.list(func(n *yaml.Node) {
				if rec := l.recommendation(d, n, res, recIDs); rec != nil {
					res.Recommendations = append(res.Recommendations, rec)
				}
			}),
		}, "id", "title", "statement", "recommendations")
		if !ok || res.ID == "" {
			return
		}
		l.unique(resultIDs, "expected result", res.ID, idPos)
		if len(res.Recommendations) == 0 {
			l.diags.Add(res.Pos, "expected result %q has no recommendations", res.ID)
		}
		l.s.Results = append(l.s.Results, res)
	})
}

// parsedFile is a YAML file read and parsed, with the problems found so far.
type parsedFile struct {
	d     *decoder
	root  *yaml.Node
	diags site.Diagnostics
}

// parseAll reads and parses many YAML files at once, since on a large site
// parsing is most of the loading time, and hands each to decode in file
// order, so that results are numbered and problems reported exactly as a
// sequential load would. At most a few parsed files wait to be decoded, so
// memory does not grow with the site.
func (l *loader) parseAll(files []string, decode func(parsedFile)) {
	workers := runtime.GOMAXPROCS(0)
	ready := make([]chan parsedFile, len(files))
	for i := range ready {
		ready[i] = make(chan parsedFile, 1)
	}
	ahead := make(chan struct{}, 2*workers)
	next := make(chan int)
	go func() {
		for i := range files {
			ahead <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range next {
				own := &loader{fsys: l.fsys, s: l.s, badLinks: l.badLinks}
				d, root := own.yamlFile(files[i], true)
				ready[i] <- parsedFile{d: d, root: root, diags: own.diags}
			}
		}()
	}
	for i := range files {
		f := <-ready[i]
		<-ahead
		l.diags = append(l.diags, f.diags...)
		if f.d != nil {
			f.d.diags = &l.diags
		}
		decode(f)
	}
}

func (l *loader) recommendation(d *decoder, n *yaml.Node, res *site.ExpectedResult, ids map[string]site.Pos) *site.Recommendation {
	rec := &site.Recommendation{Pos: d.pos(n), Result: res, Number: len(res.Recommendations) + 1}
	rec.Label = strconv.Itoa(res.Number) + "." + strconv.Itoa(rec.Number)
	var idPos site.Pos
	ok := d.mapping(n, "recommendation", map[string]fieldFunc{
		"id":         d.id(&rec.ID, &idPos),
		"text":       d.str(&rec.Text, true),
		"roles":      d.refs(&rec.Roles),
		"guidance":   d.text(&rec.Guidance),
		"indicators": d.strs(&rec.Indicators),
		"note":       d.str(&rec.Note, false),
		"evidence": d.list(func(e *yaml.Node) {
			var ev site.Evidence
			if d.mapping(e, "evidence", map[string]fieldFunc{
				"source":  d.id(&ev.Source.ID, &ev.Source.Pos),
				"locator": d.str(&ev.Locator, false),
			}, "source") && ev.Source.ID != "" {
				rec.Evidence = append(rec.Evidence, ev)
			}
		}),
	}, "id", "text", "roles")
	if !ok || rec.ID == "" {
		return nil
	}
	if hasKey(n, "roles") && len(rec.Roles) == 0 {
		l.diags.Add(rec.Pos, "recommendation %q must name at least one role", rec.ID)
	}
	l.unique(ids, "recommendation", rec.ID, idPos)
	return rec
}

// hasKey reports whether n, a mapping, has key.
func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (l *loader) checklists() {
	for _, name := range l.dir("checklists", ".yaml", ".yml") {
		d, root := l.yamlFile(name, true)
		if root == nil {
			continue
		}
		c := &site.Checklist{Pos: d.pos(root)}
		ok := d.mapping(root, "checklist", map[string]fieldFunc{
			"role":   d.id(&c.Role.ID, &c.Role.Pos),
			"title":  d.str(&c.Title, false),
			"intro":  d.text(&c.Intro),
			"fields": d.checklistFields(&c.Fields),
			"sections": d.list(func(n *yaml.Node) {
				var sec site.ChecklistSection
				if d.mapping(n, "checklist section", map[string]fieldFunc{
					"title": d.str(&sec.Title, true),
					"items": d.list(func(n *yaml.Node) {
						it := site.ChecklistItem{Pos: d.pos(n)}
						if d.mapping(n, "checklist item", map[string]fieldFunc{
							"text":            d.str(&it.Text, true),
							"recommendations": d.refs(&it.Recommendations),
						}, "text") && it.Text != "" {
							sec.Items = append(sec.Items, it)
						}
					}),
				}, "title", "items") {
					c.Sections = append(c.Sections, sec)
				}
			}),
		}, "role", "sections")
		if !ok || c.Role.ID == "" {
			continue
		}
		if stem := fileStem(name); stem != c.Role.ID {
			l.diags.Add(c.Role.Pos, "checklist for role %q is in %s: name the file %s.yaml", c.Role.ID, path.Base(name), c.Role.ID)
		}
		l.s.Checklists = append(l.s.Checklists, c)
	}
}

// markdownFile reads a Markdown file with front matter. It returns the
// decoder for the front matter, its root node and the body.
func (l *loader) markdownFile(name string) (*decoder, *yaml.Node, site.Text) {
	data := l.read(name, true)
	if data == nil {
		return nil, nil, site.Text{}
	}
	front, body, err := SplitFrontMatter(data)
	if err != nil {
		l.diags.Add(site.Pos{File: name, Line: 1, Col: 1}, "%v", err)
		return nil, nil, site.Text{}
	}
	d := &decoder{file: name, src: front, diags: &l.diags}
	root := d.parse(front)
	text := site.Text{Value: string(body), Pos: site.Pos{File: name, Line: 1, Col: 1}, Block: true}
	return d, root, text
}

func (l *loader) protocols() {
	for _, name := range l.dir("content/protocols", ".md") {
		d, root, body := l.markdownFile(name)
		if root == nil {
			continue
		}
		p := &site.Protocol{Pos: site.Pos{File: name, Line: 1, Col: 1}, ID: fileStem(name), Body: body}
		if !l.slug(name, p.ID) {
			continue
		}
		l.rowsMarkers(p.Body)
		if d.mapping(root, "protocol front matter", map[string]fieldFunc{
			"title":           d.str(&p.Title, true),
			"summary":         d.str(&p.Summary, false),
			"recommendations": d.refs(&p.Recommendations),
			"roles":           d.refs(&p.Roles),
		}, "title") {
			l.s.Protocols = append(l.s.Protocols, p)
		}
	}
}

// rowsMarkers reports the rows markers of a template, [[rows: N]], that do
// not stand in a row of a table's body or ask for a number of rows the
// renderer will not repeat.
func (l *loader) rowsMarkers(body site.Text) {
	src := body.Value
	for i := strings.Index(src, "[[rows:"); i >= 0; {
		count, n := markdown.ParseRows(src[i:])
		if n == 0 {
			n = 2
		} else {
			lineStart := strings.LastIndexByte(src[:i], '\n') + 1
			lineEnd := strings.IndexByte(src[i:], '\n')
			next := ""
			if lineEnd >= 0 {
				next, _, _ = strings.Cut(src[i+lineEnd+1:], "\n")
			}
			switch {
			case !strings.HasPrefix(strings.TrimSpace(src[lineStart:i]), "|"):
				l.diags.Add(body.PosAt(i), "[[rows: %d]] repeats a table row: put it in a row of a table, after the fields", count)
			case delimiterRow.MatchString(next):
				l.diags.Add(body.PosAt(i), "[[rows: %d]] is in a table's heading row: put it in a row under the --- line", count)
			case count < 2 || count > markdown.MaxRows:
				l.diags.Add(body.PosAt(i), "[[rows: %d]]: a row can be shown 2 to %d times", count, markdown.MaxRows)
			}
		}
		j := strings.Index(src[i+n:], "[[rows:")
		if j < 0 {
			break
		}
		i += n + j
	}
}

// delimiterRow is the line under a table's heading row.
var delimiterRow = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)

// reservedSlugs are the top-level folders the site itself writes, which a
// free page must not take.
var reservedSlugs = map[string]bool{
	"results": true, "recommendations": true, "checklists": true, "protocols": true,
	"sources": true, "search": true, "print": true, "self-assessment": true, "assets": true,
	"changes": true, "editions": true,
}

func (l *loader) pages() {
	for _, name := range l.dir("content/pages", ".md") {
		d, root, body := l.markdownFile(name)
		if root == nil {
			continue
		}
		p := &site.Page{Pos: site.Pos{File: name, Line: 1, Col: 1}, ID: fileStem(name), Body: body}
		if !l.slug(name, p.ID) {
			continue
		}
		if reservedSlugs[p.ID] {
			l.diags.Add(p.Pos, "page %q would replace the site's own %s/ folder: rename the file", p.ID, p.ID)
			continue
		}
		if lang := l.languageNamed(p.ID); lang != "" {
			l.diags.Add(p.Pos, "page %q would replace the %s pages' folder %s/ (languages: in content/site.yaml): rename the file", p.ID, lang, lang)
			continue
		}
		if d.mapping(root, "page front matter", map[string]fieldFunc{
			"title":  d.str(&p.Title, true),
			"weight": d.integer(&p.Weight),
		}, "title") {
			l.s.Pages = append(l.s.Pages, p)
		}
	}
	sort.SliceStable(l.s.Pages, func(i, j int) bool { return l.s.Pages[i].Weight < l.s.Pages[j].Weight })
}

// languageNamed returns the language of the site, other than the source
// (whose pages are at the root), whose folder would be named slug, compared
// without case (one folder on a disk that ignores case), or "".
func (l *loader) languageNamed(slug string) string {
	for _, lang := range l.s.Config.Languages {
		if lang != l.s.Config.Language && strings.EqualFold(lang, slug) {
			return lang
		}
	}
	return ""
}

// slug checks that a file name can serve as an id in URLs.
func (l *loader) slug(name, slug string) bool {
	if !site.IDPattern.MatchString(slug) {
		l.diags.Add(site.Pos{File: name}, "file name %q cannot be used in addresses: use lower-case letters, digits and hyphens", path.Base(name))
		return false
	}
	if err := site.PortableName(slug); err != nil {
		l.diags.Add(site.Pos{File: name}, "file name %q cannot be used: %v; rename the file", path.Base(name), err)
		return false
	}
	return true
}

// unique records the first place an id was defined and reports any later one,
// naming both places.
func (l *loader) unique(first map[string]site.Pos, kind, id string, pos site.Pos) {
	if prev, ok := first[id]; ok {
		l.diags.Add(pos, "duplicate %s id %q (first defined at %s)", kind, id, prev)
		return
	}
	first[id] = pos
}

func fileStem(name string) string {
	base := path.Base(name)
	return strings.TrimSuffix(base, path.Ext(base))
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// maxScaleLevels bounds a declared scale: the form shows every level for
// every recommendation.
const maxScaleLevels = 10

// scale reads content/assessment.yaml, the self-assessment's scale, if the
// site has one; otherwise the built-in scale stands.
func (l *loader) scale() {
	const name = "content/assessment.yaml"
	l.s.Scale = site.DefaultScale()
	if _, err := fs.Stat(l.fsys, name); err != nil {
		return
	}
	d, root := l.yamlFile(name, true)
	if root == nil {
		return
	}
	sc := site.Scale{Pos: d.pos(root), Declared: true}
	notApplicable := true
	var levelsNode *yaml.Node
	d.mapping(root, "assessment.yaml", map[string]fieldFunc{
		"scale": func(v *yaml.Node) {
			levelsNode = v
			d.list(func(e *yaml.Node) {
				lv := site.Level{Pos: d.pos(e), Scored: true}
				var colour string
				if !d.mapping(e, "a level of the scale", map[string]fieldFunc{
					"id":          d.id(&lv.ID, nil),
					"label":       d.str(&lv.Label, true),
					"description": d.str(&lv.Description, false),
					"score":       d.integer(&lv.Score),
					"colour":      d.str(&colour, true),
					"done":        d.boolean(&lv.Done),
				}, "id", "label", "score", "colour") {
					return
				}
				switch {
				case lv.ID == site.NotApplicable:
					d.errorf(e, "level id %q is the one not_applicable offers; give this level another id", lv.ID)
				case sc.Level(lv.ID) != nil && lv.ID != "":
					d.errorf(e, "level %q appears twice", lv.ID)
				case lv.Score < 0 || lv.Score > 1000:
					d.errorf(e, "level %q: score %d must be from 0 to 1000", lv.ID, lv.Score)
				case colour != "" && !slices.Contains(site.Colours, colour):
					d.errorf(e, "level %q: colour %q is not one of %s", lv.ID, colour, strings.Join(site.Colours, ", "))
				}
				lv.Colour = colour
				sc.Levels = append(sc.Levels, lv)
			})(v)
		},
		"not_applicable": d.boolean(&notApplicable),
	}, "scale")
	if levelsNode == nil {
		return
	}
	switch done := slices.ContainsFunc(sc.Levels, func(lv site.Level) bool { return lv.Done }); {
	case len(sc.Levels) < 2 || len(sc.Levels) > maxScaleLevels:
		d.errorf(levelsNode, "a scale has from 2 to %d levels, not %d", maxScaleLevels, len(sc.Levels))
		return
	case !done:
		d.errorf(levelsNode, "no level of the scale is done: true, so nothing could ever count as in place")
		return
	}
	if notApplicable {
		sc.Levels = append(sc.Levels, site.Level{ID: site.NotApplicable, Colour: "grey"})
	}
	l.s.Scale = sc
}
