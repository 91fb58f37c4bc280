package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/generate"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/site"
	"github.com/riskguide/riskguide/internal/xliff"
)

// exportXLIFF writes the texts of lang to translate as XLIFF 1.2, to out
// ("" or "-": standard output).
func exportXLIFF(stdout, stderr io.Writer, s *site.Site, lang, only, out string) error {
	listed := ""
	for _, l := range s.Config.Languages[min(1, len(s.Config.Languages)):] {
		if strings.EqualFold(l, lang) {
			listed = l
		}
	}
	if listed == "" {
		return usageError{fmt.Errorf("--export %s: not one of the site's other languages (languages: in content/site.yaml)", lang)}
	}
	if !slices.Contains([]string{xliff.OnlyAll, xliff.OnlyMissing, xliff.OnlyStale}, only) {
		return usageError{fmt.Errorf("--only %s: use missing, stale or all", only)}
	}
	data, n := xliff.Export(s, listed, only)
	if out == "" || out == "-" {
		_, err := stdout.Write(data)
		fmt.Fprintf(stderr, "%d texts to translate into %s\n", n, listed)
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d texts to translate into %s\n", out, n, listed)
	return nil
}

// importXLIFF writes the translations of an XLIFF file back into the site's
// translations/<lang>/: into the file that has each text's unit, or into a
// starter written first for a unit with none. Nothing is written when any
// trans-unit is refused. A unit's source_hash becomes its source's current
// hash when it was current, or when the file brings every text it had
// translated from an older source: the translator has seen them all.
func importXLIFF(w io.Writer, src generate.Source, s *site.Site, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	lang, items, diags := xliff.Import(s, file, data)
	if len(diags) > 0 {
		return diags
	}
	if len(items) == 0 {
		fmt.Fprintf(w, "%s: no translated text to import\n", file)
		return nil
	}
	byUnit := map[string][]xliff.Imported{}
	var order []string
	var siteItems []xliff.Imported // the site's title and tagline
	for _, it := range items {
		if it.Kind == "site" {
			siteItems = append(siteItems, it)
			continue
		}
		key := site.UnitKey(it.Kind, it.ID)
		if _, ok := byUnit[key]; !ok {
			order = append(order, key)
		}
		byUnit[key] = append(byUnit[key], it)
	}
	root, err := os.OpenRoot(src.Dir)
	if err != nil {
		return err
	}
	defer root.Close()
	base := "translations/" + lang
	for _, name := range []string{"translations", base} {
		if fi, err := root.Lstat(name); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symbolic link: translations are written only into the site's own folder", name)
		}
	}
	// Units with no translation yet get a starter first, then the site is
	// read again, so that every unit has its place in a file.
	tr := s.Translations[lang]
	need := func(kind, id string) bool {
		_, ok := byUnit[site.UnitKey(kind, id)]
		return ok && (tr == nil || tr.Units[site.UnitKey(kind, id)] == nil)
	}
	files := starters(s, lang, tr, func(name string) bool {
		_, err := root.Lstat(name)
		return err == nil
	}, need)
	if err := writeNew(root, files); err != nil {
		return err
	}
	s2, diags := generate.Load(src)
	if len(diags) > 0 {
		return diags
	}
	tr = s2.Translations[lang]
	units := map[string]site.Unit{}
	for _, u := range s2.Units() {
		units[site.UnitKey(u.Kind, u.ID)] = u
	}
	edited := map[string]*transFile{}
	var fileOrder []string
	count := 0
	for _, key := range order {
		t := tr.Units[key]
		if t == nil {
			return fmt.Errorf("%s: no translation file to write into (is a file of translations/%s/ named unlike its source?)", key, lang)
		}
		f, ok := edited[t.Pos.File]
		if !ok {
			data, err := root.ReadFile(t.Pos.File)
			if err != nil {
				return err
			}
			if f, err = readTransFile(t.Pos.File, data); err != nil {
				return err
			}
			edited[t.Pos.File] = f
			fileOrder = append(fileOrder, t.Pos.File)
		}
		node := f.unitNode(t.Pos)
		if node == nil {
			return fmt.Errorf("%s: cannot find %s in it", t.Pos, key)
		}
		u := units[key]
		covered := map[string]bool{}
		for _, it := range byUnit[key] {
			if err := setField(f, node, it.Field, it.Text, u); err != nil {
				return fmt.Errorf("%s: %v", t.Pos, err)
			}
			covered[it.Field] = true
			count++
		}
		allCovered := true
		for name := range t.Fields {
			allCovered = allCovered && covered[name]
		}
		if t.SourceHash == u.Hash || allCovered {
			setScalar(node, "source_hash", u.Hash)
		}
	}
	if len(siteItems) > 0 {
		name := base + "/site.yaml"
		data, err := root.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			data, err = []byte("# The site's title and tagline in "+lang+". Source: content/site.yaml\n{}\n"), nil
		}
		if err != nil {
			return err
		}
		f, err := readTransFile(name, data)
		if err != nil {
			return err
		}
		if len(f.doc.Content) == 0 || f.doc.Content[0].Kind != yaml.MappingNode {
			return fmt.Errorf("%s: not a mapping of title and tagline", name)
		}
		for _, it := range siteItems {
			setScalar(f.doc.Content[0], it.Field, it.Text)
			count++
		}
		f.doc.Content[0].Style = 0 // {} no more
		if _, ok := edited[name]; !ok {
			fileOrder = append(fileOrder, name)
		}
		edited[name] = f
	}
	for _, name := range fileOrder {
		data, err := edited[name].bytes()
		if err != nil {
			return err
		}
		if err := publish.WriteFile(publish.Replace(root), name, data); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "imported %d %s of %s into %d %s under %s/\n", count, plural(count, "text", "texts"), file, len(fileOrder), plural(len(fileOrder), "file", "files"), base)
	return nil
}

// writeNew writes new files through root, never replacing one.
func writeNew(root *os.Root, files []starter) error {
	out := publish.NewFiles(root)
	for _, f := range files {
		if err := publish.WriteFile(out, f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}

// transFile is a translation file being edited: its YAML (the front matter
// of a Markdown file) and, for Markdown, its body.
type transFile struct {
	doc      yaml.Node
	markdown bool
	body     string
}

func readTransFile(name string, data []byte) (*transFile, error) {
	f := &transFile{}
	src := data
	if strings.HasSuffix(name, ".md") {
		f.markdown = true
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		rest, ok := strings.CutPrefix(text, "---\n")
		end := strings.Index(rest, "\n---\n")
		if !ok || end < 0 {
			return nil, fmt.Errorf("%s: no front matter between --- lines", name)
		}
		src = []byte(rest[:end+1])
		f.body = rest[end+len("\n---\n"):]
	}
	if err := yaml.Unmarshal(src, &f.doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return f, nil
}

// unitNode finds the mapping of the unit at pos: the front matter of a
// Markdown file, else the mapping written there.
func (f *transFile) unitNode(pos site.Pos) *yaml.Node {
	if len(f.doc.Content) == 0 {
		return nil
	}
	if f.markdown {
		return f.doc.Content[0]
	}
	var find func(n *yaml.Node) *yaml.Node
	find = func(n *yaml.Node) *yaml.Node {
		if n.Kind == yaml.MappingNode && n.Line == pos.Line && n.Column == pos.Col {
			return n
		}
		for _, c := range n.Content {
			if m := find(c); m != nil {
				return m
			}
		}
		return nil
	}
	return find(&f.doc)
}

func (f *transFile) bytes() ([]byte, error) {
	var b bytes.Buffer
	if f.markdown {
		b.WriteString("---\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&f.doc); err != nil {
		return nil, err
	}
	enc.Close()
	if f.markdown {
		b.WriteString("---\n")
		b.WriteString(f.body)
	}
	return b.Bytes(), nil
}

// setField writes the translation of one text of a unit: a key of its
// mapping, an indicator, a checklist's field label, section title or item,
// or a Markdown file's body.
func setField(f *transFile, m *yaml.Node, field, text string, u site.Unit) error {
	name, nums, _ := strings.Cut(field, ".")
	var idx []int
	if nums != "" {
		for _, s := range strings.Split(nums, ".") {
			i, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("no text %q", field)
			}
			idx = append(idx, i)
		}
	}
	switch {
	case field == "body" && f.markdown:
		f.body = "\n" + strings.TrimSpace(text) + "\n"
		return nil
	case len(idx) == 0:
		setScalar(m, name, text)
		return nil
	case name == "indicator":
		return setItem(seqOf(m, "indicators"), idx[0], text, countFields(u, "indicator."))
	case name == "field":
		return setItem(seqOf(m, "fields"), idx[0], text, countFields(u, "field."))
	case name == "section" || name == "item":
		secs := seqOf(m, "sections")
		for len(secs.Content) <= idx[0] {
			secs.Content = append(secs.Content, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
		}
		sec := secs.Content[idx[0]]
		if sec.Kind != yaml.MappingNode {
			return errors.New("a section of the translated checklist is not a mapping (title, items)")
		}
		if name == "section" {
			setScalar(sec, "title", text)
			return nil
		}
		if len(idx) < 2 {
			return fmt.Errorf("no text %q", field)
		}
		return setItem(seqOf(sec, "items"), idx[1], text, countFields(u, "item."+strconv.Itoa(idx[0])+"."))
	}
	return fmt.Errorf("no text %q", field)
}

// countFields counts the source unit's texts named prefix+N.
func countFields(u site.Unit, prefix string) int {
	n := 0
	for _, f := range u.Fields {
		if rest, ok := strings.CutPrefix(f.Name, prefix); ok && !strings.Contains(rest, ".") {
			n++
		}
	}
	return n
}

// seqOf returns the list under key of m, made if m has none.
func seqOf(m *yaml.Node, key string) *yaml.Node {
	if v := valueOf(m, key); v != nil && v.Kind == yaml.SequenceNode {
		return v
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	setNode(m, key, seq)
	return seq
}

// setItem writes the ith element of a list, the list grown with empty
// elements to at least n (the source's number of them).
func setItem(seq *yaml.Node, i int, text string, n int) error {
	for len(seq.Content) < max(n, i+1) {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"})
	}
	old := seq.Content[i]
	seq.Content[i] = scalar(text)
	seq.Content[i].HeadComment, seq.Content[i].LineComment = old.HeadComment, old.LineComment
	return nil
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setNode(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			old := m.Content[i+1]
			v.HeadComment, v.LineComment = old.HeadComment, old.LineComment
			// A text written as a block (key: |) stays one, as the
			// translator (or the starter) wrote it.
			if old.Style == yaml.LiteralStyle && v.Kind == yaml.ScalarNode {
				v.Style = yaml.LiteralStyle
				v.Value = strings.TrimRight(v.Value, "\n") + "\n"
			}
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

func setScalar(m *yaml.Node, key, text string) { setNode(m, key, scalar(text)) }

// scalar is a text as YAML: a block (|) when it has several lines.
func scalar(text string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text}
	if strings.Contains(text, "\n") {
		n.Value = strings.TrimRight(text, "\n") + "\n"
		n.Style = yaml.LiteralStyle
	}
	return n
}
