// Package markdown configures goldmark for riskguide: GitHub tables, heading
// anchors, cross-references (rec:ID, result:ID, role:ID, protocol:SLUG,
// page:SLUG, source:ID), fill-in fields ([[Label]] and [[Label...]]) and code
// highlighting by chroma with CSS classes.
//
// A Renderer is safe for use by one goroutine at a time; build one per worker.
package markdown

import (
	"bufio"
	"bytes"
	"html/template"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/riskguide/riskguide/internal/site"
)

// Resolver turns a cross-reference into a URL relative to the page being
// rendered. ok is false when the target does not exist.
type Resolver func(kind, id string) (url string, ok bool)

// Options configure a Renderer.
type Options struct {
	// Unsafe passes raw HTML through; by default it is dropped. Links and
	// images are filtered either way (see UnsafeURL).
	Unsafe bool
}

// UnsafeURL reports whether a link or image destination is one goldmark
// never publishes: javascript:, vbscript:, file:, and data: but for PNG,
// GIF, JPEG and WebP images. Such a link is written with an empty href.
func UnsafeURL(dest string) bool {
	return html.IsDangerousURL(util.URLEscape([]byte(dest), true))
}

// safeLinks renders links, images and autolinks with goldmark's own
// renderer in its safe mode, so that the URL filter stays on when raw HTML
// is let through: html.WithUnsafe switches off both.
type safeLinks struct{}

func (safeLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	html.NewRenderer().RegisterFuncs(linkKinds{reg})
}

// linkKinds passes on the functions for links, images and autolinks only.
type linkKinds struct {
	renderer.NodeRendererFuncRegisterer
}

func (r linkKinds) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == ast.KindLink || k == ast.KindImage || k == ast.KindAutoLink {
		r.NodeRendererFuncRegisterer.Register(k, f)
	}
}

// Renderer converts riskguide Markdown to HTML.
type Renderer struct {
	md, plain goldmark.Markdown // with and without bare-URL links
	buf       bytes.Buffer
	// bw buffers writes into buf. goldmark would wrap buf in a new 4 kB
	// buffer on every conversion; given one, it uses it.
	bw *bufio.Writer
}

// gfm is GitHub Flavored Markdown without linkify, the extension that turns
// bare URLs and e-mail addresses into links. Linkify tries to read a link
// after every space, which made it a tenth of all Markdown work; a text in
// which it cannot find one (see mayAutolink) is parsed without it. The HTML
// is the same, except that linkify leaves white space at the end of a line
// where CommonMark removes it (a line ending in "\t " keeps its tab); a
// browser shows both alike.
var gfm = []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList}

// mayAutolink reports whether src has anything linkify could turn into a
// link: it only starts one at "http:", "https:", "ftp:" or "www." (case
// sensitive), or around an "@".
func mayAutolink(src string) bool {
	// Five searches, each a fast scan of memory, beat one pass that looks
	// at every character.
	return strings.IndexByte(src, '@') >= 0 || strings.Contains(src, "http:") || strings.Contains(src, "https:") ||
		strings.Contains(src, "ftp:") || strings.Contains(src, "www.")
}

// New returns a Renderer.
func New(o Options) *Renderer {
	var rendererOpts []renderer.Option
	if o.Unsafe {
		// goldmark's HTML renderer has priority 1000; a lower number is
		// registered later and wins.
		rendererOpts = append(rendererOpts, html.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(safeLinks{}, 500)))
	}
	build := func(linkify bool) goldmark.Markdown {
		var ext []goldmark.Extender
		if linkify {
			ext = append(ext, extension.Linkify)
		}
		ext = append(append(ext, gfm...), fields{}, highlight{})
		return goldmark.New(
			goldmark.WithExtensions(ext...),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithASTTransformers(util.Prioritized(xrefTransformer{}, 100)),
			),
			goldmark.WithRendererOptions(rendererOpts...),
		)
	}
	return &Renderer{md: build(true), plain: build(false)}
}

// Page is the state shared by every piece of Markdown rendered onto one HTML
// page: how cross-references resolve from it, and the element ids already
// used on it, so that headings and fields get unique ids.
type Page struct {
	Resolve Resolver
	IDs     *IDs
}

var pageKey = parser.NewContextKey()

// Render converts src to HTML for page p.
func (r *Renderer) Render(src string, p *Page) template.HTML {
	if mayAutolink(src) {
		return r.render(r.md, src, p)
	}
	return r.render(r.plain, src, p)
}

func (r *Renderer) render(md goldmark.Markdown, src string, p *Page) template.HTML {
	if src == "" {
		return ""
	}
	source := []byte(src)
	parses.Add(1)
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(r.context(p)))
	return r.html(md, source, doc)
}

func (r *Renderer) context(p *Page) parser.Context {
	if p.IDs == nil {
		p.IDs = NewIDs()
	}
	ctx := parser.NewContext(parser.WithIDs(p.IDs))
	ctx.Set(pageKey, p)
	return ctx
}

// html renders a parsed document, as goldmark's Convert does after parsing.
func (r *Renderer) html(md goldmark.Markdown, source []byte, doc ast.Node) template.HTML {
	r.buf.Reset()
	if r.bw == nil {
		r.bw = bufio.NewWriter(&r.buf)
	} else {
		r.bw.Reset(&r.buf)
	}
	err := md.Renderer().Render(r.bw, source, doc)
	if err == nil {
		err = r.bw.Flush()
	}
	if err != nil {
		// goldmark only fails when the writer fails; a bytes.Buffer does not.
		return template.HTML(template.HTMLEscapeString(string(source)))
	}
	return template.HTML(r.buf.String())
}

// parses counts the texts parsed, for Parses.
var parses atomic.Int64

// Parses returns how many Markdown texts the package has parsed. Some texts
// take goldmark itself long to parse (100,000 "[" take most of a second),
// so a build reads each text once (Texts) and converts it once for each
// page that shows it; a test counts.
func Parses() int64 { return parses.Load() }

// Link is a link or image found in Markdown source, or, with HTML set, a
// piece of raw HTML (an inline tag or an HTML block) that Dest holds as
// written, so that a checker can look inside it.
type Link struct {
	Dest   string
	Offset int // byte offset of the destination (or the HTML) in the source
	Image  bool
	HTML   bool
}

// linkParser parses Markdown for Links and PlainText, and plainParser does
// when src has nothing linkify could link. A goldmark parser keeps no state
// between calls, so one serves every caller. Headings get ids as Render's
// do, so that Texts reads a text's sections with the ids its page gives.
var (
	linkParser = goldmark.New(goldmark.WithExtensions(extension.GFM, fields{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID())).Parser()
	plainParser = goldmark.New(goldmark.WithExtensions(append(gfm[:len(gfm):len(gfm)], fields{})...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID())).Parser()
)

// parse parses src with the cheapest parser that gives the same tree.
func parse(source []byte, src string, opts ...parser.ParseOption) ast.Node {
	parses.Add(1)
	if mayAutolink(src) {
		return linkParser.Parse(text.NewReader(source), opts...)
	}
	return plainParser.Parse(text.NewReader(source), opts...)
}

// Links returns every link and image destination in src, in source
// order, with its offset, so that a checker can report positions.
func Links(src string) []Link {
	if src == "" {
		return nil
	}
	source := []byte(src)
	return links(parse(source, src), source, src)
}

func links(doc ast.Node, source []byte, src string) []Link {
	var out []Link
	cursor := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		image := false
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest, image = string(n.Destination), true
		case *ast.AutoLink:
			dest = string(n.URL(source))
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				start, stop := n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop
				out = append(out, Link{Dest: src[start:stop], Offset: start, HTML: true})
			}
			return ast.WalkContinue, nil
		case *ast.HTMLBlock:
			if lines := n.Lines(); lines.Len() > 0 {
				start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
				if n.HasClosure() {
					stop = n.ClosureLine.Stop
				}
				out = append(out, Link{Dest: src[start:stop], Offset: start, HTML: true})
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		from := max(cursor, firstTextOffset(n))
		off := strings.Index(src[from:], dest)
		if off < 0 {
			off = strings.Index(src, dest)
		} else {
			off += from
		}
		if off < 0 {
			off = from
		} else {
			cursor = off + len(dest)
		}
		out = append(out, Link{Dest: dest, Offset: off, Image: image})
		return ast.WalkContinue, nil
	})
	return out
}

// firstTextOffset is where the first text inside n starts in the source;
// goldmark does not record where a link itself starts.
func firstTextOffset(n ast.Node) int {
	off := 0
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// SplitRef splits a cross-reference such as "rec:training#guidance" into its
// kind, id and fragment. ok is false when dest is not a cross-reference.
func SplitRef(dest string) (kind, id, fragment string, ok bool) {
	k, rest, found := strings.Cut(dest, ":")
	if !found {
		return "", "", "", false
	}
	if kind := site.KindNamed(k); kind == nil || !kind.XRef {
		return "", "", "", false
	}
	id, fragment, _ = strings.Cut(rest, "#")
	return k, id, fragment, true
}

// xrefTransformer rewrites cross-reference links to relative URLs.
type xrefTransformer struct{}

func (xrefTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	p, _ := pc.Get(pageKey).(*Page)
	if p == nil || p.Resolve == nil {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		kind, id, frag, ok := SplitRef(string(link.Destination))
		if !ok {
			return ast.WalkContinue, nil
		}
		url, ok := p.Resolve(kind, id)
		if !ok {
			// The checker reports unknown targets before rendering; never
			// emit a link that leads nowhere.
			url = "#"
		} else if frag != "" {
			url += "#" + frag
		}
		link.Destination = []byte(url)
		return ast.WalkContinue, nil
	})
}

// PlainText returns the text of Markdown src without markup: what a reader
// sees, for search indexes and snippets. Fields show as their labels.
func PlainText(src string) string {
	if src == "" {
		return ""
	}
	source := []byte(src)
	return plainText(parse(source, src), source)
}

func plainText(doc ast.Node, source []byte) string {
	var b strings.Builder
	space := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
			b.WriteByte(' ')
		}
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				space()
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				space()
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			// A bare or <angle-bracket> address: its text is the label.
			b.Write(n.Label(source))
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
			space()
			return ast.WalkSkipChildren, nil
		case *Field:
			space()
			b.WriteString(n.Label)
			space()
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// Every block ends with a space; collapseSpace need not copy for it.
	return collapseSpace(strings.TrimSuffix(b.String(), " "))
}

// collapseSpace is strings.Join(strings.Fields(s), " ") without the slice of
// fields: runs of white space become one space, and none is left at either
// end. Text that is so already, as most is, is returned as it is.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		for i < len(s) {
			size, space := spaceAt(s, i)
			if !space {
				break
			}
			i += size
		}
		word := i
		for i < len(s) {
			size, space := spaceAt(s, i)
			if space {
				break
			}
			i += size
		}
		if word == i {
			break // white space at the end
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[word:i])
	}
	return b.String()
}

// collapsed reports whether s has no white space but single spaces between
// words.
func collapsed(s string) bool {
	prevSpace := true // so that a leading space is found
	for i := 0; i < len(s); {
		size, space := spaceAt(s, i)
		if space && (prevSpace || s[i] != ' ') {
			return false
		}
		prevSpace = space
		i += size
	}
	return !prevSpace || s == ""
}

// spaceAt reports the size of the character at s[i] and whether it is
// white space, as strings.Fields decides.
func spaceAt(s string, i int) (int, bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return size, unicode.IsSpace(r)
}

// Headings returns the plain text of src's headings, in order. A text
// with no line that could start one is not parsed.
func Headings(src string) []string {
	if !mayHaveHeading(src) {
		return nil
	}
	source := []byte(src)
	return headings(parse(source, src), source)
}

func headings(doc ast.Node, source []byte) []string {
	var out []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if t := strings.TrimSpace(plainText(h, source)); t != "" {
				out = append(out, t)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// mayHaveHeading reports whether src has a line that starts (after up to
// three spaces) with "#", or a line of "=" or "-" under text.
func mayHaveHeading(src string) bool {
	for line := range strings.Lines(src) {
		t := strings.TrimLeft(line, " ")
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "==") || strings.HasPrefix(t, "--") {
			return true
		}
	}
	return false
}
