// Package generate runs riskguide's phases in order: load the source into the
// model, check its references, render every page and, beside the pages,
// build the search index from the plain texts, and publish the result to
// the output folder. One call builds one site.
package generate

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/check"
	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/i18n"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/render"
	"github.com/riskguide/riskguide/internal/search"
	"github.com/riskguide/riskguide/internal/site"
)

// Options describe one build.
type Options struct {
	// Source is the site folder. Empty means the current folder when it has
	// content/, and otherwise the embedded default site.
	Source string
	// Out is the output folder; empty means "public".
	Out string
	// BaseURL is the address the site will be published at, if known.
	BaseURL string
	// Force replaces an output folder that riskguide did not write; see
	// publish.CheckOutput for the folders it never replaces.
	Force bool
	// HeadScripts are extra scripts every page loads (serve's live reload).
	HeadScripts []string
	// Workers is the number of pages rendered at once; 0 means one per CPU.
	Workers int
	// Progress, if set, is told how many pages are rendered out of how many.
	Progress func(done, total int)
	// Memory keeps the files in Result.Output instead of writing Out.
	Memory bool
	// Only, if set, limits the pages rendered to those it accepts, by path
	// from the output root, and leaves out the search index: serve renders
	// the pages open in a browser first, and the rest after. Only a
	// Memory build may set it.
	Only func(path string) bool
	// Abandoned, if set, is asked before each file is written; once it
	// returns true the build stops with ErrAbandoned. serve abandons a
	// build that a newer edit has made useless.
	Abandoned func() bool

	// editions are read by BuildSource, once for every language.
	editions *edition.Set
}

// ErrAbandoned is the error of a build stopped by Options.Abandoned.
var ErrAbandoned = errors.New("build abandoned")

// Result describes a finished build.
type Result struct {
	Source   string // where the content came from, for messages
	Out      string
	Pages    int
	Files    int
	Bytes    int64
	Duration time.Duration
	Site     *site.Site
	// Editions are the site's recorded editions, compared with its
	// content in the source language.
	Editions *edition.Set
	// Output holds the files by path when Options.Memory was set.
	Output map[string][]byte
}

// Source is a site to build: its files, and a name for messages.
type Source struct {
	FS   fs.FS
	Name string
	// Dir is the site folder on disk, or "" for the embedded site. The
	// output must not replace it.
	Dir string
}

// DefaultSource is the site embedded in the binary.
func DefaultSource() Source { return Source{FS: riskguide.Default, Name: "the built-in default site"} }

// FindSource resolves the Source option: an explicit folder, else the
// current folder if it has content/, else the embedded default.
func FindSource(dir string) (Source, error) {
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil {
			return Source{}, fmt.Errorf("source folder %s: %w", dir, publish.UnwrapPath(err))
		}
		if !info.IsDir() {
			return Source{}, fmt.Errorf("source %s is not a folder", dir)
		}
		if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
			return Source{}, fmt.Errorf("source folder %s has no content/ folder", dir)
		}
		return folderSource(dir, dir)
	}
	if info, err := os.Stat("content"); err == nil && info.IsDir() {
		return folderSource(".", ".")
	}
	return DefaultSource(), nil
}

// folderSource reads a site folder through an os.Root, which refuses every
// path that leads outside the folder, symbolic links included: nothing
// outside the site folder is ever read. A link whose target stays inside
// is followed. The Root holds the folder open for the life of the process,
// so a site folder renamed while serve runs is still the one read.
func folderSource(dir, name string) (Source, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return Source{}, fmt.Errorf("source folder %s: %w", dir, publish.UnwrapPath(err))
	}
	return Source{FS: root.FS(), Name: name, Dir: dir}, nil
}

// Theme returns the layouts and assets for a source: its own files over the
// defaults.
func Theme(src Source) fs.FS {
	if src.FS == fs.FS(riskguide.Default) {
		return riskguide.Default
	}
	return overlay{src.FS, riskguide.Default}
}

// Load reads and checks a site, in each of its languages. The diagnostics
// hold every problem found; the site is usable only when there are none.
func Load(src Source) (*site.Site, site.Diagnostics) {
	s, _, diags := loadSource(src)
	if len(diags) == 0 {
		// Without rendering, nothing but the content can fail.
		diags, _ = eachLanguage(s, nil)
	}
	return s, diags
}

// newTexts reads Markdown for one language's checker and search index; its
// sections carry the ids the pages give their headings.
func newTexts() *markdown.Texts { return &markdown.Texts{Reserved: render.PageIDs()} }

// loadSource reads and checks the site in its source language. The checker
// reads each Markdown text for its links, and the search index for its
// plain text: from one parse, kept in texts.
func loadSource(src Source) (*site.Site, *markdown.Texts, site.Diagnostics) {
	texts := newTexts()
	s, diags := load.Load(src.FS)
	diags = append(diags, check.Check(s, diags, texts)...)
	if src.FS != fs.FS(riskguide.Default) {
		diags = append(diags, check.Messages(src.FS, riskguide.Default, load.Messages)...)
	}
	diags = append(diags, check.LayoutKeys(Theme(src), s, load.Messages)...)
	return s, texts, diags.Sort()
}

// eachLanguage checks the site of each language but the source, made from
// s, as the source is checked, so that a translated text's broken link or
// unknown reference is reported in its translation file; and, while every
// language so far is sound, hands it to render (when not nil). Languages
// are taken one at a time, so that a build holds no more than two in
// memory. After a problem the remaining languages are still checked, so
// that one run reports them all, but no longer rendered.
func eachLanguage(s *site.Site, render func(*site.Site, *markdown.Texts) error) (site.Diagnostics, error) {
	var diags site.Diagnostics
	for _, lang := range s.Config.Languages[min(1, len(s.Config.Languages)):] {
		texts := newTexts()
		ts := s.Translate(lang)
		diags = append(diags, check.Check(ts, nil, texts)...)
		if render != nil && len(diags) == 0 {
			if err := render(ts, texts); err != nil {
				return nil, err
			}
		}
	}
	return diags.Sort(), nil
}

// Build builds the site and publishes it. On any problem the previous output
// is left untouched. Content problems are returned as site.Diagnostics.
func Build(o Options) (*Result, error) {
	src, err := FindSource(o.Source)
	if err != nil {
		return nil, err
	}
	return BuildSource(src, o)
}

// BuildSource builds a given source.
func BuildSource(src Source, o Options) (*Result, error) {
	start := time.Now()
	if o.Out == "" && !o.Memory {
		o.Out = "public"
	}
	if o.Only != nil && !o.Memory {
		return nil, errors.New("a build of some pages only is kept in memory")
	}
	s, texts, diags := loadSource(src)
	if len(diags) > 0 {
		return nil, diags
	}
	// Editions are compared in the source language, which every
	// language's answers share.
	records, notes, diags := edition.Read(src.FS)
	if len(diags) > 0 {
		return nil, diags.Sort()
	}
	o.editions = edition.NewSet(records, notes, edition.FromSite(s))
	if diags := edition.Problems(src.FS, o.editions); len(diags) > 0 {
		return nil, diags
	}
	var (
		out  output
		disk *publish.Folder
		mem  *publish.Memory
		err  error
	)
	if o.Memory {
		mem = publish.NewMemory()
		out = mem
	} else {
		if err := publish.CheckOutput(o.Out, publish.SiteOutput, src.Dir, o.Force); err != nil {
			return nil, err
		}
		// The output folder is opened here, and nowhere else.
		if disk, err = publish.Begin(o.Out); err != nil {
			return nil, fmt.Errorf("preparing output folder: %w", err)
		}
		out = disk
	}
	counted := &countingOutput{output: out, abandoned: o.Abandoned}
	shown := s
	if len(s.Config.Languages) > 1 {
		shown = s.Translate(s.Config.Language)
	}
	err = renderSite(shown, src, o, texts, counted, storeKey(s))
	if err == nil && len(s.Config.Languages) > 1 {
		err = renderLanguages(s, src, o, counted)
	}
	if err == nil {
		// The mark that lets the next build replace this output.
		err = publish.WriteFile(counted, publish.MarkerName, publish.Marker(publish.SiteOutput))
	}
	if disk != nil {
		if err != nil {
			disk.Abort()
			return nil, err
		}
		if err := disk.Commit(); err != nil {
			return nil, err
		}
	}
	if err != nil {
		return nil, err
	}
	res := &Result{
		Source: src.Name, Out: o.Out, Pages: int(counted.pages.Load()), Files: int(out.Files()), Bytes: out.Bytes(),
		Duration: time.Since(start), Site: shown, Editions: o.editions,
	}
	if mem != nil {
		res.Output = mem.Contents()
	}
	return res, nil
}

// renderSite renders the pages of s and, beside them, its search index.
func renderSite(s *site.Site, src Source, o Options, texts *markdown.Texts, out publish.Output, key string) error {
	msgs, err := load.SiteMessages(Theme(src), s)
	if err != nil {
		return err
	}
	// The search index is built beside the pages, not before them.
	indexed := make(chan error, 1)
	if o.Only != nil {
		indexed <- nil
	} else {
		go func() { indexed <- writeSearchIndex(s, msgs, o.Workers, texts, out) }()
	}
	err = render.Render(s, render.Options{
		Theme:       Theme(src),
		Messages:    msgs,
		Source:      src.FS,
		BaseURL:     o.BaseURL,
		Workers:     o.Workers,
		HeadScripts: o.HeadScripts,
		Progress:    o.Progress,
		StoreKey:    key,
		Editions:    o.editions,
		Only:        o.Only,
	}, out)
	if ierr := <-indexed; err == nil {
		err = ierr
	}
	return err
}

// storeKey is the key under which browsers keep what users type on a site.
// Every language of a site uses the source language's, so that an
// assessment begun in one language opens in another: answers are kept by
// recommendation id, which all languages share.
func storeKey(s *site.Site) string { return "riskguide:" + markdown.Slug(s.Config.Title) }

// renderLanguages checks and renders each language but the source under
// its own folder, <lang>/, as a whole site of its own (pages, assets,
// search index), so that each works from a shared drive by itself. The
// source language stays at the root, where it was before the site had
// other languages, so that links and bookmarks to it keep working.
func renderLanguages(s *site.Site, src Source, o Options, out publish.Output) error {
	key := storeKey(s)
	diags, err := eachLanguage(s, func(ts *site.Site, texts *markdown.Texts) error {
		prefix := ts.Languages.Prefix(ts.Languages.Lang)
		lo := o
		if lo.BaseURL != "" {
			lo.BaseURL = strings.TrimSuffix(lo.BaseURL, "/") + "/" + prefix
		}
		// Extra scripts (serve's live reload) are named from the root of
		// the whole output, which is one folder up from these pages' root.
		if o.Only != nil {
			lo.Only = func(p string) bool { return o.Only(prefix + p) }
		}
		lo.HeadScripts = nil
		for _, script := range o.HeadScripts {
			lo.HeadScripts = append(lo.HeadScripts, strings.Repeat("../", strings.Count(prefix, "/"))+script)
		}
		return renderSite(ts, src, lo, texts, prefixed{out, prefix}, key)
	})
	if err == nil && len(diags) > 0 {
		err = diags
	}
	return err
}

// prefixed writes every file under a folder of out.
type prefixed struct {
	out    publish.Output
	prefix string
}

func (p prefixed) Create(name string) (io.WriteCloser, error) { return p.out.Create(p.prefix + name) }

// writeSearchIndex builds the search index of s from the plain text of its
// Markdown, and writes it to out; msgs are the site's interface strings.
func writeSearchIndex(s *site.Site, msgs *i18n.Messages, workers int, texts *markdown.Texts, out publish.Output) error {
	files := search.Site(s, search.SiteOptions{
		PlainText: texts.PlainText,
		Headings:  texts.Headings,
		Sections:  render.SearchSections(s, texts),
		Path:      s.Target,
		Messages:  msgs.WithPrefix("js.search."),
		Workers:   workers,
	})
	for _, f := range files {
		if err := publish.WriteFile(out, f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// output is where a build's files go: a folder (publish.Folder) or memory
// (publish.Memory).
type output interface {
	publish.Output
	Files() int64
	Bytes() int64
}

// countingOutput counts the pages written, once each is closed.
type countingOutput struct {
	output
	pages     atomic.Int64
	abandoned func() bool
}

func (c *countingOutput) Create(name string) (io.WriteCloser, error) {
	if c.abandoned != nil && c.abandoned() {
		return nil, ErrAbandoned
	}
	f, err := c.output.Create(name)
	if err != nil || !strings.HasSuffix(name, ".html") {
		return f, err
	}
	return &countedPage{f, &c.pages}, nil
}

// countedPage counts a page when it is closed.
type countedPage struct {
	io.WriteCloser
	pages *atomic.Int64
}

func (p *countedPage) Close() error {
	err := p.WriteCloser.Close()
	if err == nil {
		p.pages.Add(1)
	}
	return err
}
