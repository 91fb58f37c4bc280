package load

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/site"
)

// decoder turns YAML nodes into model values, strictly: every key must be
// known, every value must have the right shape, and every problem is recorded
// with its position rather than stopping the load.
type decoder struct {
	file string // slash path relative to the source root
	src  []byte // the file, to find the indentation of blocks
	// lineStarts are the offsets in src where lines start, made when a
	// block's indentation is first asked for.
	lineStarts []int
	// lineOffset is added to node lines: front matter is parsed on its own.
	lineOffset int
	diags      *site.Diagnostics
}

// fieldFunc decodes the value of one mapping key.
type fieldFunc func(v *yaml.Node)

func (d *decoder) pos(n *yaml.Node) site.Pos {
	return site.Pos{File: d.file, Line: n.Line + d.lineOffset, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Add(d.pos(n), format, args...)
}

// parse reads one YAML document. It returns nil after recording a problem
// when the text is not valid YAML or holds no document.
func (d *decoder) parse(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		d.diags.Add(yamlErrorPos(d.file, err, d.lineOffset), "%s", yamlErrorMessage(err))
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.diags.Add(site.Pos{File: d.file, Line: 1 + d.lineOffset, Col: 1}, "no YAML content")
		return nil
	}
	if !d.noAliases(doc.Content[0]) {
		return nil
	}
	return doc.Content[0]
}

// noAliases reports the first alias (*name, also in a merge key <<: *name)
// under n, with how many more there are, and returns false if there is one.
// yaml.v3 keeps an alias as a reference, but the decoder copies what it
// refers to wherever it appears, so that a few kilobytes of nested aliases
// would make a build of hundreds of megabytes. Content files never need
// them, and the decoding functions below, given no alias, follow none.
func (d *decoder) noAliases(n *yaml.Node) bool {
	var first *yaml.Node
	count := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			if first == nil {
				first = n
			}
			count++
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	if first == nil {
		return true
	}
	more := ""
	if count > 1 {
		more = fmt.Sprintf(" (and %d more in this file)", count-1)
	}
	d.errorf(first, "YAML alias *%s: content files may not repeat a part with & and *; write it out instead%s", first.Value, more)
	return false
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlErrorPos extracts the line from a yaml.v3 syntax error. The library
// reports no column, and leaves the line out when the problem is on line 1.
func yamlErrorPos(file string, err error, offset int) site.Pos {
	p := site.Pos{File: file, Line: 1 + offset}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		if n, e := strconv.Atoi(m[1]); e == nil {
			p.Line = n + offset
		}
	}
	return p
}

func yamlErrorMessage(err error) string {
	msg := yamlLine.ReplaceAllString(err.Error(), "")
	msg = strings.TrimPrefix(msg, "yaml: ")
	return "YAML syntax: " + msg
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return "a single value"
	}
	return "something else"
}

// mapping decodes a mapping node through fields. Unknown and repeated keys,
// and required keys that are missing or empty, are reported. It returns false
// if n is not a mapping at all.
func (d *decoder) mapping(n *yaml.Node, what string, fields map[string]fieldFunc, required ...string) bool {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values, found %s", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		f, ok := fields[key]
		switch {
		case !ok:
			d.errorf(k, "unknown key %q in %s (allowed: %s)", key, what, strings.Join(slices.Sorted(maps.Keys(fields)), ", "))
			continue
		case seen[key]:
			d.errorf(k, "key %q appears twice in %s", key, what)
			continue
		}
		seen[key] = true
		if isNull(v) {
			if slices.Contains(required, key) {
				d.errorf(k, "%s: %q must not be empty", what, key)
			}
			continue
		}
		f(v)
	}
	for _, r := range required {
		if _, ok := fields[r]; ok && !seen[r] {
			d.errorf(n, "%s is missing required key %q", what, r)
		}
	}
	return true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str decodes a single value as text. Any scalar is accepted, so that
// `version: 1.0` reads as "1.0".
func (d *decoder) str(dst *string, required bool) fieldFunc {
	return func(v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			d.errorf(v, "expected a single value, found %s", kindName(v))
			return
		}
		if required && strings.TrimSpace(v.Value) == "" {
			d.errorf(v, "value must not be empty")
			return
		}
		*dst = v.Value
	}
}

// text decodes a scalar as Text, remembering where its characters start in
// the file so that positions inside it can be reported.
func (d *decoder) text(dst *site.Text) fieldFunc {
	return func(v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			d.errorf(v, "expected text, found %s", kindName(v))
			return
		}
		t := site.Text{Value: v.Value, Pos: d.pos(v)}
		switch v.Style {
		case yaml.LiteralStyle:
			// The content starts on the line after the "|" indicator.
			t.Block = true
			t.Pos.Line++
			t.Indent = d.blockIndent(v.Line + 1)
		case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
			t.Pos.Col++
		}
		*dst = t
	}
}

// blockIndent returns the indentation of the first non-blank line at or after
// the 1-based line of the node (before the front-matter offset).
func (d *decoder) blockIndent(line int) int {
	if d.lineStarts == nil {
		d.lineStarts = append(d.lineStarts, 0)
		for i, c := range d.src {
			if c == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	for i := line - 1; i >= 0 && i < len(d.lineStarts); i++ {
		l := d.src[d.lineStarts[i]:]
		if end := bytes.IndexByte(l, '\n'); end >= 0 {
			l = l[:end]
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		return len(l) - len(bytes.TrimLeft(l, " "))
	}
	return 0
}

// id decodes an identifier and checks its form.
func (d *decoder) id(dst *string, pos *site.Pos) fieldFunc {
	return func(v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			d.errorf(v, "expected an id, found %s", kindName(v))
			return
		}
		if !site.IDPattern.MatchString(v.Value) {
			d.errorf(v, "invalid id %q: use lower-case letters, digits and hyphens, starting with a letter or digit", v.Value)
			return
		}
		if err := site.PortableName(v.Value); err != nil {
			d.errorf(v, "invalid id: %v; an id names a folder of the site, so choose another", err)
			return
		}
		*dst = v.Value
		if pos != nil {
			*pos = d.pos(v)
		}
	}
}

// list decodes a sequence, calling each for every element.
func (d *decoder) list(each func(*yaml.Node)) fieldFunc {
	return func(v *yaml.Node) {
		if v.Kind != yaml.SequenceNode {
			d.errorf(v, "expected a list, found %s", kindName(v))
			return
		}
		for _, e := range v.Content {
			each(e)
		}
	}
}

// strs decodes a list of non-empty texts.
func (d *decoder) strs(dst *[]string) fieldFunc {
	return d.list(func(e *yaml.Node) {
		var s string
		d.str(&s, true)(e)
		if s != "" {
			*dst = append(*dst, s)
		}
	})
}

// refs decodes a list of ids that refer to other entities.
func (d *decoder) refs(dst *[]site.Ref) fieldFunc {
	return d.list(func(e *yaml.Node) {
		var r site.Ref
		d.id(&r.ID, &r.Pos)(e)
		if r.ID != "" {
			*dst = append(*dst, r)
		}
	})
}

func (d *decoder) integer(dst *int) fieldFunc {
	return func(v *yaml.Node) {
		n, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil {
			d.errorf(v, "expected a whole number, found %q", v.Value)
			return
		}
		*dst = n
	}
}

func (d *decoder) boolean(dst *bool) fieldFunc {
	return func(v *yaml.Node) {
		switch v.Value {
		case "true":
			*dst = true
		case "false":
			*dst = false
		default:
			d.errorf(v, "expected true or false, found %q", v.Value)
		}
	}
}

var datePattern = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)

func (d *decoder) date(dst *string) fieldFunc {
	return func(v *yaml.Node) {
		if v.Kind != yaml.ScalarNode || !datePattern.MatchString(v.Value) {
			d.errorf(v, "expected a date as YYYY-MM-DD, found %q", v.Value)
			return
		}
		*dst = v.Value
	}
}

// checkText reports a file that is empty or is not UTF-8 text. It returns
// false when the file cannot be decoded further.
func checkText(file string, data []byte, diags *site.Diagnostics) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		diags.Add(site.Pos{File: file, Line: 1, Col: 1}, "file is empty")
		return false
	}
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line++
				col = 1
			} else {
				col++
			}
			i += size
		}
		diags.Add(site.Pos{File: file, Line: line, Col: col}, "file is not UTF-8 text (save it with UTF-8 encoding)")
		return false
	}
	if bytes.IndexByte(data, 0) >= 0 {
		diags.Add(site.Pos{File: file, Line: 1, Col: 1}, "file contains a NUL byte: it is not a text file")
		return false
	}
	return true
}

// terms decodes the terms: block of site.yaml: for each concept the site
// renames, its singular and its plural, as they read mid-sentence.
func (d *decoder) terms(dst *site.Terms) fieldFunc {
	return func(v *yaml.Node) {
		fields := map[string]fieldFunc{}
		for _, id := range site.TermIDs {
			term, _ := dst.ByID(id)
			fields[id] = func(v *yaml.Node) {
				t := *term
				d.mapping(v, "terms: "+id, map[string]fieldFunc{
					"singular": d.term(&t.Singular),
					"plural":   d.term(&t.Plural),
				}, "singular", "plural")
				*term = t
			}
		}
		d.mapping(v, "terms", fields)
	}
}

// term decodes one word or phrase: one line, without the characters
// interface strings give a meaning ({ } %).
func (d *decoder) term(dst *string) fieldFunc {
	return func(v *yaml.Node) {
		var s string
		d.str(&s, true)(v)
		s = strings.TrimSpace(s)
		switch {
		case s == "":
		case strings.ContainsAny(s, "{}%\n\r"):
			d.errorf(v, "term %q: one line of words, without { } or %%", s)
		default:
			*dst = s
		}
	}
}
