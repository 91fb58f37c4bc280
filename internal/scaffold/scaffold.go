// Package scaffold writes a new site folder: a copy of the default content
// and checklists, ready to edit. Layouts and assets are not copied: the site
// keeps using the built-in ones, and overrides any of them by adding a file
// of the same name.
package scaffold

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	riskguide "github.com/riskguide/riskguide"
)

// readme explains the new folder to its editor.
const readme = `# My guidance site

Edit the YAML and Markdown under content/ and checklists/, then run

    riskguide serve     # live preview at http://127.0.0.1:1313
    riskguide check     # every problem, as file:line:col
    riskguide build     # the site, in public/

To change the look, add a file with the same name as a built-in one:
layouts/home.html, assets/css/site.css and so on. Set your name, logo and
colour in content/site.yaml.
`

// Write copies the default site into dir, which must not exist or be empty.
// It returns the number of files written.
func Write(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return 0, fmt.Errorf("%s is not empty: choose a new folder so nothing is overwritten", dir)
	}
	if err != nil && !os.IsNotExist(err) {
		return 0, err
	}
	n := 0
	for _, root := range []string{"content", "checklists"} {
		err := fs.WalkDir(riskguide.Default, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			dst := filepath.Join(dir, filepath.FromSlash(p))
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			data, err := fs.ReadFile(riskguide.Default, p)
			if err != nil {
				return err
			}
			n++
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			return n, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte(readme), 0o644); err != nil {
		return n, err
	}
	return n + 1, nil
}
