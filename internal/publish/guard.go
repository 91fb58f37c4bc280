package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MarkerName is the file every output folder riskguide writes carries. A
// folder with it may be replaced by the next run; a folder without it is
// left alone, unless it is empty or missing.
const MarkerName = ".riskguide"

// Kind is what an output folder holds: a site or a report. A run replaces
// only a folder of its own kind, so that a report never replaces a site.
type Kind string

// The kinds of output folder.
const (
	SiteOutput   Kind = "site"
	ReportOutput Kind = "report"
)

// Marker is the content of the marker file for an output of kind k.
func Marker(k Kind) []byte {
	return []byte("riskguide " + string(k) + "\n\n" +
		"riskguide wrote this folder and replaces all of it on its next run.\n" +
		"Keep no other files here.\n")
}

// markerKind reads the kind from a marker file's content.
func markerKind(data []byte) Kind {
	first, _, _ := strings.Cut(string(data), "\n")
	k, ok := strings.CutPrefix(first, "riskguide ")
	if !ok {
		return ""
	}
	return Kind(k)
}

// sourceFolders are the folders of a site that a build reads: an output
// inside one of them would be read back as content.
var sourceFolders = []string{"content", "layouts", "assets", "checklists"}

// CheckOutput reports whether the folder out may be replaced by a new
// output of kind k. It refuses, with a message saying why and what to do:
//   - a symbolic link, a file, the root of the file system, the home
//     folder, the current folder, or a folder holding any of them;
//   - source (the site folder being read; "" for none), a folder holding
//     it, or a folder inside its content/, layouts/, assets/ or checklists/;
//   - a folder that is not empty and holds no marker of kind k, unless
//     force is set.
//
// force never overrides the other rules: they protect folders that no one
// means to replace with a website.
func CheckOutput(out string, k Kind, source string, force bool) error {
	if out == "" {
		return errors.New("no output folder given")
	}
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("refusing to write the %s into %s: %s", k, out, fmt.Sprintf(format, args...))
	}
	info, err := os.Lstat(out)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return refuse("%v", UnwrapPath(err))
	case exists && info.Mode()&fs.ModeSymlink != 0:
		return refuse("it is a symbolic link; riskguide replaces its output folder whole and does not follow links. Give the real folder, or another folder")
	case exists && !info.IsDir():
		return refuse("it is a file, not a folder. Choose a folder name for --out")
	}
	abs, err := realPath(out)
	if err != nil {
		return refuse("%v", err)
	}
	if filepath.Dir(abs) == abs {
		return refuse("it is the root of the file system. Choose a new folder for --out, such as public")
	}
	if source != "" {
		src, err := realPath(source)
		if err != nil {
			return refuse("%v", err)
		}
		switch {
		case abs == src:
			return refuse("it is the source folder, which would be deleted. Choose another folder for --out, such as public")
		case within(src, abs):
			return refuse("it contains the source folder %s, which would be deleted. Choose another folder for --out", src)
		}
		for _, name := range sourceFolders {
			if dir := filepath.Join(src, name); abs == dir || within(abs, dir) {
				return refuse("it lies inside the source's %s/ folder, which the build reads. Choose a folder outside it, such as public", name)
			}
		}
	}
	home, _ := os.UserHomeDir()
	wd, _ := os.Getwd()
	for _, keep := range []struct{ dir, name string }{{home, "your home folder"}, {wd, "the current folder"}} {
		if keep.dir == "" {
			continue
		}
		if d, err := realPath(keep.dir); err == nil {
			switch {
			case abs == d:
				return refuse("it is %s. Choose a new folder for --out, such as public", keep.name)
			case within(d, abs):
				return refuse("it contains %s. Choose a new folder for --out, such as public", keep.name)
			}
		}
	}
	if !exists {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return refuse("%v", UnwrapPath(err))
	}
	if len(entries) == 0 || force {
		return nil
	}
	switch have := folderKind(out); have {
	case k:
		return nil
	case "":
		return refuse("the folder is not empty and was not written by riskguide (it has no %s file); riskguide replaces its output folder whole, so these files would be deleted. Choose another folder for --out, or add --force to delete them", MarkerName)
	default:
		return refuse("it holds a riskguide %s, not a %s. Choose another folder for --out, or add --force to replace the %s", have, k, have)
	}
}

// folderKind returns the kind in a folder's marker file, or "" when it has
// none. A marker that is a link, a folder or too long is no marker.
func folderKind(dir string) Kind {
	p := filepath.Join(dir, MarkerName)
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 1024 {
		return ""
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	return markerKind(data)
}

// realPath is the absolute path of p with every link resolved, as far as p
// exists: the part that does not exist yet is joined on as written.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(dir) == dir {
			return "", UnwrapPath(err)
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path lies below dir; both are clean and absolute.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// UnwrapPath is err without the path and operation of an *fs.PathError,
// for a message that names the path itself.
func UnwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
