package site

import (
	"strings"
	"testing"
)

// TestPortableName: names that Windows refuses or changes are refused with
// a reason; names that only look like them are not.
func TestPortableName(t *testing.T) {
	for _, name := range []string{
		"index.html", "con-tact", "console", "conference.html", "com10", "lpt", "auxiliary",
		"site.css", ".riskguide", "a b", "Łódź", "com0x",
	} {
		if err := PortableName(name); err != nil {
			t.Errorf("%q refused: %v", name, err)
		}
	}
	for name, why := range map[string]string{
		"con":          "device CON",
		"CON":          "device CON",
		"nul.html":     "device NUL",
		"Aux.tar.gz":   "device AUX",
		"com1":         "device COM1",
		"lpt9.txt":     "device LPT9",
		"com¹":         "device COM¹",
		"prn .txt":     "device PRN",
		"conin$":       "device CONIN$",
		`a\b.html`:     "character Windows does not allow",
		"C:":           "character Windows does not allow",
		"file.txt:ads": "character Windows does not allow",
		"what?":        "character Windows does not allow",
		"page.":        "ends with a dot or a space",
		"page ":        "ends with a dot or a space",
		"..":           "is not a name",
		"":             "is not a name",
		"tab\there":    "control character",
	} {
		err := PortableName(name)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%q: got %v, want an error saying %q", name, err, why)
		}
	}
}
