package site

import "testing"

// Every language is made from one reading of the source: translating must
// leave the site it is made from as it was.
func TestTranslateLeavesSourceAsItWas(t *testing.T) {
	rec := &Recommendation{ID: "r1", Text: "Assess", Indicators: []string{"counted"}}
	res := &ExpectedResult{ID: "e1", Title: "Safety", Recommendations: []*Recommendation{rec}}
	rec.Result = res
	s := &Site{
		Config:     Config{Language: "en", Languages: []string{"en", "fr"}, Title: "Guide"},
		Results:    []*ExpectedResult{res},
		Pages:      []*Page{{ID: "about", Title: "About"}},
		Roles:      []*Role{{ID: "police", Name: "Police"}},
		Sources:    []*Source{{ID: "law", Title: "Law"}},
		Checklists: []*Checklist{{Role: Ref{ID: "police"}, Title: "List", Sections: []ChecklistSection{{Title: "First", Items: []ChecklistItem{{Text: "Ask"}}}}}},
		Protocols:  []*Protocol{{ID: "plan", Title: "Plan", Body: Text{Value: "[[Name]]"}}},
	}
	s.Index()
	unit := func(kind, id string, kv ...string) *Translated {
		u := &Translated{Kind: kind, ID: id, Fields: map[string]Text{}}
		for i := 0; i < len(kv); i += 2 {
			u.Fields[kv[i]] = Text{Value: kv[i+1]}
		}
		return u
	}
	units := []*Translated{
		unit("result", "e1", "title", "Sécurité"),
		unit("rec", "r1", "text", "Évaluer", IndicatorName(0), "compté"),
		unit("page", "about", "title", "À propos"),
		unit("role", "police", "name", "Police nationale"),
		unit("source", "law", "title", "Loi"),
		unit("checklist", "police", "title", "Liste", ChecklistSectionName(0), "Premier", ChecklistItemName(0, 0), "Demander"),
		unit("protocol", "plan", "title", "Plan fr", "body", "[[Nom]]"),
	}
	tr := &Translation{Lang: "fr", Title: "Guide fr", Units: map[string]*Translated{}}
	for _, u := range units {
		tr.Units[UnitKey(u.Kind, u.ID)] = u
	}
	s.Translations = map[string]*Translation{"fr": tr}
	for _, u := range s.Units() {
		tr.Units[UnitKey(u.Kind, u.ID)].SourceHash = u.Hash
	}
	fp := s.Fingerprint()

	fr := s.Translate("fr")

	got := []string{fr.Config.Title, fr.Results[0].Title, fr.Recommendation("r1").Text, fr.Recommendation("r1").Indicators[0],
		fr.Recommendation("r1").Result.Title, fr.Page("about").Title, fr.Role("police").Name, fr.Source("law").Title,
		fr.ChecklistFor("police").Title, fr.Checklists[0].Sections[0].Title, fr.Checklists[0].Sections[0].Items[0].Text,
		fr.Protocol("plan").Title, fr.Protocol("plan").Body.Value}
	want := []string{"Guide fr", "Sécurité", "Évaluer", "compté", "Sécurité", "À propos", "Police nationale", "Loi", "Liste", "Premier", "Demander", "Plan fr", "[[Nom]]"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("translated text %d: %q, want %q", i, got[i], want[i])
		}
	}
	got = []string{s.Config.Title, s.Config.Language, res.Title, rec.Text, rec.Indicators[0], s.Pages[0].Title, s.Roles[0].Name, s.Sources[0].Title,
		s.Checklists[0].Title, s.Checklists[0].Sections[0].Title, s.Checklists[0].Sections[0].Items[0].Text, s.Protocols[0].Title, s.Protocols[0].Body.Value}
	want = []string{"Guide", "en", "Safety", "Assess", "counted", "About", "Police", "Law", "List", "First", "Ask", "Plan", "[[Name]]"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("source text %d after Translate: %q, want %q", i, got[i], want[i])
		}
	}
	if s.Languages != nil || s.Checklists[0].Sections[0].Items[0].SourceText != "" {
		t.Error("Translate marked the source site as a translation")
	}
	if fr.Fingerprint() != fp || s.Fingerprint() != fp {
		t.Errorf("fingerprints %s (translated) and %s (source), want the source's %s", fr.Fingerprint(), s.Fingerprint(), fp)
	}
}
