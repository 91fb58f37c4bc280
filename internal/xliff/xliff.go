package xliff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Which texts Export writes.
const (
	OnlyAll     = "all"     // every text, with its translation if it has one
	OnlyMissing = "missing" // the texts with no translation yet
	OnlyStale   = "stale"   // the texts of units translated from an older source
)

// Export writes the texts of s to translate into lang as an XLIFF 1.2
// document: one trans-unit per text, its id "kind:id:field" (rec:x:guidance),
// the hash of its unit's source in extradata, the current translation as
// target (state "translated", or "needs-review-translation" when the source
// has changed since), and a note saying where the text appears.
func Export(s *site.Site, lang, only string) ([]byte, int) {
	states := s.States(lang)
	tr := s.Translations[lang]
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` + "\n")
	fmt.Fprintf(&b, `<file original="%s" source-language="%s" target-language="%s" datatype="x-markdown">`+"\n", attr(s.Config.Title), attr(s.Config.Language), attr(lang))
	b.WriteString(`<header><tool tool-id="riskguide" tool-name="riskguide"/></header>` + "\n<body>\n")
	n := 0
	for _, u := range append([]site.Unit{siteUnit(s)}, s.Units()...) {
		key := site.UnitKey(u.Kind, u.ID)
		state := states[key]
		var t *site.Translated
		if tr != nil {
			t = tr.Units[key]
		}
		for _, f := range u.Fields {
			var target site.Text
			has := false
			if t != nil && state != site.TranslationMissing {
				target, has = t.Fields[f.Name]
			}
			if u.Kind == "site" && tr != nil {
				target.Value = map[string]string{"title": tr.Title, "tagline": tr.Tagline}[f.Name]
				has = target.Value != ""
			}
			switch {
			case only == OnlyMissing && has:
				continue
			case only == OnlyStale && state != site.TranslationStale:
				continue
			}
			src := parse(strings.TrimSpace(f.Value))
			extra := ""
			if u.Hash != "" {
				extra = ` extradata="source_hash=` + u.Hash + `"`
			}
			fmt.Fprintf(&b, `<trans-unit id="%s" resname="%s"%s xml:space="preserve">`+"\n", attr(key+":"+f.Name), attr(key+":"+f.Name), extra)
			fmt.Fprintf(&b, "<source>%s</source>\n", xmlOf(src.parts, src.codes))
			if has {
				st := "translated"
				if state == site.TranslationStale {
					st = "needs-review-translation"
				}
				tp := matchCodes(parse(strings.TrimSpace(target.Value)), src)
				fmt.Fprintf(&b, `<target state="%s">%s</target>`+"\n", st, xmlOf(tp, src.codes))
			}
			fmt.Fprintf(&b, `<note from="riskguide">%s</note>`+"\n", escape(Where(s, u, f.Name)))
			b.WriteString("</trans-unit>\n")
			n++
		}
	}
	b.WriteString("</body>\n</file>\n</xliff>\n")
	return b.Bytes(), n
}

func attr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#10;", "\r", "&#13;").Replace(s)
}

// siteUnit is the site's title and tagline as a unit ("site:site"), with
// no hash: translations/<lang>/site.yaml records none.
func siteUnit(s *site.Site) site.Unit {
	u := site.Unit{Kind: "site", ID: "site"}
	for _, f := range [][2]string{{"title", s.Config.Title}, {"tagline", s.Config.Tagline}} {
		if strings.TrimSpace(f[1]) != "" {
			u.Fields = append(u.Fields, site.Field{Name: f[0], Value: f[1]})
		}
	}
	return u
}

// Where says where a text appears, for the translator: "recommendation
// 2.3, guidance", "checklist “Call handler”, item 2.4".
func Where(s *site.Site, u site.Unit, field string) string {
	name := site.UnitWord(u.Kind) + " " + u.ID
	switch u.Kind {
	case "site":
		name = "the site"
	case "result":
		if r := s.Result(u.ID); r != nil {
			name = fmt.Sprintf("%s %d", site.UnitWord(u.Kind), r.Number)
		}
	case "rec":
		if r := s.Recommendation(u.ID); r != nil {
			name = site.UnitWord(u.Kind) + " " + r.Label
		}
	case "checklist":
		if c := s.ChecklistFor(u.ID); c != nil {
			name = fmt.Sprintf("%s “%s”", site.UnitWord(u.Kind), c.Title)
		}
	case "role":
		if r := s.Role(u.ID); r != nil {
			name = fmt.Sprintf("%s “%s”", site.UnitWord(u.Kind), r.Name)
		}
	}
	return name + ", " + fieldWords(field)
}

// fieldWords names a field for people, counting from 1: "indicator 2",
// "item 2.4".
func fieldWords(field string) string {
	name, nums, ok := strings.Cut(field, ".")
	if !ok {
		return field
	}
	var out []string
	for _, n := range strings.Split(nums, ".") {
		i, err := strconv.Atoi(n)
		if err != nil {
			return field
		}
		out = append(out, strconv.Itoa(i+1))
	}
	return name + " " + strings.Join(out, ".")
}

// Imported is the translation of one text read from an XLIFF file.
type Imported struct {
	Kind, ID, Field string
	Text            string
	Pos             site.Pos // the trans-unit's
}

// Import reads an XLIFF file (name, for messages) made by Export and
// translated, and returns the language it is in and its translations: each
// trans-unit with a target that is not empty, its inline codes turned back
// into the source's Markdown. A trans-unit whose id the site has no text
// for, whose source text is no longer the site's, or whose target breaks
// or adds inline codes, is a problem at its line; so is a file in a
// language the site does not list.
func Import(s *site.Site, name string, data []byte) (string, []Imported, site.Diagnostics) {
	var diags site.Diagnostics
	root, err := readTree(data)
	if err != nil {
		diags.Add(site.Pos{File: name, Line: errLine(err)}, "not an XLIFF file: %v", err)
		return "", nil, diags
	}
	at := func(e *elem) site.Pos { return site.Pos{File: name, Line: e.line, Col: e.col} }
	if root.name != "xliff" || root.attr("version") != "1.2" {
		diags.Add(at(root), "not an XLIFF 1.2 file (<xliff version=\"1.2\">)")
		return "", nil, diags
	}
	units := map[string]site.Unit{}
	for _, u := range append([]site.Unit{siteUnit(s)}, s.Units()...) {
		units[site.UnitKey(u.Kind, u.ID)] = u
	}
	lang := ""
	var out []Imported
	for _, file := range root.all("file") {
		tl := file.attr("target-language")
		lang = ""
		for _, l := range s.Config.Languages[min(1, len(s.Config.Languages)):] {
			if strings.EqualFold(l, tl) {
				lang = l
			}
		}
		if lang == "" {
			diags.Add(at(file), "target-language %q is not one of the site's other languages (languages: in content/site.yaml)", tl)
			continue
		}
		body := file.first("body")
		if body == nil {
			continue
		}
		for _, tu := range body.deep("trans-unit") {
			id := tu.attr("id")
			kind, rest, _ := strings.Cut(id, ":")
			uid, field, _ := strings.Cut(rest, ":")
			u, ok := units[site.UnitKey(kind, uid)]
			var srcText string
			found := false
			for _, f := range u.Fields {
				if f.Name == field {
					srcText, found = f.Value, true
				}
			}
			if !ok || !found {
				diags.Add(at(tu), "trans-unit %q: the site has no text with this id (was it removed, or the file made for another site?)", id)
				continue
			}
			src := parse(strings.TrimSpace(srcText))
			source := tu.first("source")
			if source == nil {
				diags.Add(at(tu), "trans-unit %q has no <source>", id)
				continue
			}
			got, err := decode(source, src, false)
			if err != nil || got != markdownOf(src.parts, src.codes) {
				diags.Add(at(source), "trans-unit %q: its source text has changed since the file was exported; export it again and translate the new text", id)
				continue
			}
			target := tu.first("target")
			if target == nil {
				continue
			}
			text, err := decode(target, src, true)
			if err != nil {
				diags.Add(at(target), "trans-unit %q: %v", id, err)
				continue
			}
			if strings.TrimSpace(text) == "" {
				continue
			}
			out = append(out, Imported{Kind: kind, ID: uid, Field: field, Text: text, Pos: at(tu)})
		}
	}
	return lang, out, diags
}

// decode turns the content of a <source> or <target> back into Markdown,
// each inline code as src has it (a pair as <bpt>/<ept> or <g>, a code
// alone as <ph> or <x/>). In a target, every field, code span and address
// of the source must be there once, and no code may be added or repeated.
func decode(e *elem, src *segment, target bool) (string, error) {
	used := make([]bool, len(src.codes))
	code := func(ce *elem, paired bool) (int, error) {
		id, err := strconv.Atoi(ce.attr("id"))
		if err != nil || id < 1 || id > len(src.codes) || src.codes[id-1].paired != paired {
			return 0, fmt.Errorf("inline code <%s id=%q> (line %d) is not one of the source's", ce.name, ce.attr("id"), ce.line)
		}
		if used[id-1] {
			return 0, fmt.Errorf("inline code <%s id=%q> (line %d) is there twice; each of the source's is used once", ce.name, ce.attr("id"), ce.line)
		}
		used[id-1] = true
		return id, nil
	}
	// frames are the pairs open (<bpt> read, its <ept> not yet), each
	// with the parts inside it.
	type frame struct {
		id    int
		parts []part
	}
	var walk func(e *elem, frames *[]frame) error
	walk = func(e *elem, frames *[]frame) error {
		top := func() *[]part { return &(*frames)[len(*frames)-1].parts }
		// closePair ends the innermost pair, a part of the frame around it.
		closePair := func() {
			f := (*frames)[len(*frames)-1]
			*frames = (*frames)[:len(*frames)-1]
			*top() = append(*top(), part{id: f.id, inner: f.parts})
		}
		for _, c := range e.children {
			if t, ok := c.(string); ok {
				*top() = append(*top(), part{text: t})
				continue
			}
			ce := c.(*elem)
			switch ce.name {
			case "mrk": // a tool's segment or comment mark: its text counts
				if err := walk(ce, frames); err != nil {
					return err
				}
			case "ph", "x":
				id, err := code(ce, false)
				if err != nil {
					return err
				}
				*top() = append(*top(), part{id: id})
			case "g", "bpt":
				id, err := code(ce, true)
				if err != nil {
					return err
				}
				*frames = append(*frames, frame{id: id})
				if ce.name == "bpt" {
					continue // its <ept> closes it
				}
				if err := walk(ce, frames); err != nil {
					return err
				}
				closePair()
			case "ept":
				if len(*frames) < 2 || strconv.Itoa((*frames)[len(*frames)-1].id) != ce.attr("id") {
					return fmt.Errorf("inline code <ept id=%q> (line %d) does not close the <bpt> before it: keep each pair of codes together, in order", ce.attr("id"), ce.line)
				}
				closePair()
			default:
				return fmt.Errorf("inline code <%s> (line %d) is not one of this file's: keep the source's codes", ce.name, ce.line)
			}
		}
		return nil
	}
	frames := []frame{{}}
	if err := walk(e, &frames); err != nil {
		return "", err
	}
	if len(frames) != 1 {
		return "", fmt.Errorf("inline code <bpt id=\"%d\"> has no <ept>: keep each pair of codes together", frames[len(frames)-1].id)
	}
	if target {
		for i, c := range src.codes {
			if !used[i] && !c.paired {
				return "", fmt.Errorf("inline code <ph id=\"%d\"> of the source (%s) is missing: a field, a piece of code or an address cannot be left out", i+1, c.native)
			}
		}
	}
	return markdownOf(frames[0].parts, src.codes), nil
}

// elem is an XML element with its line, column and content.
type elem struct {
	name      string
	attrs     []xml.Attr
	children  []any // string or *elem
	line, col int
}

func (e *elem) attr(name string) string {
	for _, a := range e.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (e *elem) all(name string) []*elem {
	var out []*elem
	for _, c := range e.children {
		if ce, ok := c.(*elem); ok && ce.name == name {
			out = append(out, ce)
		}
	}
	return out
}

func (e *elem) first(name string) *elem {
	if all := e.all(name); len(all) > 0 {
		return all[0]
	}
	return nil
}

// deep finds the elements named name under e, groups included.
func (e *elem) deep(name string) []*elem {
	var out []*elem
	for _, c := range e.children {
		if ce, ok := c.(*elem); ok {
			if ce.name == name {
				out = append(out, ce)
			} else {
				out = append(out, ce.deep(name)...)
			}
		}
	}
	return out
}

func readTree(data []byte) (*elem, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*elem
	var root *elem
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &elem{name: t.Name.Local, attrs: t.Attr, line: line, col: col}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			} else if root == nil {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, string(t))
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no element")
	}
	return root, nil
}

func errLine(err error) int {
	if se, ok := err.(*xml.SyntaxError); ok {
		return se.Line
	}
	return 0
}
