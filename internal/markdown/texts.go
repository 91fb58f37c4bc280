package markdown

import (
	"sync"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Texts reads each Markdown text of a build once, for both what the checker
// needs (its links) and what the search index needs (its plain text and
// headings), so
// that a text goldmark parses slowly is not parsed again for each of them.
// Converting a text to HTML for a page is a separate parse (Renderer), as
// its ids and cross-references depend on the page. A Texts is safe for use
// by several goroutines; the zero value is ready to use.
type Texts struct {
	// Reserved are the element ids every page takes before its text's
	// (render.PageIDs): the sections read carry the ids a page whose first
	// text this is gives its headings.
	Reserved []string
	mu       sync.Mutex
	read     map[string]*readText
}

type readText struct {
	once     sync.Once
	links    []Link
	plain    string
	headings []string
	sections []Section
}

// Links returns every link and image destination in src, in source order,
// with its offset, so that a checker can report positions.
func (t *Texts) Links(src string) []Link { return t.get(src).links }

// PlainText returns the text of src without markup: what a reader sees,
// for search indexes and snippets. Fields show as their labels.
func (t *Texts) PlainText(src string) string { return t.get(src).plain }

// Headings returns the plain text of src's headings, in order.
func (t *Texts) Headings(src string) []string { return t.get(src).headings }

// Sections returns the sections of src under its headings of level 2 and
// 3 (see Section), or nil when it has none.
func (t *Texts) Sections(src string) []Section { return t.get(src).sections }

func (t *Texts) get(src string) *readText {
	t.mu.Lock()
	if t.read == nil {
		t.read = map[string]*readText{}
	}
	r := t.read[src]
	if r == nil {
		r = &readText{}
		t.read[src] = r
	}
	t.mu.Unlock()
	r.once.Do(func() {
		if src == "" {
			return
		}
		source := []byte(src)
		parses.Add(1)
		doc := mdParser.Parse(text.NewReader(source), parser.WithContext(parser.NewContext(parser.WithIDs(NewIDs(t.Reserved...)))))
		r.links, r.plain = links(doc, source, src), plainText(doc, source)
		r.headings, r.sections = headings(doc, source), sections(doc, source)
	})
	return r
}
