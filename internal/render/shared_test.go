package render

import (
	"sync"
	"testing"

	"github.com/yuin/goldmark/util"

	"github.com/riskguide/riskguide/internal/markdown"
)

// TestSharedMarkdownIsExact converts texts through the shared conversion and
// directly, for two pages that resolve cross-references differently, in an
// order where the second page finds the text already converted.
func TestSharedMarkdownIsExact(t *testing.T) {
	r, s := defaultRenderer(t)
	rec := s.AllRecommendations()[0]
	texts := []string{
		rec.Guidance.Value,
		"See [the plan](rec:" + rec.ID + "#guidance), [result](result:" + rec.Result.ID + "), [a role](role:call-handler) and [nothing](rec:no-such).",
		"## A heading\n\nText with [a link](rec:" + rec.ID + ").",
		"Name: [[Full name]] and [x](page:about)",
		"A literal riskguide-xref:rec:" + rec.ID + ": in the text, [and](rec:" + rec.ID + ").",
		"Bare www.example.org & <b>raw</b> \"quotes\" [source](source:council-of-europe-2011)",
		"",
	}
	md := markdown.New(markdown.Options{})
	for _, text := range texts {
		for _, path := range []string{recPath(rec.ID), "print/index.html"} {
			b := r.newBase(path, "recommendation", md)
			direct := md.Render(text, &markdown.Page{IDs: markdown.NewIDs(pageIDs...), Resolve: b.resolve})
			if got := b.renderShared(text, b.resolve); got != direct {
				t.Errorf("%s, %q:\nshared %s\ndirect %s", path, text, got, direct)
			}
			b = r.newBase(path, "print", md)
			direct = md.Render(text, &markdown.Page{IDs: markdown.NewIDs(pageIDs...), Resolve: b.resolveInPage})
			if got := b.renderShared(text, b.resolveInPage); got != direct {
				t.Errorf("%s in page, %q:\nshared %s\ndirect %s", path, text, got, direct)
			}
		}
	}
	shared := 0
	r.shared.Range(func(_, v any) bool {
		if v.(*sharedEntry).text.pageFree {
			shared++
		}
		return true
	})
	if shared != 3 {
		t.Errorf("%d texts converted once for every page, want 3 (the guidance, the links and the bare address)", shared)
	}
}

// TestPlainURLNeedsNoEscaping: every character plainURL accepts is left as
// it is by the escaping fillXrefs skips for such addresses.
func TestPlainURLNeedsNoEscaping(t *testing.T) {
	accepted := 0
	for c := 0; c < 256; c++ {
		s := string([]byte{byte(c)})
		if !plainURL(s) {
			continue
		}
		accepted++
		if got := string(util.EscapeHTML(util.URLEscape([]byte(s), true))); got != s {
			t.Errorf("%q escapes to %q", s, got)
		}
	}
	if accepted != 67 || !plainURL("../recommendations/a-b_c/index.html#guidance") || plainURL("a b") {
		t.Errorf("plainURL accepts %d characters", accepted)
	}
}

// TestSharedMarkdownConvertedOnce: workers rendering pages at the same time
// that meet the same text convert it once between them, not once each.
// Run it with -race and -cpu 1,2,4.
func TestSharedMarkdownConvertedOnce(t *testing.T) {
	r, s := defaultRenderer(t)
	rec := s.AllRecommendations()[0]
	md := markdown.New(markdown.Options{})
	const workers = 8
	for i, text := range []string{rec.Guidance.Value, "Shared text number two, [with a link](rec:" + rec.ID + ")."} {
		before := markdown.Parses()
		start := make(chan struct{})
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b := r.newBase(recPath(rec.ID), "recommendation", md)
				<-start
				if b.renderShared(text, b.resolve) == "" {
					t.Error("empty conversion")
				}
			}()
		}
		close(start)
		wg.Wait()
		if n := markdown.Parses() - before; n != 1 {
			t.Errorf("text %d: %d workers converted it %d times, want once", i, workers, n)
		}
	}
}
