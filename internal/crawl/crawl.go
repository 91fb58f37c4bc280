// Package crawl checks a deployed copy of a site over HTTP, as a hoster
// would after copying it to a web server: starting at the site's address it
// fetches every page, stylesheet, script and image that the pages link to,
// staying under that address, and reports missing files, wrong content
// types and missing security headers (those docs/hosting.md recommends).
package crawl

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Options configure a check.
type Options struct {
	// Client makes the requests; nil means a client that does not follow
	// redirects off the site.
	Client *http.Client
	// MaxFiles bounds the number of addresses fetched; 0 means 5000.
	MaxFiles int
	// MaxBytes bounds the size of a page read for links; 0 means 64 MB.
	MaxBytes int64
}

// Problem is one thing wrong with the deployment.
type Problem struct {
	URL     string
	From    string // the page that links to URL, or "" for the start
	Message string
}

func (p Problem) String() string {
	if p.From == "" {
		return p.URL + ": " + p.Message
	}
	return p.URL + ": " + p.Message + " (linked from " + p.From + ")"
}

// Report is the outcome of a check.
type Report struct {
	Fetched  int       // addresses fetched
	Pages    int       // of which HTML pages
	Problems []Problem // sorted by URL
	// Truncated is set when MaxFiles stopped the crawl.
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

// Check crawls the site at base, which should end in "/".
func Check(ctx context.Context, base string, o Options) (*Report, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http or https address", base)
	}
	u.Fragment, u.RawQuery = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if o.MaxFiles <= 0 {
		o.MaxFiles = 5000
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 64 << 20
	}
	c := &crawler{ctx: ctx, base: u, o: o, seen: map[string]bool{}, rep: &Report{}}
	if c.client = o.Client; c.client == nil {
		c.client = &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 || !c.inside(req.URL) {
				return http.ErrUseLastResponse
			}
			return nil
		}}
	}
	c.queue = append(c.queue, target{url: u.String()})
	c.seen[u.String()] = true
	for len(c.queue) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := c.queue[0]
		c.queue = c.queue[1:]
		if c.rep.Fetched >= o.MaxFiles {
			c.rep.Truncated = true
			break
		}
		if err := c.fetch(t); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(c.rep.Problems, func(i, j int) bool { return c.rep.Problems[i].URL < c.rep.Problems[j].URL })
	return c.rep, nil
}

type target struct{ url, from string }

type crawler struct {
	ctx    context.Context
	base   *url.URL
	o      Options
	client *http.Client
	queue  []target
	seen   map[string]bool
	rep    *Report
}

// inside reports whether u is under the site's address.
func (c *crawler) inside(u *url.URL) bool {
	return u.Scheme == c.base.Scheme && u.Host == c.base.Host && strings.HasPrefix(u.Path, c.base.Path)
}

func (c *crawler) problem(t target, format string, args ...any) {
	c.rep.Problems = append(c.rep.Problems, Problem{URL: t.url, From: t.from, Message: fmt.Sprintf(format, args...)})
}

func (c *crawler) fetch(t target) error {
	req, err := http.NewRequestWithContext(c.ctx, http.MethodGet, t.url, nil)
	if err != nil {
		return err
	}
	c.rep.Fetched++
	resp, err := c.client.Do(req)
	if err != nil {
		if c.ctx.Err() != nil {
			return c.ctx.Err()
		}
		c.problem(t, "cannot fetch: %v", err)
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.problem(t, "status %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		return nil
	}
	for _, h := range SecurityHeaders {
		got := resp.Header.Get(h.Name)
		switch {
		case got == "":
			c.problem(t, "no %s header", h.Name)
		case h.Value != "" && !strings.EqualFold(got, h.Value):
			c.problem(t, "%s is %q, want %q", h.Name, got, h.Value)
		}
	}
	ctype, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	want := expectedTypes(resp.Request.URL.Path)
	if want != nil && !contains(want, ctype) {
		c.problem(t, "served as %q, want %s", resp.Header.Get("Content-Type"), strings.Join(want, " or "))
	}
	var found []string
	switch p := resp.Request.URL.Path; {
	case strings.HasSuffix(p, "/assets/js/search.js"):
		// The search script loads the index, which no page links to.
		found = append(found, "../../search/data/index.js")
	case strings.HasSuffix(p, "/search/data/index.js"):
		body, err := io.ReadAll(io.LimitReader(resp.Body, c.o.MaxBytes))
		if err != nil {
			c.problem(t, "reading: %v", err)
			return nil
		}
		pieces, err := indexPieces(body)
		if err != nil {
			c.problem(t, "unreadable search index: %v", err)
		}
		found = append(found, pieces...)
	case ctype == "text/html":
		c.rep.Pages++
		body, err := io.ReadAll(io.LimitReader(resp.Body, c.o.MaxBytes))
		if err != nil {
			c.problem(t, "reading: %v", err)
			return nil
		}
		found = links(string(body))
	}
	for _, l := range found {
		ref, err := url.Parse(l)
		if err != nil {
			c.problem(t, "bad link %q", l)
			continue
		}
		abs := resp.Request.URL.ResolveReference(ref)
		abs.Fragment = ""
		if abs.Scheme != "http" && abs.Scheme != "https" {
			continue // mailto:, data: ...
		}
		if !c.inside(abs) {
			continue // printed citations, never fetched by readers' pages
		}
		key := abs.String()
		if !c.seen[key] {
			c.seen[key] = true
			c.queue = append(c.queue, target{url: key, from: t.url})
		}
	}
	return nil
}

// indexPieces lists the files of the search index named by its manifest
// (see internal/search), relative to the manifest.
func indexPieces(data []byte) ([]string, error) {
	s := strings.TrimSpace(string(data))
	const start = `riskguideSearch.add("index",`
	if !strings.HasPrefix(s, start) || !strings.HasSuffix(s, ");") {
		return nil, fmt.Errorf("not a search index manifest")
	}
	var m struct {
		Keys       []string `json:"keys"`
		PairKeys   []string `json:"pairKeys"`
		MetaStarts []int    `json:"metaStarts"`
		TextStarts []int    `json:"textStarts"`
		Ver        string   `json:"ver"`
	}
	if err := json.Unmarshal([]byte(s[len(start):len(s)-2]), &m); err != nil {
		return nil, err
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// links returns the addresses a page loads or links to: a, link, script,
// img and source elements, and form actions.
func links(doc string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
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
					out = append(out, s)
				}
			}
		}
	}
}
