package load

import (
	"bytes"
	"errors"
)

// errNoFrontMatter means the file does not start with a "---" line.
var errNoFrontMatter = errors.New("missing front matter: the file must start with a line \"---\", then YAML such as \"title: ...\", then a line \"---\"")

// errUnclosedFrontMatter means the opening "---" has no closing line.
var errUnclosedFrontMatter = errors.New("front matter is not closed: add a line \"---\" after it")

// SplitFrontMatter separates YAML front matter from a Markdown body. The
// front matter is returned with its opening line blanked, and the body with
// the front-matter lines blanked, so that line numbers in either match the
// file (as golang.org/x/website does).
func SplitFrontMatter(src []byte) (front, body []byte, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, nil, errNoFrontMatter
	}
	lines := 1
	for len(rest) > 0 || lines > 0 {
		var line []byte
		start := len(src) - len(rest)
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		lines++
		if t := string(bytes.TrimRight(line, " \t")); t == "---" || t == "..." {
			front = append([]byte("\n"), src[len(first)+1:start]...)
			body = append(bytes.Repeat([]byte("\n"), lines), rest...)
			return front, body, nil
		}
		if len(rest) == 0 {
			break
		}
	}
	return nil, nil, errUnclosedFrontMatter
}
