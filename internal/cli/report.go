package cli

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/load"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/report"
)

func reportCommand(stdout, stderr io.Writer) *cobra.Command {
	var out, source, date, lang string
	var skip, force, drafts bool
	cmd := &cobra.Command{
		Use:   "report FILE...",
		Short: "Combine self-assessment exports into a comparative report",
		Long: `Read the self-assessments (JSON exports or workbooks, .xlsx) of several forces and write a
comparative report into --out: index.html (with report.css) and report.csv.

Answers are matched to the guidance by recommendation id. The guidance is
--source, else the current folder when it has content/, else the built-in
default. Answers for ids the guidance lacks are listed, not counted.

Each answer was given under one edition of the guidance (an export before
format version 4: the edition its file names, or the first recorded in
editions/ when that one is not). When the assessments answered different
editions, each column says which; an answer to a quoted text that differs
from the guidance's is marked and left out of scores and comparisons.

Exports are grouped by organisation: the latest assessment of each is
compared with the others, and each organisation has a page with its scores
from period to period and its evidence, gaps and actions. A file holding an
assessment already given (the same assessment id) is named and left out.

Only final (signed-off) assessments are reported on; drafts given are named
and left out. With --drafts they are reported on too, and marked as drafts
wherever they appear.

--out is replaced whole, so it may not be a folder that holds one of the
files given.

The report is written in the site's language, or in --lang, one of the
site's languages: its headings, status labels, dates and CSV headings come
from the site's interface strings (layouts/i18n), and the guidance's texts
from its translations.

The report says the day it was generated: --date YYYY-MM-DD, else the day of
SOURCE_DATE_EPOCH when that is set (for reproducible output), else today.

A file that is not a valid export is named with the reason; the command then
exits 1 without writing anything, unless --skip-invalid is given.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("report needs at least one export file")}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			generated, err := generatedOn(date)
			if err != nil {
				return usageError{err}
			}
			src, err := generate.FindSource(source)
			if err != nil {
				return err
			}
			s, diags := generate.Load(src)
			if len(diags) > 0 {
				return diags
			}
			// The editions are compared in the source language, before
			// the site is translated for --lang.
			records, notes, ediags := edition.Read(src.FS)
			if len(ediags) > 0 {
				return ediags.Sort()
			}
			editions := edition.NewSet(records, notes, edition.FromSite(s))
			if lang == "" {
				lang = s.Config.Language
			}
			if !slices.Contains(s.Config.Languages, lang) && lang != s.Config.Language {
				others := slices.DeleteFunc(slices.Clone(s.Config.Languages), func(l string) bool { return l == s.Config.Language })
				return usageError{fmt.Errorf("--lang %s: the site is not in that language; its languages are %s", report.Printable(lang), strings.Join(append([]string{s.Config.Language}, others...), ", "))}
			}
			if lang != s.Config.Language {
				s = s.Translate(lang)
			}
			msgs, err := load.SiteMessages(generate.Theme(src), s)
			if err != nil {
				return err
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
			r, bad := report.Build(s, inputs, report.Options{Drafts: drafts, Strings: msgs, Lang: lang, Editions: editions})
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
			for _, d := range r.Duplicates {
				fmt.Fprintf(stderr, "warning: %s\n", d)
			}
			for _, f := range r.DraftsLeftOut {
				fmt.Fprintf(stderr, "left out %s: %s is a draft, not signed off (add --drafts to report on drafts)\n",
					report.Printable(f.File), report.Printable(f.Name))
			}
			if len(r.Forces) == 0 {
				if n := len(r.DraftsLeftOut); n > 0 {
					return fmt.Errorf("no final assessment to report on: %d %s left out; add --drafts to report on drafts", n, plural(n, "draft", "drafts"))
				}
				return fmt.Errorf("no valid export to report on")
			}
			if err := outHoldsNoInput(out, args); err != nil {
				return err
			}
			r.Generated = generated
			files, err := r.Files()
			if err != nil {
				return err
			}
			if err := writeReport(out, src.Dir, force, files); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s: %d %s of %d %s, %d %s for unknown recommendations\n",
				filepath.Join(out, "index.html"), len(r.Forces), plural(len(r.Forces), "assessment", "assessments"),
				len(r.Organisations), plural(len(r.Organisations), "organisation", "organisations"),
				len(r.Unknown), plural(len(r.Unknown), "answer", "answers"))
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "report", "output folder")
	cmd.Flags().StringVar(&source, "source", "", "site folder with the guidance (default: current folder if it has content/, else the built-in site)")
	cmd.Flags().BoolVar(&skip, "skip-invalid", false, "report on the valid files and skip the others")
	cmd.Flags().BoolVar(&force, "force", false, "replace an --out folder that riskguide did not write")
	cmd.Flags().StringVar(&lang, "lang", "", "the language of the report, one of the site's languages (default: the site's language)")
	cmd.Flags().BoolVar(&drafts, "drafts", false, "report on drafts too, marked as drafts (default: final assessments only)")
	cmd.Flags().StringVar(&date, "date", "", "the day the report says it was generated, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
	return cmd
}

// writeReport replaces the folder out with the report's files, by the rule
// every output of riskguide follows (publish.CheckOutput). The files are
// written into a new folder that is then swapped in, so a link left in the
// old folder is never written through.
func writeReport(out, source string, force bool, files map[string][]byte) error {
	if err := publish.CheckOutput(out, publish.ReportOutput, source, force); err != nil {
		return err
	}
	o, err := publish.Begin(out)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := publish.WriteFile(o, name, files[name]); err != nil {
			o.Abort()
			return err
		}
	}
	if err := publish.WriteFile(o, publish.MarkerName, publish.Marker(publish.ReportOutput)); err != nil {
		o.Abort()
		return err
	}
	return o.Commit()
}

// outHoldsNoInput refuses an --out folder that holds one of the files
// given: the report replaces the folder whole, and would delete its own
// inputs. Links are resolved on both sides.
func outHoldsNoInput(out string, inputs []string) error {
	dir, err := filepath.EvalSymlinks(out)
	if err != nil {
		return nil // no folder yet, so it holds nothing; CheckOutput says the rest
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil
	}
	for _, in := range inputs {
		p, err := filepath.EvalSymlinks(in)
		if err != nil {
			continue
		}
		if p, err = filepath.Abs(p); err != nil {
			continue
		}
		if rel, err := filepath.Rel(dir, p); err == nil && filepath.IsLocal(rel) {
			return fmt.Errorf("refusing to write the report into %s: it holds %s, one of the files to report on, and the folder is replaced whole. Move the file out of it, or choose another folder for --out",
				report.Printable(out), report.Printable(in))
		}
	}
	return nil
}

// generatedOn is the day the report names: the flag, else the day of
// SOURCE_DATE_EPOCH (seconds since 1970, in UTC), else today in UTC.
func generatedOn(flag string) (string, error) {
	if flag != "" {
		t, err := time.Parse("2006-01-02", flag)
		if err != nil {
			return "", fmt.Errorf("--date %q is not a date written as YYYY-MM-DD", flag)
		}
		return t.Format("2006-01-02"), nil
	}
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", v)
		}
		return time.Unix(n, 0).UTC().Format("2006-01-02"), nil
	}
	return time.Now().UTC().Format("2006-01-02"), nil
}

// readLimited reads an export, refusing files too large to be one before
// reading them whole.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, publish.UnwrapPath(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(report.MaxBytes)+1))
	if err != nil {
		return nil, publish.UnwrapPath(err)
	}
	if len(data) > report.MaxBytes {
		return nil, fmt.Errorf("is larger than the limit of %d bytes", report.MaxBytes)
	}
	return data, nil
}
