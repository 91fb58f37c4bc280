package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"riskguide/internal/build"
)

func buildCommand(stdout io.Writer) *cobra.Command {
	var o build.Options
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into public/",
		Long: `Build the site. The source is --source, else the current folder when it has a
content/ folder, else the built-in default site. The output replaces --out
(public/) only when the whole build succeeds.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			res, err := build.Build(o)
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
