package render

import (
	"regexp"
	"strings"
	"testing"

	riskguide "github.com/riskguide/riskguide"
	"github.com/riskguide/riskguide/internal/site"
)

func TestFrenchSpacing(t *testing.T) {
	const n = "\u202f"
	for _, c := range []struct{ in, want string }{
		{"Imprimer : {checklists}", "Imprimer" + n + ": {checklists}"},
		{"Imprimer: x", "Imprimer" + n + ": x"},
		{"Imprimé le\u00a0: ____", "Imprimé le" + n + ": ____"},
		{"navigateur ; « Imprimer avec mes saisies » les imprime.", "navigateur" + n + "; «" + n + "Imprimer avec mes saisies" + n + "» les imprime."},
		{"«%s»", "«" + n + "%s" + n + "»"},
		{"Recommencer ?", "Recommencer" + n + "?"},
		{"Vraiment?!", "Vraiment" + n + "?!"},
		{"Attention !", "Attention" + n + "!"},
		{"%s :", "%s" + n + ":"},
		{"Déjà" + n + ": fait", "Déjà" + n + ": fait"},
		{" : preuves", n + ": preuves"},
		{n + ": preuves", n + ": preuves"},
		// Not the end of a phrase: left as written.
		{"à 10:30", "à 10:30"},
		{"voir https://example.org/a?q=b", "voir https://example.org/a?q=b"},
		{": début", ": début"},
		{"", ""},
	} {
		if got := frenchSpacing(c.in); got != c.want {
			t.Errorf("frenchSpacing(%q) = %q, want %q", c.in, got, c.want)
		}
		// Applying the rules twice changes nothing more.
		if got := frenchSpacing(frenchSpacing(c.in)); got != c.want {
			t.Errorf("frenchSpacing twice on %q = %q, want %q", c.in, got, c.want)
		}
	}
	if typography("en") != nil || typography("de") != nil || typography("fr-BE") == nil {
		t.Error("the French rules apply to French only, in every region")
	}
}

// TestFrenchStringsSpaced loads the built-in French strings as a French
// site does: wherever French typography needs a narrow no-break space, one
// is there, and no ordinary space is left before a mark or inside « ».
func TestFrenchStringsSpaced(t *testing.T) {
	s := &site.Site{Config: site.Config{Language: "fr", Terms: site.DefaultTerms()}, Scale: site.DefaultScale()}
	msgs, err := SiteMessages(riskguide.Default, s)
	if err != nil {
		t.Fatal(err)
	}
	spaced := 0
	for k, v := range msgs.WithPrefix("") {
		for _, bad := range []string{" :", " ;", " ?", " !", "\u00a0:", "« ", " »"} {
			if strings.Contains(v, bad) {
				t.Errorf("%s = %q: %q has an ordinary space where French needs a narrow no-break one", k, v, bad)
			}
		}
		for _, r := range []string{"«", "»"} {
			if strings.Contains(v, r) && !strings.Contains(v, "«\u202f") && !strings.Contains(v, "\u202f»") {
				t.Errorf("%s = %q: « » without narrow spaces", k, v)
			}
		}
		if strings.Contains(v, "\u202f") {
			spaced++
		}
	}
	if spaced < 20 {
		t.Errorf("only %d French strings have a narrow no-break space; the rules were not applied", spaced)
	}
}

// countedNoun finds a number followed by the word it counts, and the word
// before the number: "opisują %d oczekiwanych", "z %d zaleceń".
var countedNoun = regexp.MustCompile(`(\p{L}+)?\s*%d\s+\p{Ll}`)

// TestPolishCountsNatural holds the built-in Polish strings of the pages
// to natural counts: no "(liczba: %d)" workaround, and a sentence whose
// first number counts a noun has the forms Polish needs for 1 and for 2-4
// (.one, .few; the key itself is the form for 5 and up), unless the number
// follows a word that fixes the noun's case whatever the number (z, niż).
// The page scripts' strings are checked with the scripts' plural rules.
func TestPolishCountsNatural(t *testing.T) {
	msgs, err := LoadMessages(riskguide.Default, "pl")
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for k, v := range msgs.WithPrefix("") {
		if strings.HasPrefix(k, "assessment.js.") || strings.HasPrefix(k, "js.") || strings.HasSuffix(k, ".one") || strings.HasSuffix(k, ".few") || strings.HasSuffix(k, ".many") {
			continue
		}
		if strings.Contains(strings.ToLower(v), "liczba: %d") {
			t.Errorf("pl %s = %q: write the count as Polish says it, not \"liczba: %%d\"", k, v)
		}
		m := countedNoun.FindStringSubmatch(v)
		if m == nil || m[1] == "z" || m[1] == "niż" {
			continue
		}
		counted++
		for _, form := range []string{".one", ".few"} {
			if _, ok := msgs.m[k+form]; !ok {
				t.Errorf("pl %s = %q counts a noun but has no %s form", k, v, form)
			}
		}
	}
	if counted == 0 {
		t.Error("no Polish sentence counts a noun: the check found nothing to check")
	}
}
