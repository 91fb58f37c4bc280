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
	newline := []byte("\n")
	first, rest, more := bytes.Cut(src, newline)
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, nil, errNoFrontMatter
	}
	offset := len(first) + 1 // where rest starts in src
	for more {
		var line []byte
		line, rest, more = bytes.Cut(rest, newline)
		if t := string(bytes.TrimRight(line, " \t")); t == "---" || t == "..." {
			front = append([]byte("\n"), src[len(first)+1:offset]...)
			// One blank line for every line break up to the end of the
			// closing line, however the file ends.
			breaks := bytes.Count(src[:offset+len(line)], newline)
			if more {
				breaks++
			}
			body = append(bytes.Repeat(newline, breaks), rest...)
			return front, body, nil
		}
		offset += len(line) + 1
	}
	return nil, nil, errUnclosedFrontMatter
}
