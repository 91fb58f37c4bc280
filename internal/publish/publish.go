// Package publish is where every file riskguide writes goes: a build's
// output folder on disk (Folder), memory for the live preview (Memory), or
// new files in a site folder (Files: starters, imported translations, a
// new site). All are written the same way, one file at a time through an
// Output, and are the only writers of files.
//
// A Folder is written into a fresh temporary folder beside the output
// folder; only when every file has been written is the temporary folder
// swapped in, so a failed build leaves the previous output exactly as it was.
package publish

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/riskguide/riskguide/internal/site"
)

// Output receives files: Create opens one, path slash-separated from the
// folder's root; the file is complete once Close returns nil. Create may
// be called from several goroutines.
type Output interface {
	Create(path string) (io.WriteCloser, error)
}

// WriteFile writes one whole file to out.
func WriteFile(out Output, path string, data []byte) error {
	w, err := out.Create(path)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// Folder collects the files of one build in a staging folder.
type Folder struct {
	dir     string // the final output folder
	staging string
	// root is the staging folder, through which every file is written:
	// os.Root follows no symbolic link out of it and refuses a name that
	// climbs out, whatever appears in the folder while the build runs.
	root  *os.Root
	files atomic.Int64
	bytes atomic.Int64
}

// Begin starts a build whose result will replace dir. The staging folder is
// created next to dir, on the same file system, so the swap is a rename.
func Begin(dir string) (*Folder, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		os.RemoveAll(staging)
		return nil, err
	}
	root, err := os.OpenRoot(staging)
	if err != nil {
		os.RemoveAll(staging)
		return nil, err
	}
	return &Folder{dir: dir, staging: staging, root: root}, nil
}

// Create opens one file for writing, making its folder as needed; name is
// slash-separated and relative to the output root. The file counts once
// closed. It is safe for concurrent use.
func (o *Folder) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	if err := o.root.MkdirAll(filepath.Dir(filepath.FromSlash(name)), 0o755); err != nil {
		return nil, err
	}
	f, err := o.root.OpenFile(filepath.FromSlash(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &file{f: f, o: o}, nil
}

// file counts what is written through it.
type file struct {
	f *os.File
	o *Folder
	n int64
}

func (f *file) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	f.n += int64(n)
	return n, err
}

func (f *file) Close() error {
	if err := f.f.Close(); err != nil {
		return err
	}
	f.o.files.Add(1)
	f.o.bytes.Add(f.n)
	return nil
}

// checkName refuses a name that would leave the output root, and one that
// could not be copied to a Windows share as it is: every output path is
// slash-separated, and each of its parts a portable name.
func checkName(name string) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	for elem := range strings.SplitSeq(name, "/") {
		if err := site.PortableName(elem); err != nil {
			return fmt.Errorf("refusing to write %q: %v", name, err)
		}
	}
	return nil
}

// Files and Bytes count what has been written.
func (o *Folder) Files() int64 { return o.files.Load() }

// Bytes is the total size of the files written.
func (o *Folder) Bytes() int64 { return o.bytes.Load() }

// Abort discards the staging folder; the output folder is not touched.
func (o *Folder) Abort() error {
	o.root.Close()
	return os.RemoveAll(o.staging)
}

// Commit swaps the staging folder in as the output folder. The old output is
// moved aside first and removed only after the new one is in place.
func (o *Folder) Commit() error {
	o.root.Close()
	old := ""
	if _, err := os.Lstat(o.dir); err == nil {
		old = o.staging + ".old"
		if err := os.Rename(o.dir, old); err != nil {
			o.Abort()
			return fmt.Errorf("moving the previous output aside: %w", err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		o.Abort()
		return err
	}
	if err := os.Rename(o.staging, o.dir); err != nil {
		if old != "" {
			os.Rename(old, o.dir)
		}
		o.Abort()
		return fmt.Errorf("putting the new output in place: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
