package load

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/markdown"
	"github.com/riskguide/riskguide/internal/site"
)

// languages decodes the languages: setting, a list of distinct BCP 47 tags.
func (d *decoder) languages(dst *[]string) fieldFunc {
	return func(v *yaml.Node) {
		seen := map[string]string{}
		d.list(func(e *yaml.Node) {
			var tag string
			d.language(&tag)(e)
			// Compared without case: fr and FR are one language, and
			// would be one folder on a disk that ignores case.
			key := strings.ToLower(tag)
			switch {
			case tag == "":
			case seen[key] != "":
				d.errorf(e, "language %q is listed twice (as %q before)", tag, seen[key])
			default:
				seen[key] = tag
				*dst = append(*dst, tag)
			}
		})(v)
	}
}

// translations reads translations/<lang>/ for each language but the source:
// site.yaml (title, tagline), expected-results/*.yaml, pages/*.md,
// checklists, protocols, roles.yaml, sources.yaml, and one file per unit
// in recommendations/, roles/ and sources/, each
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
			l.translatedMarkdown(name, tr, "page")
		}
		for _, name := range l.dir(dir+"/checklists", ".yaml", ".yml") {
			l.translatedChecklist(name, tr)
		}
		for _, name := range l.dir(dir+"/protocols", ".md") {
			l.translatedProtocol(name, tr)
		}
		// A text added to the source after its file was translated has a
		// file of its own (see translations --update).
		for _, name := range l.dir(dir+"/recommendations", ".yaml", ".yml") {
			if d, root := l.yamlFile(name, true); root != nil {
				l.translatedRec(d, root, tr)
			}
		}
		for _, kind := range []string{"role", "source"} {
			l.listFile(dir+"/"+kind+"s.yaml", false, "translated "+kind+"s", kind+"s", func(d *decoder, n *yaml.Node) {
				l.unit(d, n, tr, kind, nil)
			})
			for _, name := range l.dir(dir+"/"+kind+"s", ".yaml", ".yml") {
				if d, root := l.yamlFile(name, true); root != nil {
					l.unit(d, root, tr, kind, nil)
				}
			}
		}
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

// unit decodes the keys every translated unit of kind has (id,
// source_hash) and its texts (see site.Keys), and adds it to tr if its id
// exists in the source.
func (l *loader) unit(d *decoder, n *yaml.Node, tr *site.Translation, kind string, extra map[string]fieldFunc) *site.Translated {
	u := &site.Translated{Pos: d.pos(n), Kind: kind, Fields: map[string]site.Text{}}
	return l.addUnit(d, n, tr, u, extra)
}

func (l *loader) addUnit(d *decoder, n *yaml.Node, tr *site.Translation, u *site.Translated, extra map[string]fieldFunc) *site.Translated {
	kind := u.Kind
	what := "translated " + site.UnitWord(kind)
	var idPos site.Pos
	fields := map[string]fieldFunc{
		"id": d.id(&u.ID, &idPos),
		"source_hash": func(v *yaml.Node) {
			u.HashPos = d.pos(v)
			d.str(&u.SourceHash, true)(v)
		},
	}
	for _, name := range site.KindNamed(kind).Keys() {
		fields[name] = func(v *yaml.Node) {
			var t site.Text
			d.text(&t)(v)
			keep(u, name, t, d.pos(v))
		}
	}
	for k, f := range extra {
		if f == nil {
			delete(fields, k) // a page's id is its file name
			continue
		}
		fields[k] = f
	}
	// A required key that extra takes away (the id of a page, a checklist or
	// a template, named by its file) is not asked for.
	if !d.mapping(n, what, fields, "source_hash", "id") || u.ID == "" {
		return nil
	}
	if idPos == (site.Pos{}) {
		idPos = site.Pos{File: u.Pos.File, Line: 1, Col: 1}
	}
	if !l.s.Has(kind, u.ID) {
		l.diags.Add(idPos, "%s %q: the source has no %s with this id", what, u.ID, site.UnitWord(kind))
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

// bodyStart is where a Markdown file's body starts: the body keeps the
// front matter's lines as blank ones (see SplitFrontMatter).
func bodyStart(body site.Text) site.Pos {
	n := len(body.Value) - len(strings.TrimLeft(body.Value, "\n"))
	return site.Pos{File: body.Pos.File, Line: body.Pos.Line + n, Col: 1}
}

// keep records the text t of u's field, or, when t is empty (a starter's key
// not written under yet), where it is to be written.
func keep(u *site.Translated, field string, t site.Text, at site.Pos) {
	if strings.TrimSpace(t.Value) != "" {
		u.Fields[field] = t
		return
	}
	if u.Empty == nil {
		u.Empty = map[string]site.Pos{}
	}
	u.Empty[field] = at
}

func (l *loader) translatedResult(name string, tr *site.Translation) {
	d, root := l.yamlFile(name, true)
	if root == nil {
		return
	}
	l.unit(d, root, tr, "result", map[string]fieldFunc{"recommendations": d.list(func(n *yaml.Node) { l.translatedRec(d, n, tr) })})
}

// translatedRec reads one recommendation of a translated expected result:
// id, source_hash, text, guidance and indicators, the last a list in the
// source's order, matched to the source's by place.
func (l *loader) translatedRec(d *decoder, n *yaml.Node, tr *site.Translation) {
	u := &site.Translated{Pos: d.pos(n), Kind: "rec", Fields: map[string]site.Text{}}
	var indicators *yaml.Node
	count := 0
	u = l.addUnit(d, n, tr, u, map[string]fieldFunc{"indicators": func(v *yaml.Node) {
		indicators = v
		d.list(func(e *yaml.Node) {
			var t site.Text
			d.text(&t)(e)
			keep(u, site.IndicatorName(count), t, d.pos(e))
			count++
		})(v)
	}})
	if u == nil || indicators == nil {
		return
	}
	if want := len(l.s.Recommendation(u.ID).Indicators); count != want {
		d.errorf(indicators, "the translated recommendation's indicators: %d, the source's: %d; translate each, in the source's order", count, want)
	}
}

// translatedMarkdown reads a translated page or template of kind: its keys
// in the front matter, its text below. It returns the text, and whether
// the unit was added to tr.
func (l *loader) translatedMarkdown(name string, tr *site.Translation, kind string) (site.Text, bool) {
	d, root, body := l.markdownFile(name)
	if root == nil {
		return body, false
	}
	u := &site.Translated{Pos: d.pos(root), Kind: kind, ID: fileStem(name), Fields: map[string]site.Text{}}
	if u = l.addUnit(d, root, tr, u, map[string]fieldFunc{"id": nil}); u == nil {
		return body, false
	}
	keep(u, "body", body, bodyStart(body))
	return body, true
}

// translatedChecklist reads translations/<lang>/checklists/<role>.yaml: the
// checklist's title, intro, header field labels (fields, a list in the
// source's order) and sections (each a title and a list of item texts, in
// the source's order). Texts are matched to the source by place, not by
// wording, so the browser's keys, made from the source texts, stay the same
// in every language.
func (l *loader) translatedChecklist(name string, tr *site.Translation) {
	d, root := l.yamlFile(name, true)
	if root == nil {
		return
	}
	id := fileStem(name)
	src := l.s.ChecklistFor(id)
	u := &site.Translated{Pos: d.pos(root), Kind: "checklist", ID: id, Fields: map[string]site.Text{}}
	text := func(field string) fieldFunc {
		return func(v *yaml.Node) {
			var t site.Text
			d.text(&t)(v)
			keep(u, field, t, d.pos(v))
		}
	}
	var nFields, nSections int
	l.addUnit(d, root, tr, u, map[string]fieldFunc{
		"id": nil,
		"fields": func(v *yaml.Node) {
			d.list(func(n *yaml.Node) {
				text(site.ChecklistFieldName(nFields))(n)
				nFields++
			})(v)
			if src != nil && nFields != len(src.Fields) {
				d.errorf(v, "the translated checklist's header fields: %d, the source's: %d; translate each, in the source's order", nFields, len(src.Fields))
			}
		},
		"sections": func(v *yaml.Node) {
			d.list(func(n *yaml.Node) {
				i := nSections
				nSections++
				nItems := 0
				d.mapping(n, "translated checklist section", map[string]fieldFunc{
					"title": text(site.ChecklistSectionName(i)),
					"items": func(v *yaml.Node) {
						d.list(func(n *yaml.Node) {
							text(site.ChecklistItemName(i, nItems))(n)
							nItems++
						})(v)
						if src != nil && i < len(src.Sections) && nItems != len(src.Sections[i].Items) {
							d.errorf(v, "this section's items: %d, the source's: %d; translate each, in the source's order", nItems, len(src.Sections[i].Items))
						}
					},
				})
			})(v)
			if src != nil && nSections != len(src.Sections) {
				d.errorf(v, "the translated checklist's sections: %d, the source's: %d; translate each, in the source's order", nSections, len(src.Sections))
			}
		},
	})
}

// translatedProtocol reads translations/<lang>/protocols/<slug>.md: title
// and summary in the front matter, the translated template below it. Its
// fields are matched to the source's by place (see render), so it must have
// as many.
func (l *loader) translatedProtocol(name string, tr *site.Translation) {
	body, ok := l.translatedMarkdown(name, tr, "protocol")
	if !ok || strings.TrimSpace(body.Value) == "" {
		return
	}
	l.rowsMarkers(body)
	src := l.s.Protocol(fileStem(name))
	if got, want := countFields(body.Value), countFields(src.Body.Value); got != want {
		l.diags.Add(body.Pos, "the translated template's fields: %d, the source's: %d; translate each [[field]], in the source's order, so that what is typed shows in every language", got, want)
	}
}

// countFields counts the [[fields]] of a template's Markdown.
func countFields(src string) int {
	n := 0
	for i := strings.Index(src, "[["); i >= 0; {
		_, _, size := markdown.ParseField(src[i:])
		if size > 0 {
			n++
		} else {
			size = 2
		}
		j := strings.Index(src[i+size:], "[[")
		if j < 0 {
			break
		}
		i += size + j
	}
	return n
}
