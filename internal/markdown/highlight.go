package markdown

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeFormatter writes highlighted code with CSS classes. The colours are
// in the theme's assets/css/code.css, chroma's "github" style, whose colours
// meet WCAG AA contrast on its own background (TestCodeCSSIsGithubStyle
// keeps the file in step with chroma). In class mode the formatter does not
// read the style's colours; it is given a style without any, so that chroma's
// style collection, which takes longer to load than a small site to build,
// is not part of the program.
var (
	codeFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))
	codeStyle     = chroma.MustNewStyle("classes", chroma.StyleEntries{})
)

type highlight struct{}

func (highlight) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(highlight{}, 100)))
}

func (highlight) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderCode)
}

func renderCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(source))
	}
	lexer := lexers.Get(string(n.Language(source)))
	if lexer == nil {
		lexer = lexers.Fallback
	}
	// The wrapper can take focus so that a keyboard user can scroll wide code.
	w.WriteString(`<div class="code" tabindex="0">`)
	defer w.WriteString(`</div>`)
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err == nil {
		err = codeFormatter.Format(w, codeStyle, it)
	}
	if err != nil {
		w.WriteString(`<pre><code>`)
		w.Write(util.EscapeHTML([]byte(code.String())))
		w.WriteString(`</code></pre>`)
	}
	return ast.WalkSkipChildren, nil
}
