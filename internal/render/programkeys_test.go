package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/load"
)

// TestProgramKeysAreBuiltIn: every interface string the program names
// itself (Base.text, i18n.Messages.Text, and the sections of a recommendation's
// contents) is a built-in English string, which every language falls back
// on; that is why Messages.Text has no error to return.
func TestProgramKeysAreBuiltIn(t *testing.T) {
	msgs, err := load.Messages(riskguide.Default, "en")
	if err != nil {
		t.Fatal(err)
	}
	en := msgs.WithPrefix("")
	named := regexp.MustCompile(`\btext\("([^"]+)"|\.Text\("([^"]+)"|\{"[a-z-]+", "(rec\.[a-z.]+)"`)
	files, _ := filepath.Glob("*.go")
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range named.FindAllStringSubmatch(string(src), -1) {
			key := m[1] + m[2] + m[3]
			found++
			if _, ok := en[key]; !ok {
				t.Errorf("%s names interface string %q, which layouts/i18n/en.yaml lacks", f, key)
			}
		}
	}
	for _, kind := range []string{"result", "rec", "page"} {
		if _, ok := en["translation.missing."+kind]; !ok {
			t.Errorf("layouts/i18n/en.yaml lacks translation.missing.%s (see TranslationNotice)", kind)
		}
	}
	if found < 15 {
		t.Errorf("found %d keys the program names; the pattern no longer finds them", found)
	}
}
