package site

import (
	"fmt"
	"strings"
)

// PortableName reports why elem, one element of a slash-separated path,
// could not be a file or folder name on every system a site is built on or
// copied to (Windows file shares included), or nil when it can. The loader
// checks ids and file names with it, so a site that builds on Linux also
// builds on Windows; the publisher checks every output path with it, so no
// file is written that a Windows share or zip tool would refuse or rename.
func PortableName(elem string) error {
	switch {
	case elem == "" || elem == "." || elem == "..":
		return fmt.Errorf("%q is not a name", elem)
	case strings.ContainsAny(elem, `\/:*?"<>|`):
		// A backslash separates folders on Windows, a colon follows a
		// drive letter (C:) or names a hidden stream of a file.
		return fmt.Errorf("%q holds a character Windows does not allow in a name (\\ / : * ? \" < > |)", elem)
	case strings.IndexFunc(elem, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return fmt.Errorf("%q holds a control character", elem)
	case strings.HasSuffix(elem, ".") || strings.HasSuffix(elem, " "):
		return fmt.Errorf("%q ends with a dot or a space, which Windows drops from a name", elem)
	}
	if device := windowsDevice(elem); device != "" {
		return fmt.Errorf("%q is a name Windows keeps for the device %s, with any extension", elem, device)
	}
	return nil
}

// windowsDevice returns the device a name stands for on Windows ("CON" for
// "con.html"), or "". Windows reads the part before the first dot, in any
// case, with trailing spaces ignored.
func windowsDevice(elem string) string {
	stem, _, _ := strings.Cut(elem, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return stem
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '0' && stem[3] <= '9' {
		return stem
	}
	// COM¹, COM², COM³ and the same for LPT are devices too.
	for _, sup := range []string{"¹", "²", "³"} {
		if stem == "COM"+sup || stem == "LPT"+sup {
			return stem
		}
	}
	return ""
}
