package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/generate"
)

// TestCountFormsInPage: the self-assessment page's scripts say a count in
// the form it takes in the page's language, by the browser's own CLDR rules
// (Intl.PluralRules), from the forms the page's strings carry: Czech (no
// built-in strings: the site's own) and Polish give the forms CLDR's rules
// name, the same as the build's (see site.TestPluralFormsCLDR).
func TestCountFormsInPage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang string
		want map[string][]int // form: counts that take it
	}{
		{"cs", map[string][]int{"one": {1}, "few": {2, 3, 4}, "other": {0, 5, 11, 12, 21, 22, 101}}},
		{"pl", map[string][]int{"one": {1}, "few": {2, 3, 4, 22, 24, 102}, "many": {0, 5, 11, 12, 13, 14, 21, 25, 112}}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			fsys := smallSource(false)
			config := string(fsys["content/site.yaml"].Data)
			fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(config, "language: en", "language: "+c.lang, 1))}
			// The site words plan.counts with a mark of each form; Czech,
			// without built-in strings, takes the others from English's.
			var strs strings.Builder
			if c.lang == "cs" {
				en, err := os.ReadFile("../../layouts/i18n/en.yaml")
				if err != nil {
					t.Fatal(err)
				}
				for _, line := range strings.SplitAfter(string(en), "\n") {
					if !strings.HasPrefix(line, "assessment.js.plan.counts") {
						strs.WriteString(line)
					}
				}
			}
			for form := range c.want {
				key := "assessment.js.plan.counts"
				if form != "other" {
					key += "." + form
				}
				fmt.Fprintf(&strs, "%s: \"%s %%d, %%d, %%d\"\n", key, form)
			}
			fsys["layouts/i18n/"+c.lang+".yaml"] = &fstest.MapFile{Data: []byte(strs.String())}
			s := getSite(t, "plural-"+c.lang, generate.Source{FS: fsys, Name: c.lang + " counts"})
			tb := openTab(t, s.Dir)
			tb.waitFor("the page's scripts", `!!(window.riskguide && window.riskguide.assessmentIO)`)
			for form, ns := range c.want {
				for _, n := range ns {
					// The page's own strings, as assessment.js reads them.
					got := tb.eval(fmt.Sprintf(`(function () {
  var texts = {};
  document.querySelectorAll('#sa-messages [data-msg]').forEach(function (s) { texts[s.getAttribute('data-msg')] = s.textContent; });
  return texts[window.riskguide.assessmentIO.countKey(texts, 'plan.counts', %d)];
})()`, n))
					if want := form + " %d, %d, %d"; got != want {
						t.Errorf("%s, %d: %q, want %q", c.lang, n, got, want)
					}
				}
			}
		})
	}
}
