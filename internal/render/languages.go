package render

import (
	"cmp"
	"html/template"

	"github.com/riskguide/riskguide/internal/site"
)

// LanguageLink is one entry of the language switcher.
type LanguageLink struct {
	Lang    string // BCP 47 tag, for lang and hreflang
	Name    string // the language's name in itself
	URL     string // the same page in that language
	Current bool
}

// autonyms are the names of languages in themselves, as a switcher shows
// them: a reader looks for their own language's name, not a translation of
// it.
var autonyms = map[string]string{
	"en": "English", "fr": "Français", "de": "Deutsch", "es": "Español",
	"it": "Italiano", "pl": "Polski", "pt": "Português", "nl": "Nederlands",
}

// Languages returns the language switcher's links from this page to the
// same page in each language, or nil on a site in one language. Links are
// relative, so that they work from a shared drive and under any sub-path.
func (b *Base) Languages() []LanguageLink {
	v := b.Site.Languages
	if v == nil {
		return nil
	}
	from := v.Prefix(v.Lang) + b.Path
	var out []LanguageLink
	for _, lang := range v.Languages {
		out = append(out, LanguageLink{
			Lang: lang, Name: cmp.Or(autonyms[lang], lang), Current: lang == v.Lang,
			URL: relative(from, v.Prefix(lang)+b.Path, b.Site.Config.PrettyURLs),
		})
	}
	return out
}

// Notice is what a page says about a text shown in the source language or
// translated from an older version of its source.
type Notice struct {
	Stale      bool   // translated, but the source changed since
	SourceLang string // the source language's tag
	SourceName string // and its name
	SourceURL  string // the source text
	Text, Link string // what the notice and its link say
}

// TranslationNotice returns the notice for the unit kind:id on this page
// ("result", "rec", "page", "checklist" or "protocol"), or nil when there is nothing to say: the
// page is in the source language or the translation is up to date.
func (b *Base) TranslationNotice(kind, id string) *Notice {
	v := b.Site.Languages
	if v == nil || v.State == nil {
		return nil
	}
	state := v.State[site.UnitKey(kind, id)]
	if state == site.TranslationDone || state == "" {
		return nil
	}
	target := b.Site.Target(kind, id)
	n := &Notice{
		Stale: state == site.TranslationStale, SourceLang: v.Source, SourceName: cmp.Or(autonyms[v.Source], v.Source),
		SourceURL: relative(v.Prefix(v.Lang)+b.Path, target, b.Site.Config.PrettyURLs),
	}
	key := "translation.missing." + kind
	if kind == "checklist" || kind == "protocol" {
		key = "translation.missing.page" // each has a page of its own
	}
	n.Link = b.text("translation.source")
	if n.Stale {
		// The date of the original as published says which version a
		// reader compares against; without one, the notice says only
		// that the original changed.
		if d := b.Site.Config.Published; d != "" {
			n.Text = b.text("translation.stale.dated", b.Date(d))
			return n
		}
		key = "translation.stale"
	}
	if state == site.TranslationPartial && site.KindNamed(kind).PerText {
		// These show each text translated so far (see site.Translate);
		// the other kinds, wholly in the source language, say so.
		key = "translation.partial"
	}
	n.Text = b.text(key)
	return n
}

// FallbackMark is the short mark shown after the title of an untranslated
// text where a list is the reader's way into the texts (the home page, a
// result's recommendations): a span in the page's language, which may sit
// inside the title's element. Templates show it where the text's Lang is
// set.
func (b *Base) FallbackMark() template.HTML {
	t := b.text("translation.missing.short")
	return template.HTML(` <span class="fallback-mark" lang="` + template.HTMLEscapeString(b.Site.Languages.Lang) + `">` + template.HTMLEscapeString(t) + `</span>`)
}

// languagesCSS styles the language switcher and the translation notices. It
// joins the generated theme.css only on a site in several languages, so
// that a site in one language is built exactly as before.
const languagesCSS = `
/* Sites in several languages: the language switcher under the header, and
   the notice over a text shown untranslated or translated from an older
   source. */
.languages ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; justify-content: flex-end; list-style: none; margin: 0 auto; max-width: 72rem; padding: 0.25rem 1rem; }
.languages a, .languages span { display: inline-block; padding: 0.25rem 0; }
.languages [aria-current] { font-weight: 700; }
.translation-notice { border-left: 4px solid #1a1a1a; padding: 0.5rem 0.75rem; background: #fff8e1; color: #1a1a1a; }
.translation-notice a { color: #1a1a1a; }
.fallback-mark { color: var(--muted); font-size: 0.85rem; font-weight: 400; white-space: nowrap; }
.fallback-mark::before { content: "("; }
.fallback-mark::after { content: ")"; }
`
