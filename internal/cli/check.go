package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/build"
	"github.com/riskguide/riskguide/internal/linkcheck"
)

func checkCommand(stdout io.Writer) *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the content, build it aside and check every link",
		Long: `Check the content: every file, key and cross-reference. Then build the site
into a temporary folder and check every internal link and anchor. Problems are
listed as file:line:col: message; the exit code is 1 if there are any.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
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
			if len(diags) > 0 {
				return diags
			}
			fmt.Fprintf(stdout, "checked %s: no problems (%d pages)\n", src.Name, res.Pages)
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "site folder (default: current folder if it has content/, else the built-in site)")
	return cmd
}
