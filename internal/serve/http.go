package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"mime"
	"net"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

var (
	//go:embed reload.js
	reloadJS []byte
	//go:embed reload.css
	reloadCSS []byte
)

// buildPlaceholder is the string in reload.js that is replaced by the id of
// the build a page came from.
const buildPlaceholder = `"__RISKGUIDE_BUILD__"`

// contentTypes fixes the type of the files a site is made of, so that it
// does not depend on the machine's MIME tables; other files fall back to
// them, and then to application/octet-stream (never to sniffing).
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff2": "font/woff2",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP answers the preview's requests: the current build's files and
// the server's own paths under /_riskguide/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// A preview must always show the latest build, and should fail the way a
	// well-configured host would: the site promises to work under this CSP.
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'self'")
	h.Set("Referrer-Policy", "no-referrer")
	// The drafts are for the preview's own pages only. A page on another
	// origin may include any address as a script (no CORS applies to
	// <script src>): the search index's pieces would then hand it every
	// draft's text through a riskguideSearch of its own. CORP same-origin
	// makes the browser drop such a response, also from another port on
	// this machine (same site, other origin) and from a file:// page.
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		// A browser says where a request comes from; one from another
		// site, or from a file:// page, is not answered at all.
		http.Error(w, "riskguide serve answers only its own pages. Open "+
			"the preview by typing its address in the browser.", http.StatusForbidden)
		return
	}

	if !s.hosts.allow(r.Host) {
		// A page on another site that has pointed a name of its own at
		// this machine (DNS rebinding) gets nothing: not the drafts, not
		// the problems, not the event stream.
		http.Error(w, "riskguide serve answers only requests addressed to localhost, 127.0.0.1, [::1], the address it listens on, "+
			"and the names given with --allow-host. To preview the site under another name, start serve with --allow-host NAME.",
			http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || slices.Contains(strings.Split(p, "/"), "..") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch p {
	case "/_riskguide/events":
		s.events(w, r)
	case "/_riskguide/reload.js":
		id, _ := json.Marshal(s.hub.currentBuild())
		body := bytes.Replace(reloadJS, []byte(buildPlaceholder), id, 1)
		serveBytes(w, r, "reload.js", body)
	case "/_riskguide/reload.css":
		serveBytes(w, r, "reload.css", reloadCSS)
	default:
		if strings.HasPrefix(p, "/_riskguide/") {
			s.notFound(w, r)
			return
		}
		s.file(w, r, p)
	}
}

// hostNames are the names in a request's Host header that the preview
// answers to.
type hostNames struct {
	names map[string]bool
	// anyIP accepts every IP address, as a server listening on all
	// addresses is reached by any of the machine's. An address cannot be
	// pointed elsewhere, as a name can.
	anyIP bool
}

func newHostNames(bind string, allow []string) hostNames {
	h := hostNames{names: map[string]bool{}}
	for _, name := range append([]string{"localhost", "127.0.0.1", "::1", bind}, allow...) {
		h.names[canonicalHost(name)] = true
	}
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		h.anyIP = true
	}
	return h
}

// canonicalHost is a host name without port, brackets, final dot or
// capitals.
func canonicalHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

func (h hostNames) allow(host string) bool {
	name := canonicalHost(host)
	if name == "" {
		return false
	}
	return h.names[name] || h.anyIP && net.ParseIP(name) != nil
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, body []byte) {
	w.Header().Set("Content-Type", contentType(name))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// file serves p from the current build. A folder is served as its
// index.html, reached with a trailing slash so that the page's relative
// links resolve; there are no folder listings.
func (s *Server) file(w http.ResponseWriter, r *http.Request, p string) {
	b := s.snapshotNow()
	if b == nil {
		s.unbuilt(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	data, ok := b.files[name]
	if !ok {
		index := path.Join(name, "index.html")
		if data, ok = b.files[index]; !ok {
			s.notFound(w, r)
			return
		}
		if !strings.HasSuffix(p, "/") {
			// The cleaned path: "//about" + "/" would name another host.
			target := "/" + name + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = index
	}
	serveBytes(w, r, name, data)
}

// notice is the page serve itself shows: "not found", or the problems that
// keep the site from building. It loads the reload script, so that it
// changes into the real page as soon as there is one.
var notice = template.Must(template.New("notice").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · riskguide preview</title>
<link rel="stylesheet" href="/_riskguide/reload.css">
<script src="/_riskguide/reload.js" defer></script>
</head>
<body class="riskguide-notice">
<main>
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
{{- with .Problems}}
<ul>
{{- range .}}
<li><code>{{.}}</code></li>
{{- end}}
</ul>
{{- end}}
{{- if .Home}}
<p><a href="/">Go to the home page</a></p>
{{- end}}
</main>
</body>
</html>
`))

type noticePage struct {
	Title, Text string
	Problems    []problem
	Home        bool
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.writeNotice(w, r, http.StatusNotFound, noticePage{
		Title: "Page not found",
		Text:  "There is nothing at " + r.URL.Path + " in this build of the site.",
		Home:  true,
	})
}

// unbuilt answers every request while no build has succeeded.
func (s *Server) unbuilt(w http.ResponseWriter, r *http.Request) {
	s.hub.mu.Lock()
	problems := s.hub.problems
	s.hub.mu.Unlock()
	s.writeNotice(w, r, http.StatusInternalServerError, noticePage{
		Title:    "The site could not be built",
		Text:     "Fix these problems and the site appears here by itself.",
		Problems: problems,
	})
}

func (s *Server) writeNotice(w http.ResponseWriter, r *http.Request, status int, page noticePage) {
	var b bytes.Buffer
	if err := notice.Execute(&b, page); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType(".html"))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}
