package load

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/site"
)

// languages decodes the languages: setting, a list of distinct BCP 47 tags.
func (d *decoder) languages(dst *[]string) fieldFunc {
	return func(v *yaml.Node) {
		seen := map[string]bool{}
		d.list(func(e *yaml.Node) {
			var tag string
			d.language(&tag)(e)
			switch {
			case tag == "":
			case seen[tag]:
				d.errorf(e, "language %q is listed twice", tag)
			default:
				seen[tag] = true
				*dst = append(*dst, tag)
			}
		})(v)
	}
}

// translations reads translations/<lang>/ for each language but the source:
// site.yaml (title, tagline), expected-results/*.yaml and pages/*.md, each
// text keyed by the id of the source text it translates. A translation of
// an id the source does not have is a problem; a missing one is not (the
// page shows the source text and says so).
func (l *loader) translations() {
	if len(l.s.Config.Languages) < 2 {
		return
	}
	l.s.Translations = map[string]*site.Translation{}
	for _, lang := range l.s.Config.Languages[1:] {
		tr := &site.Translation{Lang: lang, Units: map[string]*site.Translated{}}
		dir := "translations/" + lang
		l.translatedConfig(dir, tr)
		for _, name := range l.dir(dir+"/expected-results", ".yaml", ".yml") {
			l.translatedResult(name, tr)
		}
		for _, name := range l.dir(dir+"/pages", ".md") {
			l.translatedPage(name, tr)
		}
		l.translatedList(dir+"/roles.yaml", "roles", tr, "role", "translated role",
			func(id string) bool { return l.s.Role(id) != nil }, []string{"name", "description"})
		l.translatedList(dir+"/sources.yaml", "sources", tr, "source", "translated source",
			func(id string) bool { return l.s.Source(id) != nil }, []string{"title"})
		l.s.Translations[lang] = tr
	}
}

func (l *loader) translatedConfig(dir string, tr *site.Translation) {
	d, root := l.yamlFile(dir+"/site.yaml", false)
	if root == nil {
		return
	}
	terms := l.s.Config.Terms
	d.mapping(root, "translated site.yaml", map[string]fieldFunc{
		"title":   d.str(&tr.Title, false),
		"tagline": d.str(&tr.Tagline, false),
		"terms": func(v *yaml.Node) {
			d.terms(&terms)(v)
			tr.Terms = &terms
		},
	})
}

// unit decodes the keys every translated unit has (id, source_hash) and its
// texts, and adds it to tr if its id exists in the source.
func (l *loader) unit(d *decoder, n *yaml.Node, tr *site.Translation, kind, what string, exists func(id string) bool, texts []string, extra map[string]fieldFunc) *site.Translated {
	u := &site.Translated{Pos: d.pos(n), Kind: kind, Fields: map[string]site.Text{}}
	return l.addUnit(d, n, tr, u, what, exists, texts, extra)
}

func (l *loader) addUnit(d *decoder, n *yaml.Node, tr *site.Translation, u *site.Translated, what string, exists func(id string) bool, texts []string, extra map[string]fieldFunc) *site.Translated {
	kind := u.Kind
	var idPos site.Pos
	fields := map[string]fieldFunc{
		"id": d.id(&u.ID, &idPos),
		"source_hash": func(v *yaml.Node) {
			u.HashPos = d.pos(v)
			d.str(&u.SourceHash, true)(v)
		},
	}
	for _, name := range texts {
		fields[name] = func(v *yaml.Node) {
			var t site.Text
			d.text(&t)(v)
			if strings.TrimSpace(t.Value) != "" {
				u.Fields[name] = t
			}
		}
	}
	for k, f := range extra {
		if f == nil {
			delete(fields, k) // a page's id is its file name
			continue
		}
		fields[k] = f
	}
	required := []string{"source_hash"}
	if kind != "page" {
		required = append(required, "id")
	}
	if !d.mapping(n, what, fields, required...) {
		return nil
	}
	if kind == "page" {
		idPos = site.Pos{File: u.Pos.File, Line: 1, Col: 1}
	}
	if u.ID == "" {
		return nil
	}
	if !exists(u.ID) {
		l.diags.Add(idPos, "%s %q: the source has no %s with this id", what, u.ID, kindWords[kind])
		return nil
	}
	key := site.UnitKey(kind, u.ID)
	if prev, ok := tr.Units[key]; ok {
		l.diags.Add(idPos, "%s %q is translated twice (first at %s)", what, u.ID, prev.Pos)
		return nil
	}
	tr.Units[key] = u
	return u
}

var kindWords = map[string]string{"result": "expected result", "rec": "recommendation", "page": "page", "role": "role", "source": "source"}

// translatedList reads an optional file holding one list, under key, of
// translated units (roles.yaml, sources.yaml).
func (l *loader) translatedList(name, key string, tr *site.Translation, kind, what string, exists func(string) bool, texts []string) {
	d, root := l.yamlFile(name, false)
	if root == nil {
		return
	}
	d.mapping(root, "translated "+key, map[string]fieldFunc{
		key: d.list(func(n *yaml.Node) { l.unit(d, n, tr, kind, what, exists, texts, nil) }),
	}, key)
}

func (l *loader) translatedResult(name string, tr *site.Translation) {
	d, root := l.yamlFile(name, true)
	if root == nil {
		return
	}
	l.unit(d, root, tr, "result", "translated expected result", func(id string) bool { return l.s.Result(id) != nil },
		[]string{"title", "statement", "summary"},
		map[string]fieldFunc{"recommendations": d.list(func(n *yaml.Node) {
			l.unit(d, n, tr, "rec", "translated recommendation", func(id string) bool { return l.s.Recommendation(id) != nil },
				[]string{"text", "guidance"}, nil)
		})})
}

func (l *loader) translatedPage(name string, tr *site.Translation) {
	d, root, body := l.markdownFile(name)
	if root == nil {
		return
	}
	u := &site.Translated{Pos: d.pos(root), Kind: "page", ID: fileStem(name), Fields: map[string]site.Text{}}
	u = l.addUnit(d, root, tr, u, "translated page", func(id string) bool { return l.s.Page(id) != nil }, []string{"title"},
		map[string]fieldFunc{"id": nil})
	if u == nil {
		return
	}
	if strings.TrimSpace(body.Value) != "" {
		u.Fields["body"] = body
	}
}
