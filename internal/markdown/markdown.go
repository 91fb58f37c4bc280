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
	md  goldmark.Markdown
	buf bytes.Buffer
	// bw buffers writes into buf. goldmark would wrap buf in a new 4 kB
	// buffer on every conversion; given one, it uses it.
	bw *bufio.Writer
}

// New returns a Renderer.
func New(o Options) *Renderer {
	var rendererOpts []renderer.Option
	if o.Unsafe {
		// goldmark's HTML renderer has priority 1000; a lower number is
		// registered later and wins.
		rendererOpts = append(rendererOpts, html.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(safeLinks{}, 500)))
	}
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM, fields{}, highlight{}),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(xrefTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)}
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
	if src == "" {
		return ""
	}
	if p.IDs == nil {
		p.IDs = NewIDs()
	}
	ctx := parser.NewContext(parser.WithIDs(p.IDs))
	ctx.Set(pageKey, p)
	source := []byte(src)
	parses.Add(1)
	doc := r.md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	// Then as goldmark's Convert does after parsing.
	r.buf.Reset()
	if r.bw == nil {
		r.bw = bufio.NewWriter(&r.buf)
	} else {
		r.bw.Reset(&r.buf)
	}
	err := r.md.Renderer().Render(r.bw, source, doc)
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

// mdParser parses Markdown for Texts: links, plain text, headings and
// sections. A goldmark parser keeps no state between calls, so one serves
// every caller. Headings get ids as Render's do, so that Texts reads a
// text's sections with the ids its page gives.
var mdParser = goldmark.New(goldmark.WithExtensions(extension.GFM, fields{}),
	goldmark.WithParserOptions(parser.WithAutoHeadingID())).Parser()

// links returns every link and image destination in doc, in source order,
// with its offset, so that a checker can report positions.
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

// plainText returns the text of doc without markup: what a reader sees,
// for search indexes and snippets. Fields show as their labels.
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
	return strings.Join(strings.Fields(b.String()), " ")
}

// headings returns the plain text of doc's headings, in order.
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
