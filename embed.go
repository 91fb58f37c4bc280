// Package riskguide embeds the default site: the European guidance on police
// risk management of intimate partner violence (content/ and checklists/),
// and the default layouts and assets every site builds on. The tool itself
// lives in cmd/riskguide and internal/.
package riskguide

import (
	"embed"
	"io/fs"
	"testing/fstest"
)

// Default is the default site and theme. It sits at the module root because
// an embed directive cannot reach into parent folders.
//
//go:embed content checklists layouts assets
var Default embed.FS

// DefaultCopy returns a copy of Default in memory, whose files a test or a
// tool may change (a setting added to content/site.yaml, a file replaced)
// without touching the embedded site.
func DefaultCopy() (fstest.MapFS, error) {
	m := fstest.MapFS{}
	err := fs.WalkDir(Default, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Default, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	return m, err
}
