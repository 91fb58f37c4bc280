package build

import (
	"io/fs"
	"path/filepath"
	"sync"

	"riskguide"
	"riskguide/internal/publish"
)

// incremental links unchanged pages from the previous build into the new
// one. Its keep method is render's Keep; a nil *incremental keeps nothing
// and records nothing.
type incremental struct {
	prev *Result
	out  *publish.Output

	mu    sync.Mutex
	fps   map[string]uint64
	nkept int
}

// newIncremental returns nil for a build that is not incremental, and when
// fingerprints cannot be trusted: the site has layouts of its own, which
// may show anything on a page.
func newIncremental(src Source, o Options, out *publish.Output) *incremental {
	if !o.Incremental || ownLayouts(src) {
		return nil
	}
	inc := &incremental{out: out, fps: map[string]uint64{}}
	if o.Previous != nil && o.Previous.fingerprints != nil {
		inc.prev = o.Previous
	}
	return inc
}

// ownLayouts reports whether a site folder has any file under layouts/.
func ownLayouts(src Source) bool {
	if src.FS == fs.FS(riskguide.Default) {
		return false
	}
	found := false
	fs.WalkDir(src.FS, "layouts", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

func (inc *incremental) keep(path string, fp uint64) (bool, error) {
	inc.mu.Lock()
	inc.fps[path] = fp
	inc.mu.Unlock()
	if inc.prev == nil {
		return false, nil
	}
	if old, ok := inc.prev.fingerprints[path]; !ok || old != fp {
		return false, nil
	}
	if err := inc.out.Link(path, filepath.Join(inc.prev.Out, filepath.FromSlash(path))); err != nil {
		// The old file is gone or cannot be linked here: render it.
		return false, nil
	}
	inc.mu.Lock()
	inc.nkept++
	inc.mu.Unlock()
	return true, nil
}

func (inc *incremental) kept() int {
	if inc == nil {
		return 0
	}
	return inc.nkept
}

func (inc *incremental) fingerprints() map[string]uint64 {
	if inc == nil {
		return nil
	}
	return inc.fps
}
