package serve

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// bilingualSite writes an editable copy of the bilingual example, English
// at the root and French under fr/.
func bilingualSite(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS("../../docs/examples/bilingual")); err != nil {
		t.Fatal(err)
	}
	return dir
}

var reloadSrc = regexp.MustCompile(`<script[^>]* src="([^"]*reload\.js)"`)

// TestTranslationEditReloads edits a translation while serving: the pages
// of the other language load the live-reload script from where it is, and
// the edit rebuilds them.
func TestTranslationEditReloads(t *testing.T) {
	p := start(t, bilingualSite(t))
	events := p.connect(t)
	events.await(t, "hello")

	for _, page := range []string{"/fr/index.html", "/fr/about/index.html"} {
		_, html := p.get(t, page)
		m := reloadSrc.FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("%s loads no live-reload script", page)
		}
		base, _ := url.Parse(p.URL() + strings.TrimPrefix(page, "/"))
		ref, err := url.Parse(m[1])
		if err != nil {
			t.Fatal(err)
		}
		if got := base.ResolveReference(ref).Path; got != "/_riskguide/reload.js" {
			t.Errorf("%s loads the live-reload script from %s, want /_riskguide/reload.js", page, got)
		}
	}

	site := p.read(t, "translations/fr/site.yaml")
	p.write(t, "translations/fr/site.yaml", strings.Replace(site, "title: Signalements à l'accueil", "title: Modifié pendant l'aperçu", 1))
	events.await(t, "reload")
	if _, home := p.get(t, "/fr/index.html"); !strings.Contains(home, "Modifié pendant l&#39;aperçu") {
		t.Error("the French home page does not show the edit of its translation")
	}
	if !strings.Contains(p.out.String(), "translations/fr/site.yaml changed: rebuilt") {
		t.Errorf("terminal does not report the rebuild:\n%s", p.out)
	}
}

// TestBrowserLiveReloadOtherLanguage is TestTranslationEditReloads in a
// real browser: a French page open in the preview reloads by itself when
// its translation is edited, and when the source is.
func TestBrowserLiveReloadOtherLanguage(t *testing.T) {
	b := browsertest.Shared(t)
	p := start(t, bilingualSite(t))
	pg := b.NewPage(t)
	pg.Navigate(p.URL() + "fr/about/index.html")

	site := p.read(t, "translations/fr/site.yaml")
	p.write(t, "translations/fr/site.yaml", strings.Replace(site, "title: Signalements à l'accueil", "title: Modifié pendant l'aperçu", 1))
	poll(t, pg, `document.title.indexOf("Modifié pendant l'aperçu") >= 0 ? 'yes' : 'no'`, "yes", "French title after editing its translation")

	roles := p.read(t, "content/roles.yaml")
	p.write(t, "content/roles.yaml", "roles:\n  - id: Bad_ID\n    name: X\n")
	poll(t, pg, `(`+overlayText+`).indexOf('content/roles.yaml:2:9') >= 0 ? 'yes' : 'no'`, "yes", "problems over the French page")
	p.write(t, "content/roles.yaml", roles)
	poll(t, pg, overlayText, "", "overlay after the fix")
	pg.CheckClean()
}
