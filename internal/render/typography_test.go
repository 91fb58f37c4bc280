package render

import (
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
