package render

import (
	"github.com/riskguide/riskguide/internal/search"
	"github.com/riskguide/riskguide/internal/site"
)

// SearchPage is search/index.html. Without scripts it lists every
// recommendation, so the page is useful even where search cannot run.
type SearchPage struct {
	*Base
	Results []*site.ExpectedResult
	Roles   []*site.Role
	Kinds   []string
}

func (r *renderer) searchPage(b *Base) any {
	b.Title = b.text("search.title")
	return &SearchPage{Base: b, Results: r.s.Results, Roles: r.s.Roles, Kinds: search.Kinds}
}
