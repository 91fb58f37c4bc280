package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/generate"
)

func buildCommand(stdout, stderr io.Writer) *cobra.Command {
	var o generate.Options
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into public/",
		Long: `Build the site. The source is --source, else the current folder when it has a
content/ folder, else the built-in default site. The output replaces --out
(public/) only when the whole build succeeds, and only when it is missing,
empty, or a previous output of riskguide (it holds a .riskguide file): a
folder of other files is replaced only with --force. The source folder, a
folder holding it, the home folder and the current folder are never
replaced.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			p := newProgress(stderr)
			o.Progress = p.update
			res, err := generate.Build(o)
			p.finish()
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "built %s into %s: %d pages, %d files, %s in %s\n",
				res.Source, res.Out, res.Pages, res.Files, formatBytes(res.Bytes), res.Duration.Round(time.Millisecond))
			return nil
		},
	}
	cmd.Flags().StringVar(&o.Source, "source", "", "site folder (default: current folder if it has content/, else the built-in site)")
	cmd.Flags().StringVar(&o.Out, "out", "public", "output folder")
	cmd.Flags().BoolVar(&o.Force, "force", false, "replace an --out folder that riskguide did not write")
	cmd.Flags().StringVar(&o.BaseURL, "base-url", "", "address the site will be published at, for canonical links and sitemap.xml")
	return cmd
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// progress shows how far a long build has got, on a terminal only, and only
// once the build has run long enough for a reader to wonder.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w), start: time.Now()}
}

func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < 500*time.Millisecond || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	p.shown = true
	fmt.Fprintf(p.w, "\rrendering pages: %d of %d", done, total)
}

func (p *progress) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
