package publish

import (
	"fmt"
	"io"
	"os"
	"path"
)

// Files writes into a folder the user keeps, such as a site folder: every
// file through an os.Root, which follows no symbolic link out of the
// folder and refuses a name that climbs out of it, with the folders it
// needs. NewFiles never replaces a file (each is created new, and one that
// is there already is an error, named); Replace replaces the files it is
// given, as an import edits translation files.
type Files struct {
	root    *os.Root
	replace bool
}

// NewFiles writes only new files into root.
func NewFiles(root *os.Root) *Files { return &Files{root: root} }

// Replace writes files into root, replacing those that exist.
func Replace(root *os.Root) *Files { return &Files{root: root, replace: true} }

// Create opens name for writing, making its folder if need be.
func (f *Files) Create(name string) (io.WriteCloser, error) {
	if err := f.root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return nil, fmt.Errorf("making %s in %s: %w", path.Dir(name), f.root.Name(), err)
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if f.replace {
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	file, err := f.root.OpenFile(name, flag, 0o644)
	if err != nil {
		return nil, fmt.Errorf("writing %s in %s: %w", name, f.root.Name(), err)
	}
	return file, nil
}
