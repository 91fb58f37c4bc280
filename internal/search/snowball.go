package search

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
)

// Languages other than English are stemmed with the Snowball stemmers of
// github.com/blevesearch/snowballstem: the Snowball project's own
// algorithms, generated into Go, with no dependencies, and used by the
// bleve search engine. A language Snowball has no stemmer for (Polish,
// Czech, Greek, ...) is indexed word for word; the browser's prefix
// matching still finds longer forms of a word typed short.
//
// Words reach the stemmer folded (lower case, accents removed, ß as ss),
// as a reader types them on a keyboard without the language's accents;
// the Snowball rules still remove the inflections, which carry few accents.
//
// search.js has no copy of these algorithms, and needs none: in the index
// of such a language, every form of a word the site uses is also a term of
// its own, carrying its stem's postings (see Build). A query word the site
// uses, in any of its forms, thus finds every text using any form of it,
// though the browser does not stem it; a word the site never uses is
// matched by prefix, as in any language. (Pairs of neighbouring words are
// indexed as stems, so in these languages they do not lift a ranking.)
func snowball(stem func(*snowballstem.Env) bool) Stemmer {
	return func(w string) string {
		env := snowballstem.NewEnv(w)
		stem(env)
		return env.Current()
	}
}

func init() {
	for lang, stem := range map[string]func(*snowballstem.Env) bool{
		"da": danish.Stem, "de": german.Stem, "es": spanish.Stem, "fi": finnish.Stem,
		"fr": french.Stem, "hu": hungarian.Stem, "it": italian.Stem, "nl": dutch.Stem,
		"no": norwegian.Stem, "nb": norwegian.Stem, "nn": norwegian.Stem,
		"pt": portuguese.Stem, "ro": romanian.Stem, "sv": swedish.Stem,
	} {
		Stemmers[lang] = snowball(stem)
	}
}

// jsStemmers are the languages search.js stems itself (its STEMMERS); the
// index of any other stemmed language carries every form as a term.
var jsStemmers = map[string]bool{"en": true}
