package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/build"
	"github.com/riskguide/riskguide/internal/crawl"
	"github.com/riskguide/riskguide/internal/linkcheck"
)

func checkCommand(stdout, stderr io.Writer) *cobra.Command {
	var source, address string
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
(see docs/hosting.md).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if address != "" {
				if source != "" {
					return usageError{fmt.Errorf("--url and --source cannot be used together")}
				}
				return checkDeployment(cmd.Context(), address, stdout, stderr)
			}
			src, err := build.FindSource(source)
			if err != nil {
				return err
			}
			tmp, err := os.MkdirTemp("", "riskguide-check-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			res, err := build.BuildSource(src, build.Options{Out: tmp + "/public"})
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
	return cmd
}

func checkDeployment(ctx context.Context, address string, stdout, stderr io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	rep, err := crawl.Check(ctx, address, crawl.Options{})
	if err != nil {
		if _, perr := url.Parse(address); perr != nil || !strings.HasPrefix(address, "http") {
			return usageError{err}
		}
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, p)
	}
	if rep.Truncated {
		fmt.Fprintf(stderr, "stopped after %d files\n", rep.Fetched)
	}
	if n := len(rep.Problems); n > 0 {
		return fmt.Errorf("%s: %d %s in %d files", address, n, plural(n, "problem", "problems"), rep.Fetched)
	}
	fmt.Fprintf(stdout, "checked %s: no problems (%d files, %d pages)\n", address, rep.Fetched, rep.Pages)
	return nil
}
