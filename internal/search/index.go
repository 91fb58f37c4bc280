// Package search builds the site's search index: JavaScript files that the
// browser loads with <script> tags (so that search works from file://, where
// fetch is blocked) and that assets/js/search.js queries.
//
// The index is split so that what a visitor downloads before the first
// result stays small as the site grows:
//
//   - search/data/index.js, the manifest: counts, kinds, roles, how the
//     rest is split, a hash of the rest, which the other pieces are
//     loaded with (?v=), and the text rules of rules.json;
//   - t-<prefix>.js, the terms starting with a prefix and their postings.
//     Each posting holds a document, its BM25 score for the term, computed
//     here so that a query only adds numbers, and whether the term is in
//     the document's title;
//   - b-<prefix>.js, pairs of terms that stand next to each other in a
//     title, heading or other short text ("victim safety"), with their
//     postings, loaded only for queries of several words;
//   - m-<n>.js, titles, numbers, kinds and addresses of a run of documents;
//   - x-<n>.js, the plain text of a run of documents, for snippets, or,
//     for a page with headings, its sections (id, title, text), so that a
//     result can lead to the section holding the words;
//   - f.js, the kind and roles of every document, loaded when a filter is
//     used.
//
// A small site gets one term file; a large one a file per one- or
// two-letter prefix.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Kinds are the kinds of document, in the order results are grouped.
var Kinds = []string{"rec", "result", "checklist", "protocol", "page", "source"}

// Doc is one searchable document.
type Doc struct {
	Kind   string // one of Kinds
	Label  string // display number such as "4.2", or ""
	Title  string
	URL    string   // path from the site root
	Roles  []string // ids of the roles it concerns
	Fields []Field  // the text to index, with weights
	Text   string   // plain text shown in snippets
	// Lang is the language of the title and text when it is not the
	// index's: a text a translated site shows in the source language.
	Lang string
	// Sections are the parts of the page under its headings, in order,
	// when it has any: a result then leads to the section that holds the
	// words of the query. Their texts together stand in for Text.
	Sections []Section
}

// Section is a part of a page under one heading.
type Section struct {
	// ID is the element id the result leads to, and Title the heading's
	// text; both are "" for the text before the first heading.
	ID, Title string
	Text      string
}

// Field is a piece of a document's text and how much a match in it counts.
type Field struct {
	Text   string
	Weight float64
}

// Weights of the usual fields: titles and recommendation texts count most,
// then the headings inside a text, then short texts, then the body.
const (
	WeightTitle   = 4.0
	WeightText    = 3.0
	WeightHeading = 2.0 // headings of guidance, templates and pages, besides their place in the body
	WeightShort   = 1.5 // indicators, checklist items, summaries
	WeightBody    = 1.0
)

// Role names a role for the filter.
type Role struct{ ID, Name string }

// Options configure an index.
type Options struct {
	Language string
	Roles    []Role
	// Messages are the interface strings search.js shows, in the site's
	// language; they travel in the manifest.
	Messages map[string]string
}

// File is one file of the index, with its path from the site root.
type File struct {
	Path string
	Data []byte
}

// Sizes of the pieces. Variables so that tests can force sharding.
var (
	chunkBytes     = 8 << 10  // a meta or text piece closes once it holds this much
	textLimit      = 6000     // characters of text kept per document for snippets
	sectionText    = 1000     // characters of text kept per section; the rest is kept as its words
	smallIndex     = 24 << 10 // above this, terms are split by first letter: the first query loads one letter's
	largeIndex     = 2 << 20
	bm25k1, bm25b  = 1.2, 0.75
	headBoost      = 2.0
	scoreScale     = 100.0
	maxPostingBits = 30
)

// Dir is the folder of the index in the site.
const Dir = "search/data/"

// posting is a document and a term's score in it, doubled, plus one if
// the term is in the document's title. Both fit 32 bits (scores are capped
// at maxPostingBits); a large site has millions.
type posting struct {
	doc   int32
	score int32
}

// Build returns the files of the index for docs. It works in stages, each
// a function below: tokenise turns every document's text into terms and
// counts them, score gives each term its postings, shard splits the terms
// into files by prefix, and the encode functions write the documents'
// titles, texts and filters, and the manifest that ties the files together.
func Build(docs []Doc, o Options) []File {
	rules := rulesFor(o.Language)
	tok := tokenise(docs, rules)
	ix := score(docs, tok)
	if rules.table {
		addForms(ix, tok.stems)
	}
	files, lay := shard(ix)
	meta, metaStarts := encodeMeta(docs)
	texts, textStarts := encodeTexts(docs, rules)
	files = append(append(files, meta...), texts...)
	files = append(files, encodeFilters(docs, o.Roles))
	return append(files, encodeManifest(files, len(docs), o, rules, lay, metaStarts, textStarts))
}

// langRules are the rules of the index's language.
type langRules struct {
	lang  string // the primary subtag of a stemmed language, else ""
	stem  Stemmer
	stop  map[string]bool
	table bool // search.js cannot stem lang: the index carries every form (see snowball.go)
}

func rulesFor(language string) langRules {
	stem, lang := StemmerFor(language)
	return langRules{lang: lang, stem: stem, stop: StopWords[lang], table: lang != "" && !jsStemmers[lang]}
}

// A document's text is scored as two fields, each with BM25 on its own: the
// head (title, recommendation text), which is short and so reaches its full
// score with one mention, and the body. A word in the head counts headBoost
// times as much, so a recommendation that says the words itself ranks above
// a long page that mentions them often.
type docTerm struct {
	id         int32   // the term's number: the worker's, then the index's
	head, body float64 // weighted term frequency in each field
	title      bool    // the term is a word of the document's title
}

// tokens is what tokenise finds: each document's terms and the lengths of
// its fields, and every term once, numbered.
type tokens struct {
	terms            [][]docTerm // per document; ids are the index's numbers
	headLen, bodyLen []float64
	vocab            []string // terms by number, in the order first met
	df               []int    // per term, how many documents hold it
	// stems are the words whose stem differs from them, when the browser
	// needs the table (see jsStemmers).
	stems map[string]string
}

// tokenise turns the text of every document into terms. It is most of the
// work, so it is shared out: each worker takes every workers-th document
// and numbers the terms it meets; merge then gives them the index's
// numbers.
func tokenise(docs []Doc, r langRules) *tokens {
	workers := runtime.GOMAXPROCS(0)
	tok := &tokens{
		terms:   make([][]docTerm, len(docs)),
		headLen: make([]float64, len(docs)),
		bodyLen: make([]float64, len(docs)),
	}
	ws := make([]*tokeniser, workers)
	var wg sync.WaitGroup
	for w := range ws {
		t := newTokeniser(r)
		ws[w] = t
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				tok.terms[i], tok.headLen[i], tok.bodyLen[i] = t.doc(i, docs[i])
			}
		})
	}
	wg.Wait()
	tok.merge(ws)
	return tok
}

// A tokeniser turns documents into terms for one worker. It remembers what
// each word it has seen comes to (a term, or nothing for a stop word),
// since a vocabulary repeats itself: one lookup per word.
//
// Two terms next to each other in a short field (stop words between them
// left out) also make a pair, "victim safety", indexed as a term of its own
// with a space inside: a query whose words stand together ranks the texts
// where they stand together higher. Long bodies give no pairs; on a large
// site they would double the index.
type tokeniser struct {
	r      langRules
	vocab  []string // its terms, by its numbers
	stems  map[string]string
	byWord map[string]int32 // word -> term number, or -1
	byTerm map[string]int32
	byPair map[[2]int32]int32
	// per term: the document it was last met in (+1), and where in found
	lastDoc, pos []int32
	found        []docTerm
	words        []string
}

func newTokeniser(r langRules) *tokeniser {
	return &tokeniser{r: r, byWord: map[string]int32{}, byTerm: map[string]int32{}, byPair: map[[2]int32]int32{}}
}

func (t *tokeniser) newTerm(term string) int32 {
	id := int32(len(t.vocab))
	t.vocab = append(t.vocab, term)
	t.lastDoc, t.pos = append(t.lastDoc, 0), append(t.pos, 0)
	return id
}

// termOf returns the number of a word's term, or -1 for a stop word.
func (t *tokeniser) termOf(word string) int32 {
	id, ok := t.byWord[word]
	if ok {
		return id
	}
	id = -1
	if !t.r.stop[word] {
		term := t.r.stem(word)
		if t.r.table && term != word {
			if t.stems == nil {
				t.stems = map[string]string{}
			}
			t.stems[word] = term
		}
		if id, ok = t.byTerm[term]; !ok {
			id = t.newTerm(term)
			t.byTerm[term] = id
		}
	}
	t.byWord[word] = id
	return id
}

// count adds weight to term id in document i, in the head or the body.
func (t *tokeniser) count(i int, id int32, weight float64, head bool) {
	if t.lastDoc[id] != int32(i+1) {
		t.lastDoc[id], t.pos[id] = int32(i+1), int32(len(t.found))
		t.found = append(t.found, docTerm{id: id})
	}
	dt := &t.found[t.pos[id]]
	if head {
		dt.head += weight
	} else {
		dt.body += weight
	}
}

// doc returns the terms of document i, numbered by this worker, and the
// weighted lengths of its head and body.
func (t *tokeniser) doc(i int, d Doc) (terms []docTerm, headLen, bodyLen float64) {
	t.found = t.found[:0]
	for _, f := range d.Fields {
		head := f.Weight >= WeightText
		pairs := f.Weight >= WeightShort
		prev := int32(-1)
		t.words = appendWords(t.words[:0], f.Text)
		for _, word := range t.words {
			id := t.termOf(word)
			if id < 0 {
				continue
			}
			t.count(i, id, f.Weight, head)
			if head {
				headLen += f.Weight
			} else {
				bodyLen += f.Weight
			}
			if pairs && prev >= 0 && prev != id {
				key := [2]int32{prev, id}
				pid, ok := t.byPair[key]
				if !ok {
					pid = t.newTerm(t.vocab[prev] + " " + t.vocab[id])
					t.byPair[key] = pid
				}
				t.count(i, pid, f.Weight, head)
			}
			prev = id
		}
	}
	for _, word := range appendWords(t.words[:0], d.Title) {
		if id := t.termOf(word); id >= 0 && t.lastDoc[id] == int32(i+1) {
			t.found[t.pos[id]].title = true
		}
	}
	return slices.Clone(t.found), headLen, bodyLen
}

// merge numbers the terms of all workers in the order the documents meet
// them, so that counting and scoring index slices instead of hashing
// strings, and counts the documents holding each.
func (tok *tokens) merge(ws []*tokeniser) {
	ids := map[string]int32{}
	global := make([][]int32, len(ws)) // a worker's number -> the index's, or -1
	for w, t := range ws {
		global[w] = slices.Repeat([]int32{-1}, len(t.vocab))
	}
	for i := range tok.terms {
		w := i % len(ws)
		for k := range tok.terms[i] {
			t := &tok.terms[i][k]
			id := global[w][t.id]
			if id < 0 {
				term := ws[w].vocab[t.id]
				var ok bool
				if id, ok = ids[term]; !ok {
					id = int32(len(tok.vocab))
					ids[term] = id
					tok.vocab = append(tok.vocab, term)
					tok.df = append(tok.df, 0)
				}
				global[w][t.id] = id
			}
			t.id = id
			tok.df[id]++
		}
	}
	tok.stems = map[string]string{}
	for _, t := range ws {
		maps.Copy(tok.stems, t.stems)
	}
}

// index is the terms of the index and their postings.
type index struct {
	vocab    []string
	ids      map[string]int32
	postings [][]posting
}

// score gives every term its postings: for each document holding it, its
// BM25 score there, computed here so that a query only adds numbers.
func score(docs []Doc, tok *tokens) *index {
	n := float64(len(docs))
	var headTotal, bodyTotal float64
	for i := range docs {
		headTotal += tok.headLen[i]
		bodyTotal += tok.bodyLen[i]
	}
	idf := make([]float64, len(tok.vocab))
	for id, d := range tok.df {
		idf[id] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
	}
	headAvg, bodyAvg := max(headTotal/max(n, 1), 1), max(bodyTotal/max(n, 1), 1)
	bm25 := func(f, length, avg, idf float64) float64 {
		if f == 0 {
			return 0
		}
		return idf * f * (bm25k1 + 1) / (f + bm25k1*(1-bm25b+bm25b*length/avg))
	}
	ix := &index{vocab: tok.vocab, ids: make(map[string]int32, len(tok.vocab)), postings: make([][]posting, len(tok.vocab))}
	for id, t := range tok.vocab {
		ix.ids[t] = int32(id)
	}
	for i := range docs {
		for _, t := range tok.terms[i] {
			v := headBoost*bm25(t.head, tok.headLen[i], headAvg, idf[t.id]) + bm25(t.body, tok.bodyLen[i], bodyAvg, idf[t.id])
			s := int32(max(1, min(int(math.Round(scoreScale*v)), 1<<maxPostingBits-1))) << 1
			if t.title {
				s |= 1
			}
			ix.postings[t.id] = append(ix.postings[t.id], posting{doc: int32(i), score: s})
		}
		tok.terms[i] = nil
	}
	return ix
}

// addForms makes every form of a word the site uses a term of its own, with
// its stem's postings, for a language search.js cannot stem: the form typed
// then finds the texts using any other form.
func addForms(ix *index, stems map[string]string) {
	for _, word := range slices.Sorted(maps.Keys(stems)) {
		sid, ok := ix.ids[stems[word]]
		if _, taken := ix.ids[word]; taken || !ok {
			continue
		}
		ix.ids[word] = int32(len(ix.vocab))
		ix.vocab = append(ix.vocab, word)
		ix.postings = append(ix.postings, ix.postings[sid])
	}
}

// layout says how the terms are split into files: by their first keyLen
// characters, terms in t-<key>.js and pairs in b-<key>.js.
type layout struct {
	keyLen         int
	keys, pairKeys []string
}

// shard writes the term and pair files. A small index is one file of
// each; a larger one a file per first letter, or two.
func shard(ix *index) ([]File, layout) {
	sorted := make([]int32, len(ix.vocab))
	size := 0
	for id := range ix.vocab {
		sorted[id] = int32(id)
		size += len(ix.vocab[id]) + 3*len(ix.postings[id])
	}
	slices.SortFunc(sorted, func(a, b int32) int { return strings.Compare(ix.vocab[a], ix.vocab[b]) })

	var lay layout
	switch {
	case size > largeIndex:
		lay.keyLen = 2
	case size > smallIndex:
		lay.keyLen = 1
	}
	shards := map[string][]int32{}
	for _, id := range sorted {
		k := prefix(ix.vocab[id], lay.keyLen)
		name := "t-" + k
		if strings.Contains(ix.vocab[id], " ") {
			name = "b-" + k
		}
		if _, ok := shards[name]; !ok {
			if name[0] == 't' {
				lay.keys = append(lay.keys, k)
			} else {
				lay.pairKeys = append(lay.pairKeys, k)
			}
		}
		shards[name] = append(shards[name], id)
	}
	var files []File
	for _, name := range slices.Concat(prefixed("t-", lay.keys), prefixed("b-", lay.pairKeys)) {
		enc := make([]string, len(shards[name]))
		words := make([]string, len(shards[name]))
		for i, id := range shards[name] {
			words[i], enc[i] = ix.vocab[id], encodePostings(ix.postings[id])
		}
		files = append(files, dataFile(name, map[string]any{"t": strings.Join(words, "\n"), "p": enc}))
	}
	return files, lay
}

func kindIndex() map[string]int {
	m := map[string]int{}
	for i, k := range Kinds {
		m[k] = i
	}
	return m
}

// encodeMeta writes the titles, numbers, kinds and addresses of the
// documents, m-<n>.js, and returns the first document of each file.
// Titles and texts are cut into pieces by size, not by count: a piece
// holds a few long templates or many short recommendations, and a result
// costs the visitor one small piece of each.
func encodeMeta(docs []Doc) ([]File, []int) {
	kinds := kindIndex()
	sizes := make([]int, len(docs))
	for i, d := range docs {
		sizes[i] = len(d.Title) + len(d.URL) + len(d.Label) + 12
	}
	starts := chunkStarts(sizes)
	var files []File
	for i, start := range starts {
		var meta [][]any
		for _, d := range docs[start:chunkEnd(starts, i, len(docs))] {
			m := []any{kinds[d.Kind], d.Label, d.Title, d.URL}
			if d.Lang != "" {
				m = append(m, d.Lang)
			}
			meta = append(meta, m)
		}
		files = append(files, dataFile(fmt.Sprintf("m-%d", i), map[string]any{"d": meta}))
	}
	return files, starts
}

// encodeTexts writes the plain texts of the documents, for snippets,
// x-<n>.js, and returns the first document of each file. A document with
// sections has, instead of its text, its sections (see sectionsEntry).
func encodeTexts(docs []Doc, r langRules) ([]File, []int) {
	entries := make([]any, len(docs))
	sizes := make([]int, len(docs))
	for i, d := range docs {
		if d.Sections != nil {
			entries[i], sizes[i] = sectionsEntry(d.Sections, r)
		} else {
			entries[i], sizes[i] = truncate(d.Text, textLimit), min(len(d.Text), textLimit)+4
		}
	}
	starts := chunkStarts(sizes)
	var files []File
	for i, start := range starts {
		files = append(files, dataFile(fmt.Sprintf("x-%d", i), map[string]any{"x": entries[start:chunkEnd(starts, i, len(docs))]}))
	}
	return files, starts
}

// sectionsEntry is the entry of a document's sections in x-<n>.js: per
// section, [id, title, text], the text cut at sectionText characters and
// the document's texts together at textLimit, as a text without sections
// is. Where a text is cut, a fourth string holds the terms of the rest
// that the kept text lacks, once each, as the browser looks them up
// (stemmed where search.js stems, without stop words): the browser then
// finds every section holding the words of a query, as the index finds
// the page. It returns the entry and about how many bytes it takes.
func sectionsEntry(secs []Section, r langRules) ([][]string, int) {
	stem := r.stem
	if r.table {
		stem = func(w string) string { return w } // search.js does not stem: words
	}
	out := make([][]string, len(secs))
	size, budget := 2, textLimit
	for i, s := range secs {
		keep := truncate(s.Text, max(0, min(sectionText, budget)))
		budget -= runes(keep)
		e := []string{s.ID, s.Title, keep}
		if len(keep) < len(s.Text) {
			seen := map[string]bool{}
			for _, w := range Words(keep) {
				seen[stem(w)] = true
			}
			var rest []string
			for _, w := range Words(s.Text[len(keep):]) {
				if t := stem(w); !r.stop[w] && !seen[t] {
					seen[t] = true
					rest = append(rest, t)
				}
			}
			e = append(e, strings.Join(rest, " "))
		}
		out[i] = e
		for _, f := range e {
			size += len(f) + 3
		}
	}
	return out, size
}

// encodeFilters writes f.js: the kind of every document, and the documents
// of each role.
func encodeFilters(docs []Doc, roles []Role) File {
	kinds := kindIndex()
	roleIndex := map[string]int{}
	for i, r := range roles {
		roleIndex[r.ID] = i
	}
	var k strings.Builder
	roleDocs := make([][]posting, len(roles))
	for i, d := range docs {
		k.WriteByte(byte('0' + kinds[d.Kind]))
		for _, r := range d.Roles {
			if ri, ok := roleIndex[r]; ok {
				roleDocs[ri] = append(roleDocs[ri], posting{doc: int32(i)})
			}
		}
	}
	roleEnc := make([]string, len(roleDocs))
	for i, ps := range roleDocs {
		roleEnc[i] = encodeDocs(ps)
	}
	return dataFile("f", map[string]any{"k": k.String(), "r": roleEnc})
}

// encodeManifest writes index.js, the first file a search loads.
//
// Every other file is loaded with the hash of all of them as a query, so
// that a browser that keeps files long still loads the files of the
// manifest's own build; the manifest itself must be served fresh (see
// docs/hosting.md).
func encodeManifest(files []File, n int, o Options, r langRules, lay layout, metaStarts, textStarts []int) File {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write(f.Data)
	}
	roleNames := make([][2]string, len(o.Roles))
	for i, r := range o.Roles {
		roleNames[i] = [2]string{r.ID, r.Name}
	}
	return dataFile("index", map[string]any{
		"v":          3, // 3: rules, and sections in x-<n>.js
		"ver":        hex.EncodeToString(h.Sum(nil)[:5]),
		"lang":       r.lang,
		"n":          n,
		"kinds":      Kinds,
		"roles":      roleNames,
		"keyLen":     lay.keyLen,
		"keys":       lay.keys,
		"pairKeys":   lay.pairKeys,
		"metaStarts": metaStarts,
		"textStarts": textStarts,
		"stop":       sortedKeys(r.stop),
		"rules":      browserRules(r.lang),
		"msg":        o.Messages,
	})
}

func prefixed(p string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = p + k
	}
	return out
}

// chunkStarts splits documents of the given sizes into runs of about
// chunkBytes, and returns the index of each run's first document.
func chunkStarts(sizes []int) []int {
	var starts []int
	used := chunkBytes
	for i, n := range sizes {
		if used+n > chunkBytes && (len(starts) == 0 || used > 0) {
			starts = append(starts, i)
			used = 0
		}
		used += n
	}
	return starts
}

func chunkEnd(starts []int, i, n int) int {
	if i+1 < len(starts) {
		return starts[i+1]
	}
	return n
}

func prefix(t string, n int) string {
	r := []rune(t)
	return string(r[:min(n, len(r))])
}

// truncate cuts s after n characters.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s // no more characters than bytes
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// sortedKeys returns the keys of m in order; none is [] in JSON, not null.
func sortedKeys(m map[string]bool) []string {
	out := slices.AppendSeq(make([]string, 0, len(m)), maps.Keys(m))
	slices.Sort(out)
	return out
}

// dataFile writes one file of the index as a call to riskguideSearch.add,
// which search.js defines. JSON is valid JavaScript; escaping "<" keeps any
// text from closing a script element.
func dataFile(name string, v any) File {
	var b bytes.Buffer
	b.WriteString("riskguideSearch.add(" + jsString(name) + ",")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		panic(err) // only maps, slices, strings and numbers are encoded
	}
	b.Truncate(b.Len() - 1) // the line break Encode ends with
	b.WriteString(");\n")
	return File{Path: Dir + name + ".js", Data: b.Bytes()}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// varint alphabet: each character holds five bits of a number and a flag
// saying whether more characters follow. Safe inside JSON strings.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func appendVarint(b []byte, v int) []byte {
	for {
		c := v & 31
		v >>= 5
		if v == 0 {
			return append(b, alphabet[c])
		}
		b = append(b, alphabet[c|32])
	}
}

// encodePostings writes (document gap, score) pairs.
func encodePostings(ps []posting) string {
	slices.SortFunc(ps, func(a, b posting) int { return int(a.doc - b.doc) })
	b := make([]byte, 0, 3*len(ps))
	prev := 0
	for _, p := range ps {
		b = appendVarint(b, int(p.doc)-prev)
		b = appendVarint(b, int(p.score))
		prev = int(p.doc)
	}
	return string(b)
}

// encodeDocs writes document gaps.
func encodeDocs(ps []posting) string {
	b := make([]byte, 0, 2*len(ps))
	prev := 0
	for _, p := range ps {
		b = appendVarint(b, int(p.doc)-prev)
		prev = int(p.doc)
	}
	return string(b)
}
