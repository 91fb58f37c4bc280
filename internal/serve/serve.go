// Package serve is riskguide's live preview: it builds a site, serves it over
// HTTP, watches the source folders and, after every change, rebuilds the
// site and tells open browsers to reload. Every rebuild is a whole build:
// a full build is fast enough (docs/benchmarks.md), and so the preview can
// never show a page that a layout or a change elsewhere has made stale.
//
// Builds are kept in memory, never on disk, so that a rebuild does not wait
// for the disk: on a slow disk, writing ten thousand pages took longer than
// rendering them. Each build is never changed once made; a request reads from
// the build that was current when it arrived, so a rebuild never makes a
// request see a half-made site, and a replaced build is freed once no request
// uses it. A failed build changes nothing that is served: the terminal shows
// its problems, and so does every open page, over the last good build, until
// a build succeeds.
//
// Besides the site, the server answers three paths of its own, which a build
// for publishing never contains:
//
//	/_riskguide/reload.js   the live-reload script every page loads
//	/_riskguide/reload.css  the look of the problem overlay
//	/_riskguide/events      Server-Sent Events: hello, reload and error
//
// On connecting, a client is sent "hello" with the current build's id, then
// "error" at once if the content is broken. After each good build every client
// is sent "reload"; after each failed one, "error" with the problems as JSON:
// {"problems":[{"pos":"content/roles.yaml:2:9","message":"..."}]}.
package serve

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/riskguide/riskguide/internal/generate"
)

// Options configure a preview server.
type Options struct {
	// Source is the site folder; empty means the current folder when it has
	// content/, and otherwise the built-in default site, which is served
	// but not watched.
	Source string
	// Bind is the address to listen on; empty means 127.0.0.1, so that the
	// preview is not reachable from other machines.
	Bind string
	// Port is the TCP port; 0 picks a free one.
	Port int
	// AllowHosts are host names, besides localhost, 127.0.0.1, [::1] and
	// the bound address, that requests may be addressed to (the Host
	// header). Any other name is refused, so that a web page cannot read
	// the preview by pointing a name of its own at this machine.
	AllowHosts []string
	// Out receives the address and a line per rebuild; nil discards them.
	Out io.Writer
	// Err receives the problems of failed builds; nil discards them.
	Err io.Writer
}

// Events are collected into batches, and each batch is one rebuild. A batch
// ends when events pause for batchQuiet, which is plenty for an editor's save
// (a write, or a temporary file renamed over the original, then a chmod:
// microseconds apart), and at most batchMax after it began, so that a stream
// of events cannot put the rebuild off.
const (
	batchQuiet = 20 * time.Millisecond
	batchMax   = 50 * time.Millisecond
)

// reloadScript is the script every page of a preview build loads, as a path
// from the site root.
const reloadScript = "_riskguide/reload.js"

// Server is a running preview.
type Server struct {
	src      generate.Source
	watchDir string // the site folder, or "" for the built-in site
	out, err io.Writer
	instance string // tells this run's builds from an earlier run's
	seq      int    // builds attempted, for build ids
	// gen counts the builds begun, so that a background build knows it
	// was overtaken by a newer edit.
	gen   atomic.Int64
	outMu sync.Mutex // one message at a time on out and err

	mu      sync.Mutex
	current *snapshot // nil until a build has succeeded

	hosts    hostNames // the names requests may be addressed to
	hub      *hub
	listener net.Listener
	http     *http.Server
	quit     chan struct{} // closed on shutdown, ending event streams
	done     chan struct{}
	runErr   error
}

// snapshot is one finished build: its files by path, never changed.
type snapshot struct {
	files map[string][]byte
	id    string
}

// Start builds the site, starts listening and watching, and returns once the
// site can be requested. It stops when ctx is cancelled; Wait then returns
// once it has.
//
// A site folder whose content is broken at the start is still served: every
// page shows the problems until they are fixed. The built-in site has nothing
// to fix, so its failure to build is returned.
func Start(ctx context.Context, o Options) (*Server, error) {
	src, err := generate.FindSource(o.Source)
	if err != nil {
		return nil, err
	}
	s := &Server{src: src, out: o.Out, err: o.Err, hub: newHub(), quit: make(chan struct{}), done: make(chan struct{})}
	if s.out == nil {
		s.out = io.Discard
	}
	if s.err == nil {
		s.err = io.Discard
	}
	if src.FS != generate.DefaultSource().FS {
		// By its full path: "." would go on naming the folder serve
		// runs in after it is renamed.
		if s.watchDir, err = filepath.Abs(src.Dir); err != nil {
			return nil, err
		}
	}
	s.instance = newInstanceID()

	// Watch before the first build, so that an edit made during it is not
	// missed.
	var w *watcher
	if s.watchDir != "" {
		if w, err = newWatcher(s.watchDir); err != nil {
			return nil, fmt.Errorf("watching %s: %w", s.watchDir, err)
		}
	}
	closeWatcher := func() {
		if w != nil {
			w.close()
		}
	}
	if err := s.rebuild(nil); err != nil && s.watchDir == "" {
		closeWatcher()
		return nil, err
	}
	bind := cmp.Or(o.Bind, "127.0.0.1")
	s.hosts = newHostNames(bind, o.AllowHosts)
	s.listener, err = net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(o.Port)))
	if err != nil {
		closeWatcher()
		return nil, err
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}

	served := make(chan error, 1)
	go func() { served <- s.http.Serve(s.listener) }()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		if w != nil {
			s.watch(w)
		}
	}()
	go func() {
		var err error
		select {
		case <-ctx.Done():
		case err = <-served:
		}
		close(s.quit)
		<-watched
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if e := s.http.Shutdown(shutdown); e != nil {
			s.http.Close()
		}
		cancel()
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.runErr = err
		}
		close(s.done)
	}()

	fmt.Fprintf(s.out, "Serving %s at %s  Press Ctrl-C to stop\n", src.Name, s.URL())
	if s.watchDir == "" {
		fmt.Fprintln(s.out, "There is no content/ folder here, so nothing is watched: run 'riskguide new DIR' for an editable copy.")
	}
	return s, nil
}

// URL is the preview's address, ending in a slash.
func (s *Server) URL() string { return "http://" + s.listener.Addr().String() + "/" }

// Wait blocks until the server has stopped.
func (s *Server) Wait() error {
	<-s.done
	return s.runErr
}

// rebuild builds the site and, if that succeeds, makes it the one served and
// tells the browsers to reload. changed lists the files that prompted it,
// for the message.
//
// After an edit, while pages are open in browsers, the open pages are built
// first, from the whole site read and checked again, and served with the
// rest of the last build while the browsers reload; every page is then
// built in the background and replaces the lot, under the same build id
// (the open pages come out the same). So a browser waits for its own page,
// not for all of them: on a site of 500 recommendations that is a tenth
// of the work. A newer edit abandons the background build.
func (s *Server) rebuild(changed []string) error {
	s.seq++
	gen := s.gen.Add(1)
	start := time.Now()
	id := s.instance + "-" + strconv.Itoa(s.seq)
	if open := s.hub.pages(); len(changed) > 0 && len(open) > 0 && s.snapshotNow() != nil {
		return s.rebuildOpen(changed, open, gen, id, start)
	}
	res, err := generate.BuildSource(s.src, generate.Options{
		Memory: true, HeadScripts: []string{reloadScript},
	})
	if err != nil {
		s.report(err)
		return err
	}
	s.mu.Lock()
	s.current = &snapshot{files: res.Output, id: id}
	s.mu.Unlock()
	s.hub.good(id)
	s.say(changed, fmt.Sprintf("%d pages", res.Pages), start)
	return nil
}

// rebuildOpen builds the pages open in browsers, serves them with the rest
// of the last build, and starts the build of every page.
func (s *Server) rebuildOpen(changed []string, open map[string]bool, gen int64, id string, start time.Time) error {
	res, err := generate.BuildSource(s.src, generate.Options{
		Memory: true, HeadScripts: []string{reloadScript},
		Only: func(p string) bool { return open[p] },
	})
	if err != nil {
		s.report(err)
		return err
	}
	s.mu.Lock()
	files := maps.Clone(s.current.files)
	maps.Copy(files, res.Output)
	s.current = &snapshot{files: files, id: id}
	s.mu.Unlock()
	s.hub.good(id)
	s.say(changed, fmt.Sprintf("%d open %s", res.Pages, plural(res.Pages, "page", "pages")), start)
	go func() {
		start := time.Now()
		stale := func() bool { return s.gen.Load() != gen }
		res, err := generate.BuildSource(s.src, generate.Options{
			Memory: true, HeadScripts: []string{reloadScript}, Abandoned: stale,
		})
		if errors.Is(err, generate.ErrAbandoned) || stale() {
			return
		}
		if err != nil {
			// A page that is not open has a problem the open ones have not.
			s.report(err)
			return
		}
		s.mu.Lock()
		if !stale() {
			s.current = &snapshot{files: res.Output, id: id}
		}
		s.mu.Unlock()
		s.say(nil, fmt.Sprintf("all %d pages", res.Pages), start)
	}()
	return nil
}

// report tells the console and the browsers about a failed build.
func (s *Server) report(err error) {
	problems := problemsOf(err)
	s.outMu.Lock()
	defer s.outMu.Unlock()
	for _, p := range problems {
		fmt.Fprintln(s.err, p)
	}
	then := "still serving the last good build"
	if s.snapshotNow() == nil {
		then = "nothing to serve until fixed"
	}
	fmt.Fprintf(s.err, "%d %s; %s\n", len(problems), plural(len(problems), "problem", "problems"), then)
	s.hub.fail(problems)
}

// say tells the console what was built, and how fast.
func (s *Server) say(changed []string, what string, start time.Time) {
	took := time.Since(start).Round(time.Millisecond)
	s.outMu.Lock()
	defer s.outMu.Unlock()
	switch {
	case len(changed) == 0:
		fmt.Fprintf(s.out, "built %s in %s\n", what, took)
	case len(changed) == 1:
		fmt.Fprintf(s.out, "%s changed: rebuilt %s in %s\n", changed[0], what, took)
	default:
		fmt.Fprintf(s.out, "%s and %d more changed: rebuilt %s in %s\n", changed[0], len(changed)-1, what, took)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// snapshotNow returns the build requests read from; nil when no build has
// succeeded yet.
func (s *Server) snapshotNow() *snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current
}

func newInstanceID() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}
