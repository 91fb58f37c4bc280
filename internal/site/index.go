package site

import "slices"

// Index builds the lookup tables used by Role, Recommendation and friends.
// The loader calls it once, after which the Site is read-only. When ids are
// duplicated the first one wins; the loader reports the duplicate.
func (s *Site) Index() {
	s.byKind = map[string]map[string]Entry{}
	for _, k := range Kinds {
		s.byKind[k.Name] = map[string]Entry{}
	}
	for _, e := range s.Entries() {
		putFirst(s.byKind[e.Kind().Name], e.Key(), e)
	}
}

// get returns the entry of kind with id, or nil.
func get[T Entry](s *Site, kind *Kind, id string) T {
	e, _ := s.byKind[kind.Name][id].(T)
	return e
}

func putFirst[T any](m map[string]T, k string, v T) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// Role returns the role with the given id, or nil.
func (s *Site) Role(id string) *Role { return get[*Role](s, roleKind, id) }

// Source returns the source with the given id, or nil.
func (s *Site) Source(id string) *Source { return get[*Source](s, sourceKind, id) }

// Result returns the expected result with the given id, or nil.
func (s *Site) Result(id string) *ExpectedResult { return get[*ExpectedResult](s, resultKind, id) }

// Recommendation returns the recommendation with the given id, or nil.
func (s *Site) Recommendation(id string) *Recommendation { return get[*Recommendation](s, recKind, id) }

// Protocol returns the protocol template with the given slug, or nil.
func (s *Site) Protocol(id string) *Protocol { return get[*Protocol](s, protocolKind, id) }

// Page returns the free page with the given slug, or nil.
func (s *Site) Page(id string) *Page { return get[*Page](s, pageKind, id) }

// ChecklistFor returns the checklist of a role, or nil when it has none.
func (s *Site) ChecklistFor(roleID string) *Checklist {
	return get[*Checklist](s, checklistKind, roleID)
}

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
	return slices.ContainsFunc(r.Roles, func(ref Ref) bool { return ref.ID == id })
}
