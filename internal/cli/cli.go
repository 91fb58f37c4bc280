// Package cli is riskguide's command line: cobra commands that turn flags
// into options, call the library, and print results and problems. Nothing
// here exits the process; Main returns the exit code.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/site"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the content has problems, or the work failed
	exitUsage   = 2 // the command was misused
)

// usageError marks a misuse of the command line.
type usageError struct{ error }

// Main runs the command line with args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var diags site.Diagnostics
	var usage usageError
	switch {
	case errors.As(err, &diags):
		for _, d := range diags {
			fmt.Fprintln(stderr, d)
		}
		fmt.Fprintf(stderr, "%d %s\n", len(diags), plural(len(diags), "problem", "problems"))
		return exitContent
	case errors.As(err, &usage), strings.HasPrefix(err.Error(), "unknown command"):
		// cobra reports an unknown command as a plain error.
		fmt.Fprintf(stderr, "riskguide: %v\nRun 'riskguide --help' for usage.\n", err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "riskguide: %v\n", err)
		return exitContent
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "riskguide",
		Short: "Builds a static guidance website from YAML and Markdown",
		Long: `riskguide turns evidence-based guidance written as YAML and Markdown into a
static website: recommendations, role checklists, protocol templates and a
self-assessment, searchable, printable and working without any server.

Without a content folder it builds its built-in default: the European guidance
on police risk management of intimate partner violence.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		buildCommand(stdout, stderr),
		checkCommand(stdout, stderr),
		editionCommand(stdout),
		newCommand(stdout),
		reportCommand(stdout, stderr),
		serveCommand(stdout, stderr),
		translationsCommand(stdout),
		versionCommand(stdout),
	)
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// noArgs rejects positional arguments as misuse.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.Name(), args)}
	}
	return nil
}

func versionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(stdout, "%s, content schema %d\n", readBuildVersion(), site.SchemaVersion)
			return nil
		},
	}
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
