package build

import (
	"io/fs"
	"path/filepath"
	"sync"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/publish"
	"github.com/riskguide/riskguide/internal/render"
)

// incremental takes unchanged pages from the previous build into the new
// one: linked on disk, shared in memory. Its keep method is render's Keep;
// a nil *incremental keeps nothing and records nothing.
type incremental struct {
	prev *Result
	disk *publish.Output
	mem  *memoryOutput

	mu    sync.Mutex
	fps   map[string]uint64
	nkept int
	memo  *render.Memo // this build's Markdown conversions, for the next
}

// newIncremental returns nil for a build that is not incremental, and when
// fingerprints cannot be trusted: the site has layouts of its own, which
// may show anything on a page.
func newIncremental(src Source, o Options, disk *publish.Output, mem *memoryOutput) *incremental {
	if !o.Incremental || ownLayouts(src) {
		return nil
	}
	inc := &incremental{disk: disk, mem: mem, fps: map[string]uint64{}, memo: render.NewMemo()}
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
	if err := inc.reuse(path); err != nil {
		// The old file is gone or cannot be linked here: render it.
		return false, nil
	}
	inc.mu.Lock()
	inc.nkept++
	inc.mu.Unlock()
	return true, nil
}

// reuse puts the previous build's file at path into this build.
func (inc *incremental) reuse(path string) error {
	if inc.mem != nil {
		data, ok := inc.prev.Output[path]
		if !ok {
			return fs.ErrNotExist
		}
		return inc.mem.put(path, data)
	}
	if inc.prev.Out == "" {
		return fs.ErrNotExist
	}
	return inc.disk.Link(path, filepath.Join(inc.prev.Out, filepath.FromSlash(path)))
}

func (inc *incremental) kept() int {
	if inc == nil {
		return 0
	}
	return inc.nkept
}

// memos returns this build's memo and the previous build's, for render.
func (inc *incremental) memos() (this, prev *render.Memo) {
	if inc == nil {
		return nil, nil
	}
	if inc.prev != nil {
		prev = inc.prev.memo
	}
	return inc.memo, prev
}

func (inc *incremental) fingerprints() map[string]uint64 {
	if inc == nil {
		return nil
	}
	return inc.fps
}
