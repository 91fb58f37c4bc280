package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/build"
	"github.com/riskguide/riskguide/internal/report"
)

func reportCommand(stdout, stderr io.Writer) *cobra.Command {
	var out, source string
	var skip bool
	cmd := &cobra.Command{
		Use:   "report FILE...",
		Short: "Combine self-assessment exports into a comparative report",
		Long: `Read the self-assessments (JSON exports) of several forces and write a
comparative report into --out: index.html (with report.css) and report.csv.

Answers are matched to the guidance by recommendation id. The guidance is
--source, else the current folder when it has content/, else the built-in
default. Answers for ids the guidance lacks are listed, not counted.

A file that is not a valid export is named with the reason; the command then
exits 1 without writing anything, unless --skip-invalid is given.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("report needs at least one export file")}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			src, err := build.FindSource(source)
			if err != nil {
				return err
			}
			s, diags := build.Load(src)
			if len(diags) > 0 {
				return diags
			}
			var inputs []report.Input
			var unreadable []report.Invalid
			for _, name := range args {
				data, err := readLimited(name)
				if err != nil {
					unreadable = append(unreadable, report.Invalid{File: name, Err: err})
					continue
				}
				inputs = append(inputs, report.Input{Name: name, Data: data})
			}
			r, bad := report.Build(s, inputs)
			bad = append(unreadable, bad...)
			sort.SliceStable(bad, func(i, j int) bool { return bad[i].File < bad[j].File })
			for _, b := range bad {
				if skip {
					fmt.Fprintf(stderr, "skipping %s\n", b)
				} else {
					fmt.Fprintf(stderr, "%s\n", b)
				}
			}
			if len(bad) > 0 && !skip {
				return fmt.Errorf("%d of %d %s not valid; nothing written (use --skip-invalid to report the others)",
					len(bad), len(args), plural(len(args), "file is", "files are"))
			}
			if len(r.Forces) == 0 {
				return fmt.Errorf("no valid export to report on")
			}
			files, err := r.Files()
			if err != nil {
				return err
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			names := make([]string, 0, len(files))
			for name := range files {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
					return err
				}
			}
			fmt.Fprintf(stdout, "wrote %s: %d %s, %d %s for unknown recommendations\n",
				filepath.Join(out, "index.html"), len(r.Forces), plural(len(r.Forces), "assessment", "assessments"),
				len(r.Unknown), plural(len(r.Unknown), "answer", "answers"))
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "report", "output folder")
	cmd.Flags().StringVar(&source, "source", "", "site folder with the guidance (default: current folder if it has content/, else the built-in site)")
	cmd.Flags().BoolVar(&skip, "skip-invalid", false, "report on the valid files and skip the others")
	return cmd
}

// readLimited reads an export, refusing files too large to be one before
// reading them whole.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(report.MaxBytes)+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if len(data) > report.MaxBytes {
		return nil, fmt.Errorf("is larger than the limit of %d bytes", report.MaxBytes)
	}
	return data, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
