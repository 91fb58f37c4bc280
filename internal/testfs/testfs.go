// Package testfs gives tests a copy of the built-in site they may change.
// Only tests import it, so that testing/fstest stays out of the program.
package testfs

import (
	"io/fs"
	"testing/fstest"

	riskguide "github.com/riskguide/riskguide"
)

// DefaultCopy returns a copy of riskguide.Default in memory, whose files a
// test may change (a setting added to content/site.yaml, a file replaced)
// without touching the embedded site.
func DefaultCopy() (fstest.MapFS, error) {
	m := fstest.MapFS{}
	err := fs.WalkDir(riskguide.Default, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(riskguide.Default, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	return m, err
}
