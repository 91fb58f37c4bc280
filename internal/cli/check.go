package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/check"
	"github.com/riskguide/riskguide/internal/crawl"
	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/linkcheck"
)

func checkCommand(stdout, stderr io.Writer) *cobra.Command {
	var source, address string
	var crawlOpts crawl.Options
	var strict bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the content, build it aside and check every link; or check a deployed site",
		Long: `Check the content: every file, key and cross-reference. Then build the site
into a temporary folder and check every internal link and anchor. Problems are
listed as file:line:col: message; the exit code is 1 if there are any.

On a site in several languages, a text not translated yet, translated in
part, or translated from an older version of its source is a warning: it is
listed, and the exit code stays 0, so that a correction to the source is not
held up until every language catches up. With --strict they are problems.

With --url, check a site deployed on a web server instead: fetch its home page
and every page, stylesheet, script and image it links to under that address,
and report missing files, wrong content types and missing security headers
(see docs/hosting.md). Findings are grouped: one line for each kind of problem,
with the files it affects. The check is bounded as a careful crawler is: it
stays under the address given, reads at most 32 MB of a page and 512 MB in all,
keeps no more addresses than it may fetch, and stops after --max-files files
or --timeout; a check stopped early is a problem (exit 1), as not everything
was checked (see docs/safety.md).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if address != "" {
				if source != "" || strict {
					return usageError{fmt.Errorf("--url checks a deployed site: --source and --strict go with checking a site folder")}
				}
				return checkDeployment(cmd.Context(), address, crawlOpts, stdout, stderr)
			}
			for _, name := range []string{"timeout", "request-timeout", "max-files"} {
				if cmd.Flags().Changed(name) {
					return usageError{fmt.Errorf("--%s goes with --url: it bounds the check of a deployed site", name)}
				}
			}
			src, err := generate.FindSource(source)
			if err != nil {
				return err
			}
			tmp, err := os.MkdirTemp("", "riskguide-check-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			res, err := generate.BuildSource(src, generate.Options{Out: tmp + "/public"})
			if err != nil {
				return err
			}
			diags, err := linkcheck.Check(os.DirFS(res.Out), "public", res.Site.Config.PrettyURLs)
			if err != nil {
				return err
			}
			// A translation missing or behind its source still builds (its
			// pages say so): work for the translator, a problem only for a
			// site that wants every language current (--strict).
			warnings := append(res.Site.Untranslated(), res.Site.Stale()...).Sort()
			if strict {
				diags = append(diags, warnings...)
				warnings = nil
			}
			for _, w := range warnings {
				fmt.Fprintf(stderr, "%s: warning: %s\n", w.Pos, w.Message)
			}
			// Other warnings do not change the exit code either: the site
			// is fine to build, but not yet to publish as it is.
			for _, w := range check.Warnings(res.Site) {
				fmt.Fprintln(stderr, w)
			}
			for _, w := range edition.Warnings(src.FS, res.Editions) {
				fmt.Fprintln(stderr, w)
			}
			if len(diags) > 0 {
				return diags
			}
			if n := len(warnings); n > 0 {
				fmt.Fprintf(stdout, "checked %s: no problems, %d translation %s (%d pages)\n", src.Name, n, plural(n, "warning", "warnings"), res.Pages)
				return nil
			}
			fmt.Fprintf(stdout, "checked %s: no problems (%d pages)\n", src.Name, res.Pages)
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "site folder (default: current folder if it has content/, else the built-in site)")
	cmd.Flags().BoolVar(&strict, "strict", false, "make missing, partly translated and out-of-date translations problems, not warnings")
	cmd.Flags().StringVar(&address, "url", "", "address of a deployed site to check over HTTP, such as https://intranet/guidance/ipv/")
	cmd.Flags().DurationVar(&crawlOpts.Timeout, "timeout", 10*time.Minute, "with --url: stop the check after this long, and say what was not checked")
	cmd.Flags().DurationVar(&crawlOpts.RequestTimeout, "request-timeout", 30*time.Second, "with --url: give up on one file after this long")
	cmd.Flags().IntVar(&crawlOpts.MaxFiles, "max-files", 5000, "with --url: stop the check after fetching this many files")
	return cmd
}

func checkDeployment(ctx context.Context, address string, o crawl.Options, stdout, stderr io.Writer) error {
	rep, err := crawl.Check(ctx, address, o)
	if err != nil {
		if _, perr := url.Parse(address); perr != nil || !strings.HasPrefix(address, "http") {
			return usageError{err}
		}
		return err
	}
	printFindings(stderr, rep)
	checked := fmt.Sprintf("%d %s, %d %s", rep.Fetched, plural(rep.Fetched, "file", "files"), rep.Pages, plural(rep.Pages, "page", "pages"))
	files := map[string]bool{}
	n := rep.Unlisted
	for _, p := range rep.Problems {
		if p.URL != "" {
			n++
			files[p.URL] = true
		}
	}
	switch {
	case n > 0:
		return fmt.Errorf("%s: %d %s in %d %s (checked %s)", rep.Base, n, plural(n, "problem", "problems"),
			len(files), plural(len(files), "file", "files"), checked)
	case rep.Truncated:
		return fmt.Errorf("%s: no problems in what was checked (%s), but not everything was checked", rep.Base, checked)
	}
	fmt.Fprintf(stdout, "checked %s: no problems (%s)\n", rep.Base, checked)
	return nil
}

// shownFiles is how many files a line of findings names; it says how many
// more there are.
const shownFiles = 3

// printFindings writes the problems of a check grouped by kind: one line
// for each, with the files it affects (the first few, addresses relative
// to the site's), so that a header missing on every file is one line and
// not one for each file. Problems of the whole check come last.
func printFindings(w io.Writer, rep *crawl.Report) {
	type kind struct {
		message string
		items   []string
	}
	var kinds []*kind
	byMessage := map[string]*kind{}
	var whole []string
	rel := func(u string) string {
		if u == rep.Base {
			return "the home page"
		}
		return strings.TrimPrefix(u, rep.Base)
	}
	for _, p := range rep.Problems {
		if p.URL == "" {
			whole = append(whole, p.Message)
			continue
		}
		k := byMessage[p.Message]
		if k == nil {
			k = &kind{message: p.Message}
			byMessage[p.Message] = k
			kinds = append(kinds, k)
		}
		item := shorten(rel(p.URL))
		if p.Link && p.From != "" {
			item += " (linked from " + shorten(rel(p.From)) + ")"
		}
		k.items = append(k.items, item)
	}
	for _, k := range kinds {
		shown := k.items[:min(len(k.items), shownFiles)]
		line := fmt.Sprintf("%s: %d %s: %s", k.message, len(k.items), plural(len(k.items), "file", "files"), strings.Join(shown, ", "))
		if more := len(k.items) - len(shown); more > 0 {
			line += fmt.Sprintf(" and %d more", more)
		}
		fmt.Fprintln(w, terminalSafe(line))
	}
	if rep.Unlisted > 0 {
		fmt.Fprintf(w, "and %d more %s, not listed\n", rep.Unlisted, plural(rep.Unlisted, "problem", "problems"))
	}
	for _, m := range whole {
		fmt.Fprintln(w, terminalSafe(m))
	}
}

// shorten cuts an address longer than a line can show.
func shorten(s string) string {
	const most = 100
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most-1]) + "…"
}

// terminalSafe quotes a line that holds control characters, which a
// hostile server can put in an address or a header, so that they reach
// the terminal as text and not as commands.
func terminalSafe(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strconv.Quote(s)
}
