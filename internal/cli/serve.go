package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/serve"
)

func serveCommand(stdout, stderr io.Writer) *cobra.Command {
	o := serve.Options{Out: stdout, Err: stderr}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site, rebuilding and reloading on every change",
		Long: `Build the site, serve it at http://127.0.0.1:1313/ and watch content/, layouts/,
checklists/, assets/ and translations/. Every change rebuilds the site, in
every language, and reloads the open pages. A change that breaks the content is reported here and over the page in
the browser, while the last good build stays in place.

The source is --source, else the current folder when it has a content/ folder,
else the built-in default site, which is served but not watched. The build is
kept in memory; public/ is not touched.

Only requests addressed to localhost, 127.0.0.1, [::1] or the --bind address
are answered, so that a web page cannot read the preview by pointing a name
of its own at this machine; give any other name with --allow-host NAME.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Port < 0 || o.Port > 65535 {
				return usageError{fmt.Errorf("--port %d is not a TCP port (0 to 65535)", o.Port)}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			s, err := serve.Start(ctx, o)
			if err != nil {
				return err
			}
			// Once the first Ctrl-C is shutting down, a second one kills.
			go func() { <-ctx.Done(); stop() }()
			err = s.Wait()
			if err == nil {
				fmt.Fprintln(stdout, "stopped")
			}
			return err
		},
	}
	cmd.Flags().StringVar(&o.Source, "source", "", "site folder (default: current folder if it has content/, else the built-in site)")
	cmd.Flags().StringVar(&o.Bind, "bind", "127.0.0.1", "address to listen on")
	cmd.Flags().IntVar(&o.Port, "port", 1313, "port to listen on (0: any free port)")
	cmd.Flags().StringArrayVar(&o.AllowHosts, "allow-host", nil, "a name the preview may be reached by, besides localhost and the --bind address (repeatable)")
	return cmd
}
