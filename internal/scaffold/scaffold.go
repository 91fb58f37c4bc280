// Package scaffold writes a new site folder: a copy of the default content
// and checklists, ready to edit. Layouts and assets are not copied: the site
// keeps using the built-in ones, and overrides any of them by adding a file
// of the same name.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/publish"
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
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return 0, err
	}
	defer root.Close()
	return WriteInto(root)
}

// WriteInto copies the default site into root. Every file goes through
// root (os.Root), so no write leaves the folder, not even through a
// symbolic link that appeared in it after Write found it empty; and no
// file is replaced: each is created new (O_EXCL), so a file or link that
// is already there is an error, named.
func WriteInto(root *os.Root) (int, error) {
	out := publish.NewFiles(root)
	n := 0
	for _, top := range []string{"content", "checklists"} {
		err := fs.WalkDir(riskguide.Default, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(riskguide.Default, p)
			if err == nil {
				err = publish.WriteFile(out, p, data)
			}
			if err == nil {
				n++
			}
			return err
		})
		if err != nil {
			return n, err
		}
	}
	if err := publish.WriteFile(out, "README.md", []byte(readme)); err != nil {
		return n, err
	}
	return n + 1, nil
}
