package site

// Index builds the lookup tables used by Role, Recommendation and friends.
// The loader calls it once, after which the Site is read-only. When ids are
// duplicated the first one wins; the loader reports the duplicate.
func (s *Site) Index() {
	s.roleByID = map[string]*Role{}
	for _, r := range s.Roles {
		putFirst(s.roleByID, r.ID, r)
	}
	s.sourceByID = map[string]*Source{}
	for _, src := range s.Sources {
		putFirst(s.sourceByID, src.ID, src)
	}
	s.resultByID = map[string]*ExpectedResult{}
	s.recByID = map[string]*Recommendation{}
	for _, res := range s.Results {
		putFirst(s.resultByID, res.ID, res)
		for _, rec := range res.Recommendations {
			putFirst(s.recByID, rec.ID, rec)
		}
	}
	s.protocolByID = map[string]*Protocol{}
	for _, p := range s.Protocols {
		putFirst(s.protocolByID, p.ID, p)
	}
	s.pageByID = map[string]*Page{}
	for _, p := range s.Pages {
		putFirst(s.pageByID, p.ID, p)
	}
	s.checklistFor = map[string]*Checklist{}
	for _, c := range s.Checklists {
		putFirst(s.checklistFor, c.Role.ID, c)
	}
}

func putFirst[T any](m map[string]T, k string, v T) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// Role returns the role with the given id, or nil.
func (s *Site) Role(id string) *Role { return s.roleByID[id] }

// Source returns the source with the given id, or nil.
func (s *Site) Source(id string) *Source { return s.sourceByID[id] }

// Result returns the expected result with the given id, or nil.
func (s *Site) Result(id string) *ExpectedResult { return s.resultByID[id] }

// Recommendation returns the recommendation with the given id, or nil.
func (s *Site) Recommendation(id string) *Recommendation { return s.recByID[id] }

// Protocol returns the protocol template with the given slug, or nil.
func (s *Site) Protocol(id string) *Protocol { return s.protocolByID[id] }

// Page returns the free page with the given slug, or nil.
func (s *Site) Page(id string) *Page { return s.pageByID[id] }

// ChecklistFor returns the checklist of a role, or nil when it has none.
func (s *Site) ChecklistFor(roleID string) *Checklist { return s.checklistFor[roleID] }

// AllRecommendations returns every recommendation in display order.
func (s *Site) AllRecommendations() []*Recommendation {
	var out []*Recommendation
	for _, res := range s.Results {
		out = append(out, res.Recommendations...)
	}
	return out
}

// HasRole reports whether a recommendation concerns a role.
func (r *Recommendation) HasRole(id string) bool {
	for _, ref := range r.Roles {
		if ref.ID == id {
			return true
		}
	}
	return false
}
