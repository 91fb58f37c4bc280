package render

import (
	"encoding/binary"
	"fmt"
	"hash"
	"hash/fnv"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// Fingerprints let a caller that keeps an earlier render's pages (serve,
// between edits) skip the pages that would come out the same. A page's
// fingerprint is a hash of everything it shows: the site-wide inputs every
// page depends on (the layouts, interface strings, site settings, menus and
// the set of ids links can point at), and the page's own data as the model
// knows it. Only recommendation pages, which are nearly all the pages of a
// large site, have one; every other page is always rendered.
//
// The fingerprint is only as complete as the layouts are predictable, so
// Keep must be used only with the built-in layouts, which show nothing of a
// recommendation page beyond what recFingerprint hashes. A site with its own
// layouts is rendered in full.

// fingerprintVersion changes whenever what the hash covers changes.
const fingerprintVersion = "riskguide fingerprint 2"

type fingerprinter struct{ h hash.Hash64 }

func newFingerprinter() fingerprinter { return fingerprinter{fnv.New64a()} }

func (f fingerprinter) str(ss ...string) {
	for _, s := range ss {
		f.h.Write([]byte(s))
		f.h.Write([]byte{0})
	}
}

func (f fingerprinter) num(n int) { f.str(strconv.Itoa(n)) }

func (f fingerprinter) sum() uint64 { return f.h.Sum64() }

// siteFingerprint hashes the inputs every page depends on.
func (r *renderer) siteFingerprint() (uint64, error) {
	f := newFingerprinter()
	f.str(fingerprintVersion)
	var files []string
	err := fs.WalkDir(r.o.Theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	for _, p := range files {
		data, err := fs.ReadFile(r.o.Theme, p)
		if err != nil {
			return 0, err
		}
		f.str(p, string(data))
	}
	f.str(fmt.Sprintf("%+v", r.s.Config), r.o.BaseURL, r.logo)
	f.str(r.o.HeadScripts...)
	// Pages link to assets by their content hash.
	for _, a := range r.assetFiles {
		f.str(a.path, r.versions[strings.TrimPrefix(a.path, "assets/")])
	}
	for _, list := range [][]NavItem{r.nav, r.more} {
		for _, n := range list {
			f.str(n.Label, n.Target)
			f.str(n.Sections...)
		}
	}
	// The ids links and cross-references can point at, in order: a page
	// links to an entity only while it exists.
	for _, res := range r.s.Results {
		f.str("result", res.ID)
	}
	for _, rec := range r.s.AllRecommendations() {
		f.str("rec", rec.ID)
	}
	for _, x := range r.s.Roles {
		f.str("role", x.ID)
	}
	for _, x := range r.s.Protocols {
		f.str("protocol", x.ID)
	}
	for _, x := range r.s.Pages {
		f.str("page", x.ID)
	}
	for _, x := range r.s.Sources {
		f.str("source", x.ID)
	}
	return f.sum(), nil
}

// recFingerprint hashes what a recommendation page shows: see
// layouts/recommendation.html and RecommendationPage.
func (r *renderer) recFingerprint(rec, prev, next *site.Recommendation) uint64 {
	f := newFingerprinter()
	var all [8]byte
	binary.LittleEndian.PutUint64(all[:], r.siteHash)
	f.h.Write(all[:])
	f.str(rec.ID, rec.Label, rec.Text, rec.Guidance.Value)
	f.num(len(rec.Indicators))
	f.str(rec.Indicators...)
	res := rec.Result
	f.str(res.ID, res.Title)
	f.num(res.Number)
	for _, n := range []*site.Recommendation{prev, next} {
		if n == nil {
			f.str("-")
		} else {
			f.str(n.ID, n.Label, n.Text)
		}
	}
	// The guidance navigation: the results around this one, and this
	// one's recommendations (see guideNav).
	from, to := guideRange(len(r.s.Results), res.Number)
	for _, x := range r.s.Results[from:to] {
		f.str("guide", x.ID, x.Title)
	}
	for _, y := range res.Recommendations {
		f.str("sibling", y.ID, y.Label, y.Text)
	}
	f.num(len(res.Recommendations))
	for _, role := range r.roles(rec.Roles) {
		f.str("role", role.ID, role.Name)
	}
	for _, ev := range r.evidence(rec) {
		s := ev.Source
		f.str("source", s.ID, s.Title, s.Publisher, s.URL, ev.Locator)
		f.num(s.Year)
	}
	for _, p := range r.protoBy[rec.ID] {
		f.str("protocol", p.ID, p.Title, p.Summary)
	}
	for _, it := range r.itemsBy[rec.ID] {
		f.str("item", it.Text, it.Role.ID, it.Role.Name)
	}
	return f.sum()
}
