// Package build runs riskguide's phases in order: load the source into the
// model, check its references, render every page, and publish the result to
// the output folder. One call builds one site.
package build

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
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/render"
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
	// Incremental builds record what each page shows, so that the result
	// can be passed as Previous to the next build.
	Incremental bool
	// Previous, if set, is the result of an earlier incremental build of
	// the same source whose output folder still exists and is never changed
	// again. Pages that would come out the same are then linked from it
	// instead of rendered. Neither has any effect on a site with layouts of
	// its own, which may show anything: it is always rendered in full.
	Previous *Result
}

// Result describes a finished build.
type Result struct {
	Source   string // where the content came from, for messages
	Out      string
	Pages    int
	Files    int
	Bytes    int64
	Duration time.Duration
	Site     *site.Site
	// Kept is how many of the pages were taken from Options.Previous
	// rather than rendered.
	Kept int
	// Output holds the files by path when Options.Memory was set. The
	// slices are shared with later builds and must not be changed.
	Output map[string][]byte

	// fingerprints of the pages that have one, and the Markdown converted,
	// for the next build.
	fingerprints map[string]uint64
	memo         *render.Memo
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
			return Source{}, fmt.Errorf("source folder %s: %w", dir, unwrap(err))
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
		return Source{}, fmt.Errorf("source folder %s: %w", dir, unwrap(err))
	}
	return Source{FS: root.FS(), Name: name, Dir: dir}, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Theme returns the layouts and assets for a source: its own files over the
// defaults.
func Theme(src Source) fs.FS {
	if src.FS == fs.FS(riskguide.Default) {
		return riskguide.Default
	}
	return overlay{src.FS, riskguide.Default}
}

// Load reads and checks a site. The diagnostics hold every problem found;
// the site is usable only when there are none.
func Load(src Source) (*site.Site, site.Diagnostics) {
	s, _, diags, _ := loadPrepared(src, false)
	return s, diags
}

// loadPrepared is Load that also returns the plain text of the site's
// Markdown, by source, which checking it found, and, with prepare, the
// Markdown the checker converted, for the renderer.
func loadPrepared(src Source, prepare bool) (*site.Site, *render.Prepared, site.Diagnostics, map[string]string) {
	s, diags := load.Load(src.FS)
	var prep *render.Prepared
	var analyzer func() check.Analyzer
	if prepare && len(diags) == 0 {
		prep = render.Prepare(s)
		analyzer = func() check.Analyzer { return prep.Analyzer() }
	}
	more, plain := check.AfterLoadText(s, diags, analyzer)
	diags = append(diags, more...)
	if src.FS != fs.FS(riskguide.Default) {
		diags = append(diags, render.CheckMessages(src.FS, riskguide.Default)...)
	}
	return s, prep, diags.Sort(), plain
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
	// Markdown converted while checking serves the render, unless an
	// earlier build's conversions will (see incremental.go).
	s, prepared, diags, plain := loadPrepared(src, o.Previous == nil)
	if len(diags) > 0 {
		return nil, diags
	}
	var (
		out  output
		disk *publish.Output
		mem  *memoryOutput
		err  error
	)
	if o.Memory {
		mem = newMemoryOutput()
		if o.Previous != nil {
			mem.sizeHints = o.Previous.Output
		}
		out = mem
	} else {
		if err := publish.CheckOutput(o.Out, publish.SiteOutput, src.Dir, o.Force); err != nil {
			return nil, err
		}
		if disk, err = publish.Begin(o.Out); err != nil {
			return nil, fmt.Errorf("preparing output folder: %w", err)
		}
		out = disk
	}
	var pages atomic.Int64
	inc := newIncremental(src, o, disk, mem)
	var keep func(string, uint64) (bool, error)
	if inc != nil {
		keep = inc.keep
	}
	memo, prevMemo := inc.memos()
	err = render.Render(s, render.Options{
		Theme:       Theme(src),
		Source:      src.FS,
		BaseURL:     o.BaseURL,
		Workers:     o.Workers,
		HeadScripts: o.HeadScripts,
		Progress:    o.Progress,
		Keep:        keep,
		Memo:        memo,
		Previous:    prevMemo,
		PlainText:   plain,
		Prepared:    prepared,
		Create: func(name string) (io.WriteCloser, error) {
			f, err := out.Create(name)
			if err != nil {
				return nil, err
			}
			return &countedPage{f, &pages}, nil
		},
	}, func(name string, data []byte) error {
		if strings.HasSuffix(name, ".html") {
			pages.Add(1)
		}
		return out.Write(name, data)
	})
	if err == nil {
		// The mark that lets the next build replace this output.
		err = out.Write(publish.MarkerName, publish.Marker(publish.SiteOutput))
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
	kept := inc.kept()
	res := &Result{
		Source: src.Name, Out: o.Out, Pages: int(pages.Load()) + kept, Files: int(out.Files()), Bytes: out.Bytes(),
		Duration: time.Since(start), Site: s, Kept: kept, fingerprints: inc.fingerprints(), memo: memo,
	}
	if mem != nil {
		res.Output = mem.files
	}
	return res, nil
}

// countedPage counts a page when it is closed, not when it is created: a
// page the compiled layouts decline is abandoned and created again.
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

// Abort abandons the page, uncounted.
func (p *countedPage) Abort() error {
	if a, ok := p.WriteCloser.(interface{ Abort() error }); ok {
		return a.Abort()
	}
	return p.WriteCloser.Close()
}
