package i18n

import "testing"

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
