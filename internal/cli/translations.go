package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/riskguide/riskguide/internal/build"
	"github.com/riskguide/riskguide/internal/site"
)

func translationsCommand(stdout io.Writer) *cobra.Command {
	var source, lang, initLang string
	cmd := &cobra.Command{
		Use:   "translations",
		Short: "List what each language has to translate: missing, out of date, done",
		Long: `For each language of the site but the source (languages: in content/site.yaml),
count the texts (expected results, recommendations, pages, roles, sources,
checklists, templates) whose translation is missing, out of date (its
source text changed since) or done, and list every missing and out-of-date
one, the latter at file:line.

With --init xx, write starter files for a new language under
translations/xx/: one file per source file, each text with the hash of its
source and the source text as a comment, ready to be translated. Existing
files are never replaced. Then add xx to languages: in content/site.yaml.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			src, err := build.FindSource(source)
			if err != nil {
				return err
			}
			s, diags := build.Load(src)
			if len(diags) > 0 {
				return diags
			}
			if initLang != "" {
				if src.Dir == "" {
					return usageError{errors.New("--init writes into a site folder: give --source or run it in one")}
				}
				return initTranslation(stdout, src.Dir, s, initLang)
			}
			return listTranslations(stdout, s, lang)
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "site folder (default: current folder if it has content/, else the built-in site)")
	cmd.Flags().StringVar(&lang, "lang", "", "only this language")
	cmd.Flags().StringVar(&initLang, "init", "", "write starter files for this language under translations/")
	return cmd
}

func listTranslations(w io.Writer, s *site.Site, only string) error {
	langs := s.Config.Languages
	if len(langs) < 2 {
		fmt.Fprintf(w, "the site has one language (%s): list others under languages: in content/site.yaml\n", s.Config.Language)
		return nil
	}
	if only != "" && !slices.Contains(langs[1:], only) {
		return usageError{fmt.Errorf("--lang %s: the site's other languages are %s", only, strings.Join(langs[1:], ", "))}
	}
	for _, lang := range langs[1:] {
		if only != "" && lang != only {
			continue
		}
		states := s.States(lang)
		count := map[string]int{}
		var todo []string
		for _, u := range s.Units() {
			key := site.UnitKey(u.Kind, u.ID)
			st := states[key]
			count[st]++
			t := s.Translations[lang].Units[key]
			switch st {
			case site.TranslationMissing:
				todo = append(todo, fmt.Sprintf("  missing  %s %s (%s)", site.UnitWord(u.Kind), u.ID, u.Pos))
			case site.TranslationStale:
				todo = append(todo, fmt.Sprintf("  stale    %s: %s %s", t.HashPos, site.UnitWord(u.Kind), u.ID))
			case site.TranslationPartial:
				missing := t.Missing(u)
				todo = append(todo, fmt.Sprintf("  partly   %s %s: partly translated: %d of %d fields (%s)", site.UnitWord(u.Kind), u.ID, len(u.Fields)-len(missing), len(u.Fields), t.Pos))
				for _, f := range missing {
					todo = append(todo, fmt.Sprintf("             %s: %s not translated yet", t.MissingPos(f), f))
				}
			}
		}
		fmt.Fprintf(w, "%s: %d missing, %d partly translated, %d stale, %d done\n", lang, count[site.TranslationMissing], count[site.TranslationPartial], count[site.TranslationStale], count[site.TranslationDone])
		for _, line := range todo {
			fmt.Fprintln(w, line)
		}
	}
	return nil
}

// initTranslation writes the starter files of a new language. It refuses to
// start if the language's folder has any of them already, so that no
// translator's work is replaced.
func initTranslation(w io.Writer, dir string, s *site.Site, lang string) error {
	if lang == s.Config.Language {
		return usageError{fmt.Errorf("--init %s: that is the source language", lang)}
	}
	files := map[string][]byte{}
	var order []string
	add := func(name string, data []byte) {
		files[name] = data
		order = append(order, name)
	}
	base := "translations/" + lang
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The site's title and tagline in %s. Source: content/site.yaml\n", lang)
	comment(&b, "", s.Config.Title)
	b.WriteString("title:\n")
	if s.Config.Tagline != "" {
		comment(&b, "", s.Config.Tagline)
		b.WriteString("tagline:\n")
	}
	t := s.Config.Terms
	b.WriteString("# The words the interface uses for the site's concepts, as they read in\n# the middle of a sentence, in the source language:\n# terms:\n")
	for _, id := range site.TermIDs {
		term, _ := t.ByID(id)
		fmt.Fprintf(&b, "#   %s: {singular: %s, plural: %s}\n", id, term.Singular, term.Plural)
	}
	add(base+"/site.yaml", b.Bytes())
	for _, r := range s.Results {
		b = bytes.Buffer{}
		fmt.Fprintf(&b, "# Translation into %s of %s.\n# Write each text after its key; the source text is above it. A text of\n# several lines (after \"|\") goes on the lines below its key, each indented\n# two spaces more than the key. Leave source_hash as it is: it says which\n# version of the source this translates.\n", lang, r.Pos.File)
		fmt.Fprintf(&b, "id: %s\nsource_hash: %s\n", r.ID, r.SourceHash())
		field(&b, "", "title", r.Title)
		field(&b, "", "statement", r.Statement)
		field(&b, "", "summary", r.Summary.Value)
		b.WriteString("recommendations:\n")
		for _, rec := range r.Recommendations {
			fmt.Fprintf(&b, "  - id: %s\n    source_hash: %s\n", rec.ID, rec.SourceHash())
			field(&b, "    ", "text", rec.Text)
			field(&b, "    ", "guidance", rec.Guidance.Value)
			if len(rec.Indicators) > 0 {
				b.WriteString("    indicators:\n")
				for _, ind := range rec.Indicators {
					comment(&b, "      ", ind)
					b.WriteString("      -\n")
				}
			}
		}
		add(base+"/expected-results/"+path.Base(r.Pos.File), b.Bytes())
	}
	b = bytes.Buffer{}
	fmt.Fprintf(&b, "# Translation into %s of content/roles.yaml.\nroles:\n", lang)
	for _, r := range s.Roles {
		fmt.Fprintf(&b, "  - id: %s\n    source_hash: %s\n", r.ID, r.SourceHash())
		field(&b, "    ", "name", r.Name)
		field(&b, "    ", "description", r.Description.Value)
	}
	add(base+"/roles.yaml", b.Bytes())
	b = bytes.Buffer{}
	fmt.Fprintf(&b, "# Translation into %s of content/sources.yaml: the titles of the sources.\nsources:\n", lang)
	for _, src := range s.Sources {
		fmt.Fprintf(&b, "  - id: %s\n    source_hash: %s\n", src.ID, src.SourceHash())
		field(&b, "    ", "title", src.Title)
	}
	add(base+"/sources.yaml", b.Bytes())
	for _, p := range s.Pages {
		b = bytes.Buffer{}
		fmt.Fprintf(&b, "---\n# Translation into %s of %s: write the title here and the\n# translated Markdown below the closing line.\n", lang, p.Pos.File)
		field(&b, "", "title", p.Title)
		fmt.Fprintf(&b, "source_hash: %s\n---\n", p.SourceHash())
		add(base+"/pages/"+p.ID+".md", b.Bytes())
	}
	for _, c := range s.Checklists {
		b = bytes.Buffer{}
		fmt.Fprintf(&b, "# Translation into %s of %s. Write each text after its key or\n# dash; the source text is above it. Keep every field, section and item,\n# in the source's order: the browser keeps ticks and entries by place.\n", lang, c.Pos.File)
		fmt.Fprintf(&b, "source_hash: %s\n", c.SourceHash())
		field(&b, "", "title", c.Title)
		field(&b, "", "intro", c.Intro.Value)
		if len(c.Fields) > 0 {
			b.WriteString("fields:\n")
			for _, f := range c.Fields {
				comment(&b, "  ", f.Label)
				b.WriteString("  -\n")
			}
		}
		b.WriteString("sections:\n")
		for _, sec := range c.Sections {
			comment(&b, "  ", sec.Title)
			b.WriteString("  - title:\n    items:\n")
			for _, it := range sec.Items {
				comment(&b, "      ", it.Text)
				b.WriteString("      -\n")
			}
		}
		add(base+"/checklists/"+path.Base(c.Pos.File), b.Bytes())
	}
	for _, p := range s.Protocols {
		b = bytes.Buffer{}
		fmt.Fprintf(&b, "---\n# Translation into %s of %s: write the title and summary here\n# and the translated template below the closing line, with each\n# [[field]] of the source, in the same order.\n", lang, p.Pos.File)
		field(&b, "", "title", p.Title)
		field(&b, "", "summary", p.Summary)
		fmt.Fprintf(&b, "source_hash: %s\n---\n", p.SourceHash())
		add(base+"/protocols/"+p.ID+".md", b.Bytes())
	}
	for _, name := range order {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s exists already: --init writes only into a new language's folder", name)
		}
	}
	for _, name := range order {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(files[name])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "wrote %d starter files under %s/; add %s to languages: in content/site.yaml\n", len(order), base, lang)
	return nil
}

// field writes a key left empty for the translator, its source text above
// it as a comment; a source text that is empty is left out. A text of
// several lines gets a block scalar ("key: |"), empty until written, so
// that the translator writes the lines below it as the source has them.
func field(b *bytes.Buffer, indent, key, source string) {
	source = strings.TrimSpace(source)
	if source == "" {
		return
	}
	comment(b, indent, source)
	if strings.Contains(source, "\n") {
		fmt.Fprintf(b, "%s%s: |\n", indent, key)
		return
	}
	fmt.Fprintf(b, "%s%s:\n", indent, key)
}

func comment(b *bytes.Buffer, indent, text string) {
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		fmt.Fprintf(b, "%s# %s\n", indent, strings.TrimRight(line, " \t"))
	}
}
