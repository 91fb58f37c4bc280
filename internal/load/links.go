package load

import (
	"io/fs"
	"strings"

	"github.com/riskguide/riskguide/internal/site"
)

// siteFolders are the folders of a site folder that a build reads.
var siteFolders = []string{"content", "layouts", "checklists", "assets"}

// links reports the symbolic links in the site's folders that a build will
// not follow, each at its own path, and records them in l.badLinks.
//
// The rule: a link to a file is followed when its target lies inside the
// site folder, through a relative path. A link that leads outside (an
// absolute path, or one climbing out with ..), a link to a folder, and a
// link to nothing are problems. The file system is expected to refuse the
// first kind by itself, as os.Root does (see generate.FindSource), so that
// nothing outside the site folder is read even by a caller that skips this
// check; here they are found and named, before anything is built.
func (l *loader) links() {
	l.badLinks = map[string]bool{}
	for _, top := range siteFolders {
		fs.WalkDir(l.fsys, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !isNotExist(err) || p != top {
					l.diags.Add(site.Pos{File: p}, "cannot be read: %v", unwrapPathError(err))
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink == 0 || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			info, err := fs.Stat(l.fsys, p)
			switch {
			case err != nil && isNotExist(err):
				l.diags.Add(site.Pos{File: p}, "is a symbolic link to nothing: its target does not exist")
			case err != nil:
				l.diags.Add(site.Pos{File: p}, "is a symbolic link that leads outside the site folder; riskguide reads only files inside it: copy the file in instead")
			case info.IsDir():
				l.diags.Add(site.Pos{File: p}, "is a symbolic link to a folder; riskguide does not follow linked folders: move or copy the folder here instead")
			default:
				return nil
			}
			l.badLinks[p] = true
			return nil
		})
	}
}
