// Package search builds the site's search index: JavaScript files that the
// browser loads with <script> tags (so that search works from file://, where
// fetch is blocked) and that assets/js/search.js queries.
//
// The index is split so that what a visitor downloads before the first
// result stays small as the site grows:
//
//   - search/data/index.js, the manifest: counts, kinds, roles, how the
//     rest is split, and a hash of the rest, which the other pieces are
//     loaded with (?v=);
//   - t-<prefix>.js, the terms starting with a prefix and their postings.
//     Each posting holds a document, its BM25 score for the term, computed
//     here so that a query only adds numbers, and whether the term is in
//     the document's title;
//   - b-<prefix>.js, pairs of terms that stand next to each other in a
//     title, heading or other short text ("victim safety"), with their
//     postings, loaded only for queries of several words;
//   - m-<n>.js, titles, numbers, kinds and addresses of a run of documents;
//   - x-<n>.js, the plain text of a run of documents, for snippets;
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
	"math"
	"runtime"
	"slices"
	"sort"
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

// Build returns the files of the index for docs.
func Build(docs []Doc, o Options) []File {
	stem, lang := StemmerFor(o.Language)
	stop := StopWords[lang]

	// A document's text is scored as two fields, each with BM25 on its own:
	// the head (title, recommendation text), which is short and so reaches
	// its full score with one mention, and the body. A word in the head counts
	// headBoost times as much, so a recommendation that says the words itself
	// ranks above a long page that mentions them often.
	type docTerm struct {
		id         int32   // the term's number: the worker's, then the index's
		head, body float64 // weighted term frequency in each field
		title      bool    // the term is a word of the document's title
	}
	terms := make([][]docTerm, len(docs))
	headLen, bodyLen := make([]float64, len(docs)), make([]float64, len(docs))
	// Turning text into terms is most of the work: share it out. Each worker
	// numbers the terms it meets, and remembers what each word it has seen
	// comes to (a term, or nothing for a stop word), since a vocabulary
	// repeats itself: one lookup per word.
	//
	// Two terms next to each other in a short field (stop words between
	// them left out) also make a pair, "victim safety", indexed as a term
	// of its own with a space inside: a query whose words stand together
	// ranks the texts where they stand together higher. Long bodies give
	// no pairs; on a large site they would double the index.
	workers := runtime.GOMAXPROCS(0)
	type worker struct {
		vocab []string // its terms, by its numbers
		// stems are the words whose stem differs from them, when the
		// browser needs the table (see jsStemmers).
		stems map[string]string
	}
	table := lang != "" && !jsStemmers[lang]
	ws := make([]worker, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			byWord := map[string]int32{} // word -> term number, or -1
			byTerm := map[string]int32{}
			byPair := map[[2]int32]int32{}
			var lastDoc, pos []int32 // per term: the document it was last met in (+1), and where in found
			var found []docTerm
			var words []string
			newTerm := func(t string) int32 {
				id := int32(len(ws[w].vocab))
				ws[w].vocab = append(ws[w].vocab, t)
				lastDoc, pos = append(lastDoc, 0), append(pos, 0)
				return id
			}
			termOf := func(word string) int32 {
				id, ok := byWord[word]
				if ok {
					return id
				}
				id = -1
				if !stop[word] {
					t := stem(word)
					if table && t != word {
						if ws[w].stems == nil {
							ws[w].stems = map[string]string{}
						}
						ws[w].stems[word] = t
					}
					if id, ok = byTerm[t]; !ok {
						id = newTerm(t)
						byTerm[t] = id
					}
				}
				byWord[word] = id
				return id
			}
			for i := w; i < len(docs); i += workers {
				found = found[:0]
				count := func(id int32, weight float64, head bool) *docTerm {
					if lastDoc[id] != int32(i+1) {
						lastDoc[id], pos[id] = int32(i+1), int32(len(found))
						found = append(found, docTerm{id: id})
					}
					t := &found[pos[id]]
					if head {
						t.head += weight
					} else {
						t.body += weight
					}
					return t
				}
				for _, f := range docs[i].Fields {
					head := f.Weight >= WeightText
					pairs := f.Weight >= WeightShort
					prev := int32(-1)
					words = appendWords(words[:0], f.Text)
					for _, word := range words {
						id := termOf(word)
						if id < 0 {
							continue
						}
						count(id, f.Weight, head)
						if head {
							headLen[i] += f.Weight
						} else {
							bodyLen[i] += f.Weight
						}
						if pairs && prev >= 0 && prev != id {
							key := [2]int32{prev, id}
							pid, ok := byPair[key]
							if !ok {
								pid = newTerm(ws[w].vocab[prev] + " " + ws[w].vocab[id])
								byPair[key] = pid
							}
							count(pid, f.Weight, head)
						}
						prev = id
					}
				}
				for _, word := range appendWords(words[:0], docs[i].Title) {
					if id := termOf(word); id >= 0 && lastDoc[id] == int32(i+1) {
						found[pos[id]].title = true
					}
				}
				terms[i] = slices.Clone(found)
			}
		}(w)
	}
	wg.Wait()
	// The index numbers terms in the order they are first met, so that
	// counting and scoring index slices instead of hashing strings.
	ids := map[string]int32{}
	var vocab []string
	var df []int
	global := make([][]int32, workers) // a worker's number -> the index's, or -1
	for w := range ws {
		global[w] = make([]int32, len(ws[w].vocab))
		for k := range global[w] {
			global[w][k] = -1
		}
	}
	var headTotal, bodyTotal float64
	for i := range docs {
		headTotal += headLen[i]
		bodyTotal += bodyLen[i]
		w := i % workers
		for k := range terms[i] {
			t := &terms[i][k]
			id := global[w][t.id]
			if id < 0 {
				term := ws[w].vocab[t.id]
				var ok bool
				if id, ok = ids[term]; !ok {
					id = int32(len(vocab))
					ids[term] = id
					vocab = append(vocab, term)
					df = append(df, 0)
				}
				global[w][t.id] = id
			}
			t.id = id
			df[id]++
		}
	}
	n := float64(len(docs))
	idf := make([]float64, len(vocab))
	for id, d := range df {
		idf[id] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
	}
	headAvg, bodyAvg := max(headTotal/max(n, 1), 1), max(bodyTotal/max(n, 1), 1)
	bm25 := func(f, length, avg, idf float64) float64 {
		if f == 0 {
			return 0
		}
		return idf * f * (bm25k1 + 1) / (f + bm25k1*(1-bm25b+bm25b*length/avg))
	}
	postings := make([][]posting, len(vocab))
	for i := range docs {
		for _, t := range terms[i] {
			score := headBoost*bm25(t.head, headLen[i], headAvg, idf[t.id]) + bm25(t.body, bodyLen[i], bodyAvg, idf[t.id])
			s := int32(max(1, min(int(math.Round(scoreScale*score)), 1<<maxPostingBits-1))) << 1
			if t.title {
				s |= 1
			}
			postings[t.id] = append(postings[t.id], posting{doc: int32(i), score: s})
		}
		terms[i] = nil
	}
	if table {
		// search.js cannot stem this language: every form of a word the
		// site uses is a term of its own, with its stem's postings, so
		// that the form typed finds the texts using any other form.
		var forms []string
		stems := map[string]string{}
		for _, w := range ws {
			for word, t := range w.stems {
				if _, ok := stems[word]; !ok {
					forms = append(forms, word)
				}
				stems[word] = t
			}
		}
		slices.Sort(forms)
		for _, word := range forms {
			sid, ok := ids[stems[word]]
			if _, taken := ids[word]; taken || !ok {
				continue
			}
			ids[word] = int32(len(vocab))
			vocab = append(vocab, word)
			postings = append(postings, postings[sid])
		}
	}
	sorted := make([]int32, len(vocab))
	size := 0
	for id := range vocab {
		sorted[id] = int32(id)
		size += len(vocab[id]) + 3*len(postings[id])
	}
	slices.SortFunc(sorted, func(a, b int32) int { return strings.Compare(vocab[a], vocab[b]) })

	keyLen := 0
	switch {
	case size > largeIndex:
		keyLen = 2
	case size > smallIndex:
		keyLen = 1
	}

	var files []File
	// Terms go to t- files and pairs to b- files, each by prefix.
	var keys, pairKeys []string
	shard := map[string][]int32{}
	for _, id := range sorted {
		k := prefix(vocab[id], keyLen)
		name := "t-" + k
		if strings.Contains(vocab[id], " ") {
			name = "b-" + k
		}
		if _, ok := shard[name]; !ok {
			if name[0] == 't' {
				keys = append(keys, k)
			} else {
				pairKeys = append(pairKeys, k)
			}
		}
		shard[name] = append(shard[name], id)
	}
	for _, name := range slices.Concat(prefixed("t-", keys), prefixed("b-", pairKeys)) {
		enc := make([]string, len(shard[name]))
		words := make([]string, len(shard[name]))
		for i, id := range shard[name] {
			words[i], enc[i] = vocab[id], encodePostings(postings[id])
		}
		files = append(files, dataFile(name, map[string]any{"t": strings.Join(words, "\n"), "p": enc}))
	}

	roleIndex := map[string]int{}
	roleNames := make([][2]string, len(o.Roles))
	for i, r := range o.Roles {
		roleIndex[r.ID] = i
		roleNames[i] = [2]string{r.ID, r.Name}
	}
	kindIndex := map[string]int{}
	for i, k := range Kinds {
		kindIndex[k] = i
	}
	// Titles and texts are cut into pieces by size, not by count: a piece
	// holds a few long templates or many short recommendations, and a
	// result costs the visitor one small piece of each.
	metaStarts := chunkStarts(docs, func(d Doc) int { return len(d.Title) + len(d.URL) + len(d.Label) + 12 })
	for i, start := range metaStarts {
		var meta [][]any
		for _, d := range docs[start:chunkEnd(metaStarts, i, len(docs))] {
			m := []any{kindIndex[d.Kind], d.Label, d.Title, d.URL}
			if d.Lang != "" {
				m = append(m, d.Lang)
			}
			meta = append(meta, m)
		}
		files = append(files, dataFile(fmt.Sprintf("m-%d", i), map[string]any{"d": meta}))
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = truncate(d.Text, textLimit)
	}
	textStarts := chunkStarts(docs, func(d Doc) int { return min(len(d.Text), textLimit) + 4 })
	for i, start := range textStarts {
		files = append(files, dataFile(fmt.Sprintf("x-%d", i), map[string]any{"x": texts[start:chunkEnd(textStarts, i, len(docs))]}))
	}

	var kinds strings.Builder
	roleDocs := make([][]posting, len(o.Roles))
	for i, d := range docs {
		kinds.WriteByte(byte('0' + kindIndex[d.Kind]))
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
	files = append(files, dataFile("f", map[string]any{"k": kinds.String(), "r": roleEnc}))

	// Every piece is loaded with the hash of all of them as a query, so that
	// a browser that keeps pieces long still loads the pieces of the
	// manifest's own build; the manifest itself must be served fresh (see
	// docs/hosting.md).
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write(f.Data)
	}
	manifest := map[string]any{
		"v":          2,
		"ver":        hex.EncodeToString(h.Sum(nil)[:5]),
		"lang":       lang,
		"n":          len(docs),
		"kinds":      Kinds,
		"roles":      roleNames,
		"keyLen":     keyLen,
		"keys":       keys,
		"pairKeys":   pairKeys,
		"metaStarts": metaStarts,
		"textStarts": textStarts,
		"stop":       sortedKeys(stop),
		"msg":        o.Messages,
	}
	files = append(files, dataFile("index", manifest))
	return files
}

func prefixed(p string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = p + k
	}
	return out
}

// chunkStarts splits docs into runs of about chunkBytes, as measured by
// size, and returns the index of each run's first document.
func chunkStarts(docs []Doc, size func(Doc) int) []int {
	var starts []int
	used := chunkBytes
	for i, d := range docs {
		n := size(d)
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
	if len(r) < n {
		return string(r)
	}
	return string(r[:n])
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

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
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

// StopWords are words too common to index, per language; the query drops
// them too (the manifest carries the list to the browser).
var StopWords = map[string]map[string]bool{"en": set(`a an and are as at be by for from has have in into is it its of on or that the their this to was were will with`)}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
