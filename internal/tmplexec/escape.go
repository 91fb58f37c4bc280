package tmplexec

import (
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// The escaping functions html/template puts at the end of pipelines, by the
// names it gives them, for the contexts this package runs: HTML text, a
// quoted attribute, RCDATA (<title>, <textarea>) and URLs. They follow
// html/template's html.go and url.go; escape_test.go compares each, in each
// context, with html/template on fuzzed values of every content type.
var escapers = map[string]escaper{
	"_html_template_htmlescaper":   {apply: htmlEscape, table: &htmlTable, passHTML: true},
	"_html_template_attrescaper":   {apply: attrEscape, table: &htmlTable},
	"_html_template_rcdataescaper": {apply: rcdataEscape, table: &htmlTable, normHTML: true},
	"_html_template_urlfilter":     {apply: urlFilter},
	"_html_template_urlnormalizer": {apply: urlNormalize},
	"_html_template_urlescaper":    {apply: urlEscape},
}

// escaper is one escaping function. The last of a pipeline writes its
// result; the three HTML ones write without building a string first.
type escaper struct {
	apply func(s string, ct contentType) (string, error)
	// For the HTML escapers: the runes replaced, and what HTML content
	// does (passes through, or has only its markup characters escaped).
	table              *[256]string
	passHTML, normHTML bool
}

func (e escaper) write(w io.StringWriter, s string, ct contentType) error {
	if e.table == nil || ct == contentHTML && !e.passHTML && !e.normHTML {
		out, err := e.apply(s, ct)
		if err != nil {
			return err
		}
		_, err = w.WriteString(out)
		return err
	}
	table := e.table
	switch {
	case ct == contentHTML && e.passHTML:
		_, err := w.WriteString(s)
		return err
	case ct == contentHTML && e.normHTML:
		table = &htmlNormTable
	}
	return writeReplaced(w, s, table)
}

type contentType uint8

const (
	contentPlain contentType = iota
	contentCSS
	contentHTML
	contentHTMLAttr
	contentJS
	contentJSStr
	contentURL
	contentSrcset
)

var contentTypes = map[reflect.Type]contentType{
	reflect.TypeFor[template.CSS]():      contentCSS,
	reflect.TypeFor[template.HTML]():     contentHTML,
	reflect.TypeFor[template.HTMLAttr](): contentHTMLAttr,
	reflect.TypeFor[template.JS]():       contentJS,
	reflect.TypeFor[template.JSStr]():    contentJSStr,
	reflect.TypeFor[template.URL]():      contentURL,
	reflect.TypeFor[template.Srcset]():   contentSrcset,
}

// stringify is html/template's stringify for one value, the one an escaper
// receives: the text and the kind of content it is.
func stringify(v reflect.Value) (string, contentType, error) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			v = reflect.Value{}
		} else {
			v = v.Elem()
		}
	}
	if !v.IsValid() {
		return "", contentPlain, nil // a nil argument is skipped: ""
	}
	// The common cases without making an interface value.
	switch t := v.Type(); t {
	case stringType:
		return v.String(), contentPlain, nil
	case intType:
		return strconv.FormatInt(v.Int(), 10), contentPlain, nil
	default:
		if ct, ok := contentTypes[t]; ok {
			return v.String(), ct, nil
		}
	}
	a := v.Interface()
	d := v
	for d.Kind() == reflect.Pointer && !d.IsNil() {
		d = d.Elem()
	}
	if d.Type() == stringType {
		return d.String(), contentPlain, nil
	}
	if ct, ok := contentTypes[d.Type()]; ok {
		return d.String(), ct, nil
	}
	return fmt.Sprint(indirectToStringerOrError(a)), contentPlain, nil
}

var (
	fmtStringerType = reflect.TypeFor[fmt.Stringer]()
)

// indirectToStringerOrError dereferences pointers until a value prints
// itself (a fmt.Stringer or an error) or is not a pointer.
func indirectToStringerOrError(a any) any {
	v := reflect.ValueOf(a)
	for !v.Type().Implements(fmtStringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// htmlTable and htmlNormTable are the replacements for text and quoted
// attributes; the second leaves '&' alone, for HTML content whose entities
// are already written. Every replaced rune is ASCII, so a byte scan finds
// them exactly as html/template's rune scan does, even in invalid UTF-8.
var htmlTable, htmlNormTable [256]string

func init() {
	for _, t := range []*[256]string{&htmlTable, &htmlNormTable} {
		t[0] = "\uFFFD"
		t['"'] = "&#34;"
		t['\''] = "&#39;"
		t['+'] = "&#43;"
		t['<'] = "&lt;"
		t['>'] = "&gt;"
	}
	htmlTable['&'] = "&amp;"
}

func writeReplaced(w io.StringWriter, s string, table *[256]string) error {
	written := 0
	for i := 0; i < len(s); i++ {
		if r := table[s[i]]; r != "" {
			if _, err := w.WriteString(s[written:i]); err != nil {
				return err
			}
			if _, err := w.WriteString(r); err != nil {
				return err
			}
			written = i + 1
		}
	}
	_, err := w.WriteString(s[written:])
	return err
}

func replace(s string, table *[256]string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		if r := table[s[i]]; r != "" {
			if written == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[written:i])
			b.WriteString(r)
			written = i + 1
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func htmlEscape(s string, ct contentType) (string, error) {
	if ct == contentHTML {
		return s, nil
	}
	return replace(s, &htmlTable), nil
}

func attrEscape(s string, ct contentType) (string, error) {
	if ct == contentHTML {
		// html/template strips the tags first; left to it.
		return "", unsupported("HTML in an attribute")
	}
	return replace(s, &htmlTable), nil
}

func rcdataEscape(s string, ct contentType) (string, error) {
	if ct == contentHTML {
		return replace(s, &htmlNormTable), nil
	}
	return replace(s, &htmlTable), nil
}

// filterFailsafe is what html/template puts in place of an unsafe URL.
const filterFailsafe = "#ZgotmplZ"

func urlFilter(s string, ct contentType) (string, error) {
	if ct == contentURL || isSafeURL(s) {
		return s, nil
	}
	return filterFailsafe, nil
}

// isSafeURL accepts a URL without a scheme, or with http, https or mailto.
func isSafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

func urlNormalize(s string, _ contentType) (string, error) { return processURL(s, true), nil }

func urlEscape(s string, ct contentType) (string, error) {
	return processURL(s, ct == contentURL), nil
}

// processURL percent-encodes what a URL may not hold; when normalizing, it
// keeps the characters that give a URL its structure, and valid escapes.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const hexDigits = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
