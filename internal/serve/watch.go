package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the folders of a site that a build reads.
var watched = []string{"content", "layouts", "checklists", "assets", "translations"}

// watcher follows every folder under a site's watched folders. fsnotify
// watches one folder at a time, so folders created later are added as they
// appear; the site folder itself is watched only to see a watched folder
// being created, removed or renamed.
type watcher struct {
	dir string
	fs  *fsnotify.Watcher
}

func newWatcher(dir string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{dir: dir, fs: fw}
	if err := fw.Add(dir); err != nil {
		fw.Close()
		return nil, err
	}
	for _, name := range watched {
		if err := w.addTree(filepath.Join(dir, name)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fs.Close() }

// addTree watches root and every folder below it. A root that does not exist
// (yet) is not an error.
func (w *watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.fs.Add(p)
	})
}

// relevant reports whether an event can change the site, and returns the
// file's path relative to the site folder. It starts watching new folders.
func (w *watcher) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false
	}
	rel, err := filepath.Rel(w.dir, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(watched, top) {
		return "", false
	}
	parts := strings.Split(rel, "/")
	for _, part := range parts[:len(parts)-1] {
		if strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	if ignored(parts[len(parts)-1]) {
		return "", false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// Files written into the new folder before its watch was added
			// are picked up by the rebuild this event causes.
			w.addTree(ev.Name)
		}
	}
	if ev.Has(fsnotify.Rename) {
		// A folder moved away would keep its watch under the old name; its
		// new name, if still inside the site, arrives as a Create. For a
		// file, which has no watch of its own, this fails harmlessly.
		w.fs.Remove(ev.Name)
	}
	return rel, true
}

// tempName matches the files editors write beside the one being saved:
// Vim's numbered write test (4913), backups (name~), Emacs autosaves
// (#name#), swap and part files, and JetBrains' safe-write copies.
var tempName = regexp.MustCompile(`^[0-9]+$|~$|^#.*#$|\.(swp|swx|swo|tmp|part|crdownload)$|___jb_(tmp|old)___$`)

// ignored reports whether a file or folder name is one no build reads: hidden
// names (the loader skips them, and they include Vim's .name.swp and Emacs'
// .#name locks) and editors' temporary files.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || tempName.MatchString(name)
}

// watch collects events and rebuilds after each batch, until the server
// stops.
func (s *Server) watch(w *watcher) {
	defer func() { w.close() }()
	changed := map[string]bool{}
	var opened time.Time // when the open batch began; zero when none is open
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	// add puts a change into the batch and moves its end: a quiet spell
	// after the last event, but no later than batchMax after the first.
	add := func(name string) {
		changed[name] = true
		now := time.Now()
		if opened.IsZero() {
			opened = now
		}
		timer.Reset(min(batchQuiet, opened.Add(batchMax).Sub(now)))
	}
	for {
		select {
		case <-s.quit:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Name == w.dir && ev.Has(fsnotify.Rename|fsnotify.Remove) {
				// The site folder itself moved: its watch is gone, and new
				// folders could no longer be found by name.
				w.close()
				if w = s.awaitReturn(w.dir); w == nil {
					return
				}
				clear(changed)
				s.rebuild([]string{"the site folder"})
				continue
			}
			if rel, ok := w.relevant(ev); ok {
				add(rel)
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				fmt.Fprintf(s.err, "watching %s: %v\n", w.dir, err)
				continue
			}
			// Too many changes at once (a checkout, a copied folder): some
			// were lost, perhaps new folders among them, so watch everything
			// again and rebuild.
			for _, name := range watched {
				w.addTree(filepath.Join(w.dir, name))
			}
			add("many files")
		case <-timer.C:
			opened = time.Time{}
			files := slices.Sorted(maps.Keys(changed))
			clear(changed)
			s.rebuild(files)
		}
	}
}

// lostInterval is how often serve looks for a site folder that was moved.
const lostInterval = 250 * time.Millisecond

// awaitReturn is called when the site folder dir was moved or renamed. It
// says so in the terminal and over every open page, since serve cannot know
// where the folder went, keeps serving the last build, and waits for the
// folder to come back under its name; it then watches it again. It returns
// nil when the server stops first.
func (s *Server) awaitReturn(dir string) *watcher {
	msg := fmt.Sprintf("the site folder %s was moved or renamed, so serve stopped watching it; the last build is still served. "+
		"Move it back and watching resumes, or run riskguide serve again in its new place.", dir)
	fmt.Fprintln(s.err, msg)
	s.hub.fail([]problem{{Message: msg}})
	tick := time.NewTicker(lostInterval)
	defer tick.Stop()
	for {
		select {
		case <-s.quit:
			return nil
		case <-tick.C:
		}
		if !s.sameFolder(dir) {
			continue
		}
		w, err := newWatcher(dir)
		if err != nil {
			continue
		}
		fmt.Fprintf(s.out, "the site folder is back at %s: watching it again\n", dir)
		return w
	}
}

// sameFolder reports whether dir names the folder the site is read from,
// which the build holds open (see generate.FindSource) wherever it is moved.
func (s *Server) sameFolder(dir string) bool {
	here, err := os.Stat(dir)
	if err != nil {
		return false
	}
	read, err := fs.Stat(s.src.FS, ".")
	return err == nil && os.SameFile(here, read)
}
