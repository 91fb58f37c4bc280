package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/riskguide/riskguide/internal/site"
)

// problem is one build problem as the browser overlay shows it.
type problem struct {
	Pos     string `json:"pos,omitempty"`
	Message string `json:"message"`
}

func (p problem) String() string {
	if p.Pos == "" {
		return p.Message
	}
	return p.Pos + ": " + p.Message
}

// problemsOf turns a failed build's error into problems: every diagnostic
// with its position, or the error itself.
func problemsOf(err error) []problem {
	var diags site.Diagnostics
	if errors.As(err, &diags) {
		out := make([]problem, len(diags))
		for i, d := range diags {
			out[i] = problem{Pos: d.Pos.String(), Message: d.Message}
		}
		return out
	}
	return []problem{{Message: err.Error()}}
}

// event is one Server-Sent Event.
type event struct {
	name string
	data []byte
}

func newEvent(name string, v any) event {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain structs of strings are sent
	}
	return event{name, data}
}

// hub knows the state of the preview (the build served, the problems of the
// last build if it failed) and passes every change to the connected browsers.
type hub struct {
	mu       sync.Mutex
	build    string
	problems []problem // nil when the last build succeeded
	// clients are the connected pages, each with its path from the output
	// root ("" when the page did not say).
	clients map[chan event]string
}

func newHub() *hub { return &hub{clients: map[chan event]string{}} }

// pages returns the set of the pages open in a browser, by output path.
func (h *hub) pages() map[string]bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	open := map[string]bool{}
	for _, p := range h.clients {
		if p != "" {
			open[p] = true
		}
	}
	return open
}

func (h *hub) good(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.build, h.problems = id, nil
	h.send(newEvent("reload", map[string]string{"build": id}))
}

func (h *hub) fail(problems []problem) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.problems = problems
	h.send(newEvent("error", map[string][]problem{"problems": problems}))
}

func (h *hub) currentBuild() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.build
}

// send must be called with h.mu held. A client too slow to take an event
// misses it; the next one it takes tells it the state anyway.
func (h *hub) send(e event) {
	for c := range h.clients {
		select {
		case c <- e:
		default:
		}
	}
}

// subscribe registers a client and returns the events that describe the
// current state, so that a page opened while the content is broken shows
// the problems at once.
func (h *hub) subscribe(page string) (chan event, []event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan event, 16)
	h.clients[c] = page
	first := []event{newEvent("hello", map[string]string{"build": h.build})}
	if h.problems != nil {
		first = append(first, newEvent("error", map[string][]problem{"problems": h.problems}))
	}
	return c, first
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// keepAlive is how often an idle event stream is sent a comment, so that a
// client that has gone away is noticed.
const keepAlive = 20 * time.Second

// events streams the hub's events to one browser until it disconnects or
// the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	c, first := s.hub.subscribe(pageOf(r.URL.Query().Get("page")))
	defer s.hub.unsubscribe(c)

	// A browser retries a dropped stream after retry milliseconds; after a
	// restart of serve, the new hello tells the page to reload.
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	for _, e := range first {
		if writeEvent(w, e) != nil {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case e := <-c:
			err = writeEvent(w, e)
		case <-tick.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}

// pageOf turns the path of an open page, as reload.js gives it, into the
// output path of its file: a folder's is its index.html.
func pageOf(p string) string {
	if p == "" || !strings.HasPrefix(p, "/") {
		return ""
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || !strings.HasSuffix(name, ".html") {
		name = strings.TrimPrefix(name+"/index.html", "/")
	}
	return name
}

func writeEvent(w http.ResponseWriter, e event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
	return err
}
