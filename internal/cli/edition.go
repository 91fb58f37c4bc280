package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/edition"
	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/site"
)

func editionCommand(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "edition",
		Short: "Record published editions of the guidance",
		Long: `A record of each published edition lets the site show, recommendation by
recommendation, what changed from one edition to the next, and keep each
edition's quoted texts readable at a permanent address (see
docs/content-format.md, "Editions").`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{fmt.Errorf("edition needs a subcommand: record")}
		},
	}
	cmd.AddCommand(editionRecordCommand(stdout))
	return cmd
}

func editionRecordCommand(stdout io.Writer) *cobra.Command {
	var source string
	var force bool
	cmd := &cobra.Command{
		Use:   "record",
		Short: "Write the record of the edition the content is now: editions/<version>.yaml",
		Long: `Write the record of the edition the content is now, under the site folder:
editions/<version>.yaml, the version and date taken from content/site.yaml
(version:, published:). The record holds every expected result and
recommendation with its id, number and quoted text, and a hash of what
surrounds each (practice guidance, indicators, evidence, checklist items,
templates). Record an edition when you publish it, and commit the record.

A record is never edited by hand: it ends with a hash of its content, and a
build refuses a record that no longer matches it.

Recording a version that is already recorded changes nothing if the content
is the same. If the content changed, it is refused: give the new edition its
own version: in site.yaml. --force replaces the record of that version (for
an edition not yet published); it never replaces a file that is not a sound
record written by riskguide.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			return recordEdition(source, force, stdout)
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "site folder (default: current folder if it has content/)")
	cmd.Flags().BoolVar(&force, "force", false, "replace the record of this version, written by riskguide, whose content differs")
	return cmd
}

func recordEdition(source string, force bool, stdout io.Writer) error {
	src, err := generate.FindSource(source)
	if err != nil {
		return err
	}
	if src.Dir == "" {
		return usageError{errors.New("edition record writes into a site folder: run it in one (a folder with content/), or give --source")}
	}
	s, diags := generate.Load(src)
	if len(diags) > 0 {
		return diags
	}
	records, notes, diags := edition.Read(src.FS)
	if len(diags) > 0 {
		return diags.Sort()
	}
	cur := edition.FromSite(s)
	var missing site.Diagnostics
	if !edition.ValidVersion(cur.Version) {
		missing.Add(site.Pos{File: "content/site.yaml"}, "version: %q cannot name an edition: give version: letters, digits, dots and hyphens, such as \"2.1\"", cur.Version)
	}
	if cur.Date == "" {
		missing.Add(site.Pos{File: "content/site.yaml"}, "published: is missing: an edition is recorded with the date it was published")
	}
	if len(missing) > 0 {
		return missing
	}
	set := edition.NewSet(records, notes, cur)
	if diags := edition.Problems(src.FS, set); len(diags) > 0 {
		return diags
	}
	name := edition.FileName(cur.Version)
	data := cur.Marshal(s.Config.Title)
	// The record is read and written through the site folder's root, which
	// follows no link out of it.
	root, err := os.OpenRoot(src.Dir)
	if err != nil {
		return err
	}
	defer root.Close()
	old, err := root.ReadFile(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if n := len(records); n > 0 && edition.VersionLess(cur.Version, records[n-1].Version) {
			return fmt.Errorf("version %s comes before %s, the newest recorded edition: recording it would make the history run backwards", cur.Version, records[n-1].Version)
		}
	case err != nil:
		return err
	case bytes.Equal(old, data):
		fmt.Fprintf(stdout, "edition %s is already recorded in %s: nothing changed\n", cur.Version, name)
		return nil
	default:
		// Only a sound record riskguide wrote may be replaced: a file
		// edited by hand, or one that is not a record, is someone's work.
		if _, ds := edition.Parse(name, old); len(ds) > 0 {
			return append(ds, site.Diagnostic{Pos: site.Pos{File: name}, Message: "not replaced: this file is not a record as riskguide writes it"})
		}
		if !force {
			return fmt.Errorf("edition %s is already recorded in %s, and the content has changed since: if the changes make a new edition, give it its own version: (and published:) in content/site.yaml and record it; to replace the record of an edition not yet published, use --force", cur.Version, name)
		}
	}
	if err := publish.WriteFile(publish.Replace(root), name, data); err != nil {
		return err
	}
	results, recs := len(cur.Results), 0
	for _, r := range cur.Results {
		recs += len(r.Recs)
	}
	fmt.Fprintf(stdout, "recorded edition %s (%s): %d expected results, %d recommendations, in %s\n", cur.Version, cur.Date, results, recs, name)
	var prev *edition.Record
	for _, r := range records {
		if r.Version != cur.Version && edition.VersionLess(r.Version, cur.Version) {
			prev = r
		}
	}
	if prev != nil {
		fmt.Fprintf(stdout, "since edition %s: %s\n", prev.Version, edition.Summary(edition.Compare(prev, cur, notes[cur.Version])))
	}
	return nil
}
