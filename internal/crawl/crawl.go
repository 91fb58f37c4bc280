// Package crawl checks a deployed copy of a site over HTTP, as a hoster
// would after copying it to a web server: starting at the site's address it
// fetches every page, stylesheet, script and image that the pages link to,
// staying under that address, and reports missing files, wrong content
// types and missing security headers (those docs/hosting.md recommends).
package crawl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Options configure a check. Every bound has a default; a zero value
// means the default. The defaults are listed in docs/safety.md.
type Options struct {
	// Client makes the requests; nil means a plain client. Its redirects
	// are followed only to addresses under the site's address.
	Client *http.Client
	// MaxFiles bounds the number of addresses fetched; 0 means 5000.
	MaxFiles int
	// MaxBytes bounds the bytes read of one page for links; 0 means 32 MB.
	MaxBytes int64
	// MaxTotalBytes bounds the bytes read in the whole check; 0 means
	// 512 MB.
	MaxTotalBytes int64
	// MaxLinks bounds the number of distinct addresses kept to fetch;
	// 0 means one more than MaxFiles: more could never be fetched, and
	// the one more tells a check stopped by MaxFiles from a finished one.
	MaxLinks int
	// Timeout bounds the whole check; 0 means 10 minutes. The check stops
	// when it passes and says what it did not check.
	Timeout time.Duration
	// RequestTimeout bounds each request, its body included; 0 means 30
	// seconds.
	RequestTimeout time.Duration
}

// Bounds of the search index's manifest, as internal/search writes it:
// the manifest of a site of 100,000 documents is well under a megabyte.
const (
	maxManifestBytes = 4 << 20
	maxLinkBytes     = 2048 // a longer link is reported, not fetched
	maxHeaderBytes   = 1 << 20
)

// Problem is one thing wrong with the deployment.
type Problem struct {
	URL     string // "" for a problem of the whole check
	From    string // the page that links to URL, or "" for the start
	Message string
	// Link is set when the problem is the link itself (a missing file, an
	// unreadable address), so that where it comes from matters.
	Link bool
}

func (p Problem) String() string {
	switch {
	case p.URL == "":
		return p.Message
	case p.From == "":
		return p.URL + ": " + p.Message
	}
	return p.URL + ": " + p.Message + " (linked from " + p.From + ")"
}

// Report is the outcome of a check.
type Report struct {
	Base     string    // the site's address, normalised
	Fetched  int       // addresses fetched
	Pages    int       // of which HTML pages
	Bytes    int64     // bytes read
	Problems []Problem // sorted by URL; a truncated check adds one
	// Unlisted counts the problems found after the first 10,000, which
	// are not kept: a page of a million bad links costs no memory.
	Unlisted int
	// Truncated is set when a bound stopped the check before it had
	// fetched every address it found.
	Truncated bool
}

// SecurityHeaders are the response headers every file should carry, with
// the value each must have ("" for any value).
var SecurityHeaders = []struct{ Name, Value string }{
	{"Content-Security-Policy", ""},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", ""},
}

// types are the content types a file must be served with, by extension.
var types = map[string][]string{
	".html": {"text/html"},
	".css":  {"text/css"},
	".js":   {"text/javascript", "application/javascript", "application/x-javascript"},
	".svg":  {"image/svg+xml"},
	".png":  {"image/png"},
	".jpg":  {"image/jpeg"},
	".jpeg": {"image/jpeg"},
	".gif":  {"image/gif"},
	".webp": {"image/webp"},
	".ico":  {"image/x-icon", "image/vnd.microsoft.icon"},
	".xml":  {"application/xml", "text/xml"},
}

// maxProblems is the number of problems kept; the rest are counted. A
// variable so that a test can lower it.
var maxProblems = 10000

// errBudget stops the check when it has read MaxTotalBytes.
var errBudget = errors.New("byte budget spent")

// Check crawls the site at base, which should end in "/". It returns an
// error only for a bad address or when ctx is cancelled; a check stopped
// by one of its bounds is a report with Truncated set and a problem that
// says so.
func Check(ctx context.Context, base string, o Options) (*Report, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("%q is not an http or https address", base)
	}
	u.Fragment, u.RawQuery = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if !normalise(u) {
		return nil, fmt.Errorf("%q is not an address a site can be at", base)
	}
	if o.MaxFiles <= 0 {
		o.MaxFiles = 5000
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 32 << 20
	}
	if o.MaxTotalBytes <= 0 {
		o.MaxTotalBytes = 512 << 20
	}
	if o.MaxLinks <= 0 {
		o.MaxLinks = o.MaxFiles + 1
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Minute
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	runCtx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	c := &crawler{ctx: runCtx, base: u, o: o, seen: map[string]bool{}, rep: &Report{Base: u.String()}}
	// A server cannot make the check hold more than a megabyte of
	// response headers.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxResponseHeaderBytes = maxHeaderBytes
	client := http.Client{Transport: transport}
	if o.Client != nil {
		client = *o.Client
	}
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		// The next request goes to the normalised address, which is the
		// one checked.
		if len(via) >= 5 || !normalise(req.URL) || !c.inside(req.URL) {
			return http.ErrUseLastResponse
		}
		return nil
	}
	c.client = &client
	c.queue = append(c.queue, target{url: u.String()})
	c.seen[u.String()] = true
	stopped := ""
	for len(c.queue) > 0 {
		if c.rep.Fetched >= o.MaxFiles {
			stopped = fmt.Sprintf("the limit of %d files", o.MaxFiles)
			break
		}
		t := c.queue[0]
		c.queue[0] = target{}
		c.queue = c.queue[1:]
		err := c.fetch(t)
		if err := ctx.Err(); err != nil {
			return nil, err // the caller gave up
		}
		if runCtx.Err() != nil {
			stopped = fmt.Sprintf("the time limit of %s passed", o.Timeout)
			break
		}
		if errors.Is(err, errBudget) {
			stopped = fmt.Sprintf("read %s, the limit for one check", sizeText(o.MaxTotalBytes))
			break
		}
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(c.rep.Problems, func(i, j int) bool { return c.rep.Problems[i].URL < c.rep.Problems[j].URL })
	switch {
	case stopped != "":
		c.rep.Truncated = true
		c.rep.Problems = append(c.rep.Problems, Problem{Message: fmt.Sprintf(
			"stopped after %d %s (%s): not everything was checked", c.rep.Fetched, plural(c.rep.Fetched, "file", "files"), stopped)})
	case c.linksFull:
		c.rep.Truncated = true
		c.rep.Problems = append(c.rep.Problems, Problem{Message: fmt.Sprintf(
			"kept only the first %d addresses found, the limit for one check: not everything was checked", o.MaxLinks)})
	}
	return c.rep, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sizeText is n bytes in words, such as "32 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

type target struct{ url, from string }

type crawler struct {
	ctx       context.Context
	base      *url.URL
	o         Options
	client    *http.Client
	queue     []target
	seen      map[string]bool
	linksFull bool   // an address was dropped because MaxLinks were kept
	longOn    string // the last page found to have a link too long
	badOn     string // the last page found to have a link that is no address
	rep       *Report
}

// normalise resolves the dot segments of u's path, after decoding, and
// drops what a request must not carry: afterwards u.Path is the path the
// server is asked for ("%2e%2e/admin" under /sub/ is /admin, and is
// checked as such). It reports false for an address no server may be
// trusted to read as we do: a backslash or NUL in the path (some servers
// take "\" for "/"), a "..;" segment (which some read as ".."), or user
// information.
func normalise(u *url.URL) bool {
	if u.User != nil || u.Opaque != "" || strings.ContainsAny(u.Path, "\\\x00") {
		return false
	}
	segs := strings.Split(u.Path, "/")
	if len(segs) == 0 || segs[0] != "" {
		return false
	}
	out := make([]string, 0, len(segs))
	for i, s := range segs[1:] {
		last := i == len(segs)-2
		if strings.HasPrefix(s, "..;") || strings.HasPrefix(s, ".;") {
			return false
		}
		switch s {
		case ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
			continue
		}
		if last {
			out = append(out, "")
		}
	}
	u.Path, u.RawPath, u.Fragment = "/"+strings.Join(out, "/"), "", ""
	return true
}

// inside reports whether u, normalised, is under the site's address.
func (c *crawler) inside(u *url.URL) bool {
	return u.Scheme == c.base.Scheme && strings.EqualFold(u.Host, c.base.Host) && strings.HasPrefix(u.Path, c.base.Path)
}

func (c *crawler) problem(t target, link bool, format string, args ...any) {
	if len(c.rep.Problems) >= maxProblems {
		c.rep.Unlisted++
		return
	}
	c.rep.Problems = append(c.rep.Problems, Problem{URL: t.url, From: t.from, Link: link, Message: fmt.Sprintf(format, args...)})
}

// counter counts the bytes read of a response against the check's budget.
type counter struct {
	r    io.Reader
	n    int64 // read of this response
	c    *crawler
	over bool // the budget ran out while reading
}

func (r *counter) Read(p []byte) (int, error) {
	left := r.c.o.MaxTotalBytes - r.c.rep.Bytes
	if left <= 0 {
		r.over = true
		return 0, errBudget
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := r.r.Read(p)
	r.n += int64(n)
	r.c.rep.Bytes += int64(n)
	return n, err
}

func (c *crawler) fetch(t target) error {
	ctx, cancel := context.WithTimeout(c.ctx, c.o.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.url, nil)
	if err != nil {
		return err
	}
	c.rep.Fetched++
	resp, err := c.client.Do(req)
	if err != nil {
		if c.ctx.Err() != nil {
			return nil // the check's own deadline: Check says so
		}
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // without the address, which the line names
		}
		c.problem(t, true, "cannot fetch: %v", readError(c, err))
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.problem(t, true, "status %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		return nil
	}
	for _, h := range SecurityHeaders {
		got := resp.Header.Get(h.Name)
		switch {
		case got == "":
			c.problem(t, false, "no %s header", h.Name)
		case h.Value != "" && !strings.EqualFold(got, h.Value):
			c.problem(t, false, "%s is %q, want %q", h.Name, got, h.Value)
		}
	}
	ctype, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	want := expectedTypes(resp.Request.URL.Path)
	if want != nil && !slices.Contains(want, ctype) {
		c.problem(t, false, "served as %q, want %s", resp.Header.Get("Content-Type"), strings.Join(want, " or "))
	}
	from := resp.Request.URL
	switch p := from.Path; {
	case strings.HasSuffix(p, "/assets/js/search.js"):
		// The search script loads the index, which no page links to.
		c.add(t, from, "../../search/data/index.js")
	case strings.HasSuffix(p, "/search/data/index.js"):
		body := &counter{r: io.LimitReader(resp.Body, maxManifestBytes+1), c: c}
		data, err := io.ReadAll(body)
		switch {
		case body.over:
			return errBudget
		case c.ctx.Err() != nil:
			return nil // the check's own deadline: Check says so
		case err != nil:
			c.problem(t, false, "reading: %v", readError(c, err))
			return nil
		case len(data) > maxManifestBytes:
			c.problem(t, false, "search index manifest larger than %s: not read", sizeText(maxManifestBytes))
			return nil
		}
		pieces, err := indexPieces(data)
		if err != nil {
			c.problem(t, false, "unreadable search index: %v", err)
		}
		for _, piece := range pieces {
			c.add(t, from, piece)
		}
	case ctype == "text/html":
		c.rep.Pages++
		body := &counter{r: io.LimitReader(resp.Body, c.o.MaxBytes+1), c: c}
		err := links(body, func(l string) { c.add(t, from, l) })
		switch {
		case body.over:
			return errBudget
		case c.ctx.Err() != nil:
			return nil
		case err != nil:
			c.problem(t, false, "reading: %v", readError(c, err))
		case body.n > c.o.MaxBytes:
			c.problem(t, false, "larger than %s: the links after that were not checked", sizeText(c.o.MaxBytes))
		}
	}
	return nil
}

// readError is err, or what it means when the request's deadline passed.
func readError(c *crawler, err error) error {
	if errors.Is(err, context.DeadlineExceeded) && c.ctx.Err() == nil {
		return fmt.Errorf("no answer within %s", c.o.RequestTimeout)
	}
	return err
}

// add keeps the address l, found in t (at from), to fetch later if it is
// under the site's address and new.
func (c *crawler) add(t target, from *url.URL, l string) {
	if len(l) > maxLinkBytes {
		if c.longOn != t.url { // once for each page
			c.longOn = t.url
			c.problem(target{url: t.url}, false, "links longer than %d bytes, not followed", maxLinkBytes)
		}
		return
	}
	ref, err := url.Parse(l)
	if err != nil {
		if c.badOn != t.url { // once for each page
			c.badOn = t.url
			c.problem(target{url: t.url}, false, "links that are not valid addresses")
		}
		return
	}
	abs := from.ResolveReference(ref)
	if abs.Scheme != "http" && abs.Scheme != "https" {
		return // mailto:, data: ...
	}
	if !normalise(abs) || !c.inside(abs) {
		return // printed citations, never fetched by readers' pages
	}
	key := abs.String()
	if c.seen[key] {
		return
	}
	if len(c.seen) >= c.o.MaxLinks {
		c.linksFull = true
		return
	}
	c.seen[key] = true
	c.queue = append(c.queue, target{url: key, from: t.url})
}

// indexPieces lists the files of the search index named by its manifest
// (see internal/search), relative to the manifest. The manifest must be
// as the build writes it: every piece holds at least one document, so the
// starts of the pieces rise from 0 and stay below the number of
// documents, and the keys are unique and at most two characters.
func indexPieces(data []byte) ([]string, error) {
	s := strings.TrimSpace(string(data))
	const start = `riskguideSearch.add("index",`
	if !strings.HasPrefix(s, start) || !strings.HasSuffix(s, ");") {
		return nil, fmt.Errorf("not a search index manifest")
	}
	var m struct {
		N          int      `json:"n"`
		Keys       []string `json:"keys"`
		PairKeys   []string `json:"pairKeys"`
		MetaStarts []int    `json:"metaStarts"`
		TextStarts []int    `json:"textStarts"`
		Ver        string   `json:"ver"`
	}
	if err := json.Unmarshal([]byte(s[len(start):len(s)-2]), &m); err != nil {
		return nil, err
	}
	for _, ks := range []struct {
		name string
		keys []string
	}{{"keys", m.Keys}, {"pairKeys", m.PairKeys}} {
		seen := map[string]bool{}
		for _, k := range ks.keys {
			if utf8.RuneCountInString(k) > 2 || seen[k] {
				return nil, fmt.Errorf("%s: %q is not a key the build writes (at most two characters, once each)", ks.name, k)
			}
			seen[k] = true
		}
	}
	for _, st := range []struct {
		name   string
		starts []int
	}{{"metaStarts", m.MetaStarts}, {"textStarts", m.TextStarts}} {
		for i, v := range st.starts {
			if v < 0 || v >= m.N || (i == 0) != (v == 0) || i > 0 && v <= st.starts[i-1] {
				return nil, fmt.Errorf("%s: %d at %d is not the start of a piece (they rise from 0 and stay below n, %d)", st.name, v, i, m.N)
			}
		}
	}
	if len(m.Ver) > 64 {
		return nil, fmt.Errorf("ver: longer than the build writes")
	}
	names := []string{"f"}
	for _, k := range m.Keys {
		names = append(names, "t-"+k)
	}
	for _, k := range m.PairKeys {
		names = append(names, "b-"+k)
	}
	for i := range m.MetaStarts {
		names = append(names, fmt.Sprintf("m-%d", i))
	}
	for i := range m.TextStarts {
		names = append(names, fmt.Sprintf("x-%d", i))
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = url.PathEscape(n) + ".js"
		if m.Ver != "" {
			out[i] += "?v=" + url.QueryEscape(m.Ver)
		}
	}
	return out, nil
}

// expectedTypes are the types a file at p may have, or nil if any will do.
func expectedTypes(p string) []string {
	if strings.HasSuffix(p, "/") {
		return types[".html"]
	}
	return types[strings.ToLower(path.Ext(p))]
}

// links calls add with each address the page read from r loads or links
// to: a, link, script, img and source elements, and form actions. It reads
// the page as a stream, so a long page is never held whole.
func links(r io.Reader, add func(string)) error {
	z := html.NewTokenizer(r)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); err != io.EOF {
				return err
			}
			return nil
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		tag := string(name)
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch key := string(k); {
			case key == "href" && (tag == "a" || tag == "link"),
				key == "src" && (tag == "script" || tag == "img" || tag == "source"),
				key == "action" && tag == "form":
				if s := strings.TrimSpace(string(v)); s != "" {
					add(s)
				}
			}
		}
	}
}
