package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/site"
)

func translationsCommand(stdout io.Writer) *cobra.Command {
	var source, lang, initLang, updateLang, exportLang, only, out, importFile string
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
source and the source text as a comment, ready to be translated. Then add
xx to languages: in content/site.yaml.

With --update xx (or --init on a language that has started), write starter
files only for the texts added to the source since: those with no
translation and no starter yet. A new recommendation of a result already
translated, or a new role or source once roles.yaml or sources.yaml is
written, gets a file of its own (recommendations/<id>.yaml, roles/<id>.yaml,
sources/<id>.yaml). Existing files are never replaced nor changed; each
file written is listed.

With --export xx, write the texts of xx as XLIFF 1.2, the format of the
tools translators work in (Trados, memoQ, OmegaT, Weblate): one unit per
text, with its current translation and where it appears; --only missing or
--only stale limits it to what needs work. With --import file.xlf, write
the translations of such a file back into translations/xx/; a unit whose
source text changed since the export, an unknown id or a broken inline code
is refused at its line, and then nothing is written.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			src, err := generate.FindSource(source)
			if err != nil {
				return err
			}
			s, diags := generate.Load(src)
			if len(diags) > 0 {
				return diags
			}
			if exportLang != "" {
				return exportXLIFF(stdout, cmd.ErrOrStderr(), s, exportLang, only, out)
			}
			if importFile != "" {
				if src.Dir == "" {
					return usageError{errors.New("--import writes into a site folder: give --source or run it in one")}
				}
				return importXLIFF(stdout, src, s, importFile)
			}
			flag := "--init"
			if updateLang != "" {
				if initLang != "" {
					return usageError{errors.New("--init and --update cannot be used together")}
				}
				initLang, flag = updateLang, "--update"
			}
			if initLang != "" {
				if src.Dir == "" {
					return usageError{fmt.Errorf("%s writes into a site folder: give --source or run it in one", flag)}
				}
				return writeStarters(stdout, src.Dir, s, initLang, flag)
			}
			return listTranslations(stdout, s, lang)
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "site folder (default: current folder if it has content/, else the built-in site)")
	cmd.Flags().StringVar(&lang, "lang", "", "only this language")
	cmd.Flags().StringVar(&initLang, "init", "", "write starter files for this language under translations/")
	cmd.Flags().StringVar(&updateLang, "update", "", "write starter files for the texts of this language that have none yet")
	cmd.Flags().StringVar(&exportLang, "export", "", "write this language's texts to translate as XLIFF 1.2, for a translator's CAT tool")
	cmd.Flags().StringVar(&only, "only", "all", "with --export: the texts missing, stale (out of date) or all")
	cmd.Flags().StringVar(&out, "out", "", "with --export: the file to write (default: standard output)")
	cmd.Flags().StringVar(&importFile, "import", "", "write the translations of this XLIFF file back into translations/")
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

// starter is one file of starters to write.
type starter struct {
	name string // slash-separated, under the site folder
	data []byte
	what string // what it holds, for the report: "page glossary"
}

// writeStarters writes starter files for the texts of language lang that
// have no translation at all yet, each in a new file: a translator's files
// are never replaced nor changed. For a language not yet listed in
// languages: (a new one), its folder must not exist yet. Every write goes
// through an os.Root on the site folder, and translations/ and its
// language folder must not be symbolic links, so that nothing is written
// outside the site, whatever the language code or the folder holds.
func writeStarters(w io.Writer, dir string, s *site.Site, lang, flag string) error {
	// A language code names a folder: only a BCP 47 tag may be one.
	if _, err := language.Parse(lang); err != nil || strings.ContainsAny(lang, `/\.`) {
		return usageError{fmt.Errorf("%s %q: not a language code (BCP 47) such as fr, pl or pt-BR", flag, lang)}
	}
	listed := false
	for _, l := range s.Config.Languages {
		if strings.EqualFold(l, lang) {
			lang, listed = l, true // the site's spelling of it
		}
	}
	if strings.EqualFold(lang, s.Config.Language) {
		return usageError{fmt.Errorf("%s %s: that is the source language", flag, lang)}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	base := "translations/" + lang
	for _, name := range []string{"translations", base} {
		if fi, err := root.Lstat(name); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link: starter files are written only into the site's own folder", name)
		}
	}
	var tr *site.Translation
	if listed {
		tr = s.Translations[lang]
	} else if _, err := root.Lstat(base); err == nil {
		return fmt.Errorf("%s exists, but %s is not in languages: in content/site.yaml; add it there, then run translations --update %s", base, lang, lang)
	}
	files := starters(s, lang, tr, func(name string) bool {
		_, err := root.Lstat(name)
		return err == nil
	}, nil)
	if len(files) == 0 {
		fmt.Fprintf(w, "%s: every text has a translation or a starter already; nothing written\n", lang)
		return nil
	}
	if err := writeNew(root, files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(w, "wrote %s (%s)\n", f.name, f.what)
	}
	fmt.Fprintf(w, "wrote %d starter %s under %s/", len(files), plural(len(files), "file", "files"), base)
	if !listed {
		fmt.Fprintf(w, "; add %s to languages: in content/site.yaml", lang)
	}
	fmt.Fprintln(w)
	return nil
}

// starters returns the starter files for the units of s that tr (nil for a
// new language) has no translation of. A unit whose file has a translation
// already (a new recommendation of a translated result, a new role or
// source once roles.yaml or sources.yaml is written) gets a file of its
// own: recommendations/<id>.yaml, roles/<id>.yaml, sources/<id>.yaml. A
// file that exists is never in the list (exists says). want limits them to
// the units it says (all of them, and the site's title, when want is nil).
func starters(s *site.Site, lang string, tr *site.Translation, exists func(name string) bool, want func(kind, id string) bool) []starter {
	has := func(kind, id string) bool {
		return (tr != nil && tr.Units[site.UnitKey(kind, id)] != nil) || (want != nil && !want(kind, id))
	}
	var out []starter
	add := func(name, what string, data []byte) {
		if !exists(name) {
			out = append(out, starter{name, data, what})
		}
	}
	base := "translations/" + lang
	if want == nil && !exists(base+"/site.yaml") {
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
		add(base+"/site.yaml", "site title and tagline", b.Bytes())
	}
	const howTo = "# Write each text after its key; the source text is above it. A text of\n# several lines (after \"|\") goes on the lines below its key, each indented\n# two spaces more than the key. Leave source_hash as it is: it says which\n# version of the source this translates.\n"
	for _, r := range s.Results {
		name := base + "/expected-results/" + path.Base(r.Pos.File)
		if !has("result", r.ID) && !exists(name) {
			var b bytes.Buffer
			fmt.Fprintf(&b, "# Translation into %s of %s.\n%s", lang, r.Pos.File, howTo)
			keys(&b, item(&b, "", r.ID, site.Hash(r)), r)
			b.WriteString("recommendations:\n")
			for _, rec := range r.Recommendations {
				if !has("rec", rec.ID) {
					recStarter(&b, "  ", rec)
				}
			}
			add(name, "expected result "+r.ID, b.Bytes())
			continue
		}
		for _, rec := range r.Recommendations {
			if has("rec", rec.ID) {
				continue
			}
			var b bytes.Buffer
			fmt.Fprintf(&b, "# Translation into %s of recommendation %s (%s), added to the source\n# after its expected result was translated.\n%s", lang, rec.ID, r.Pos.File, howTo)
			recStarter(&b, "", rec)
			add(base+"/recommendations/"+rec.ID+".yaml", "recommendation "+rec.ID, b.Bytes())
		}
	}
	// Roles and sources are translated in one file each, a list, and those
	// added to the source after it was written in a file of their own.
	listStarter := func(file, key, what string, list []site.Entry) {
		var todo []site.Entry
		for _, e := range list {
			if !has(e.Kind().Name, e.Key()) {
				todo = append(todo, e)
			}
		}
		if len(todo) > 0 && !exists(base+"/"+file) {
			var b bytes.Buffer
			fmt.Fprintf(&b, "# Translation into %s of content/%s.\n%s:\n", lang, file, key)
			for _, e := range todo {
				keys(&b, item(&b, "  ", e.Key(), site.Hash(e)), e)
			}
			add(base+"/"+file, what, b.Bytes())
			return
		}
		for _, e := range todo {
			var b bytes.Buffer
			word := e.Kind().Word
			fmt.Fprintf(&b, "# Translation into %s of %s %s (content/%s), added to the source\n# after %s was translated.\n", lang, word, e.Key(), file, file)
			keys(&b, item(&b, "", e.Key(), site.Hash(e)), e)
			add(base+"/"+key+"/"+e.Key()+".yaml", word+" "+e.Key(), b.Bytes())
		}
	}
	listStarter("roles.yaml", "roles", "roles", s.EntriesOf("role"))
	listStarter("sources.yaml", "sources", "titles of the sources", s.EntriesOf("source"))
	// A page and a template are Markdown: their keys in the front matter,
	// the translated text below it.
	markdownStarter := func(e site.Entry, help string) {
		kind, id := e.Kind(), e.Key()
		if has(kind.Name, id) {
			return
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "---\n# Translation into %s of %s: %s", lang, e.At().File, help)
		keys(&b, "", e)
		fmt.Fprintf(&b, "source_hash: %s\n---\n", site.Hash(e))
		add(base+"/"+kind.Name+"s/"+id+".md", kind.Word+" "+id, b.Bytes())
	}
	for _, p := range s.Pages {
		markdownStarter(p, "write the title here and the\n# translated Markdown below the closing line.\n")
	}
	for _, c := range s.Checklists {
		if has("checklist", c.Role.ID) {
			continue
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "# Translation into %s of %s. Write each text after its key or\n# dash; the source text is above it. Keep every field, section and item,\n# in the source's order: the browser keeps ticks and entries by place.\n", lang, c.Pos.File)
		fmt.Fprintf(&b, "source_hash: %s\n", site.Hash(c))
		keys(&b, "", c)
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
		add(base+"/checklists/"+path.Base(c.Pos.File), "checklist "+c.Role.ID, b.Bytes())
	}
	for _, p := range s.Protocols {
		markdownStarter(p, "write the title and summary here\n# and the translated template below the closing line, with each\n# [[field]] of the source, in the same order.\n")
	}
	return out
}

// item starts one element of a list of translated units: its id and hash.
// Without indent, it is a file's mapping of its own. It returns the indent
// of the element's other keys.
func item(b *bytes.Buffer, indent, id, hash string) string {
	if indent == "" {
		fmt.Fprintf(b, "id: %s\nsource_hash: %s\n", id, hash)
		return ""
	}
	fmt.Fprintf(b, "%s- id: %s\n%s  source_hash: %s\n", indent, id, indent, hash)
	return indent + "  "
}

// recStarter writes a recommendation's starter: in a result's list (indent
// "  ") or as a file of its own (indent "").
func recStarter(b *bytes.Buffer, indent string, rec *site.Recommendation) {
	in := item(b, indent, rec.ID, site.Hash(rec))
	keys(b, in, rec)
	if len(rec.Indicators) > 0 {
		b.WriteString(in + "indicators:\n")
		for _, ind := range rec.Indicators {
			comment(b, in+"  ", ind)
			b.WriteString(in + "  -\n")
		}
	}
}

// keys writes the keys of an entry's texts (see site.Keys), each left
// empty for the translator.
func keys(b *bytes.Buffer, indent string, e site.Entry) {
	for _, f := range site.Keys(e) {
		field(b, indent, f.Name, f.Value())
	}
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
