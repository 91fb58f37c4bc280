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
	"github.com/riskguide/riskguide/internal/check"
	"github.com/riskguide/riskguide/internal/crawl"
	"github.com/riskguide/riskguide/internal/linkcheck"
)

func checkCommand(stdout, stderr io.Writer) *cobra.Command {
	var source, address string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the content, build it aside and check every link; or check a deployed site",
		Long: `Check the content: every file, key and cross-reference. Then build the site
into a temporary folder and check every internal link and anchor. Problems are
listed as file:line:col: message; the exit code is 1 if there are any.

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
			// A translation behind its source still builds (its pages say
			// so), but it is a problem for the translator to fix.
			diags = append(diags, res.Site.Stale()...)
			// Warnings do not change the exit code: the site is fine to
			// build, but not yet to publish as it is.
			for _, w := range check.Warnings(res.Site) {
				fmt.Fprintln(stderr, w)
			}
			if len(diags) > 0 {
				return diags
			}
			fmt.Fprintf(stdout, "checked %s: no problems (%d pages)\n", src.Name, res.Pages)
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "site folder (default: current folder if it has content/, else the built-in site)")
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
