package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
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
// given, as an import edits translation files and `edition record` writes
// a record.
//
// A file is whole or absent, never half written: Replace writes a
// temporary file beside the one it replaces and renames it over it when
// Close succeeds, so an interrupted import leaves the translator's file as
// it was; NewFiles removes a file it created when writing it failed, so a
// second run does not find it "already there".
type Files struct {
	root    *os.Root
	replace bool
}

// NewFiles writes only new files into root.
func NewFiles(root *os.Root) *Files { return &Files{root: root} }

// Replace writes files into root, replacing those that exist.
func Replace(root *os.Root) *Files { return &Files{root: root, replace: true} }

// Create opens name for writing, making its folder if need be. The file is
// in place once Close returns nil.
func (f *Files) Create(name string) (io.WriteCloser, error) {
	if err := f.root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return nil, fmt.Errorf("making %s in %s: %w", path.Dir(name), f.root.Name(), err)
	}
	w := &rootFile{root: f.root, name: name, temp: name}
	if f.replace {
		// A name of our own beside the file: the rename that puts it in
		// place stays within one folder, so it is atomic.
		var b [8]byte
		rand.Read(b[:])
		w.temp = path.Join(path.Dir(name), "."+path.Base(name)+".tmp-"+hex.EncodeToString(b[:]))
	}
	file, err := f.root.OpenFile(w.temp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("writing %s in %s: %w", name, f.root.Name(), err)
	}
	w.file = file
	return w, nil
}

// rootFile is a file being written by Files: temp is where it is written,
// name where it belongs (the same name for a new file).
type rootFile struct {
	root       *os.Root
	file       *os.File
	name, temp string
	err        error // the first write that failed
}

func (w *rootFile) Write(p []byte) (int, error) {
	n, err := w.file.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// Close puts the file in place, or removes what was written when a write
// or the close failed.
func (w *rootFile) Close() error {
	err := errors.Join(w.err, w.file.Close())
	if err == nil && w.temp != w.name {
		err = w.root.Rename(w.temp, w.name)
	}
	if err != nil {
		w.root.Remove(w.temp)
		return fmt.Errorf("writing %s in %s: %w", w.name, w.root.Name(), err)
	}
	return nil
}
