package e2e

import (
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/browsertest"
)

// readable reports, for the page as shown with the current media, whether
// its heading and content are visible and whether any control that needs
// scripts is showing.
const readable = `(function () {
  var h1 = document.querySelector('h1'), main = document.querySelector('main');
  // A pack prints its sheets, each under its own heading, and not the
  // pack's heading, which would take a page of its own.
  if (h1 && h1.closest('.pack-head') && h1.getClientRects().length === 0) {
    h1 = document.querySelector('.sheet h2');
  }
  var shownJS = Array.prototype.filter.call(document.querySelectorAll('.js-only, [data-print], [data-clear]'),
    function (el) { return el.getClientRects().length > 0; }).length;
  return {
    h1: h1 ? h1.textContent.trim() : '',
    h1Shown: !!h1 && h1.getClientRects().length > 0,
    mainText: main ? main.innerText.trim().length : 0,
    scripted: document.documentElement.classList.contains('js'),
    scriptOnlyShown: shownJS
  };
})()`

type noJSState struct {
	H1              string `json:"h1"`
	H1Shown         bool   `json:"h1Shown"`
	MainText        int    `json:"mainText"`
	Scripted        bool   `json:"scripted"`
	ScriptOnlyShown int    `json:"scriptOnlyShown"`
}

// TestNoJavaScript opens every page of the default site with JavaScript
// turned off: each shows its heading and content, on screen and under print
// media, and hides the buttons that would need scripts. One page of each
// kind is printed to PDF, which must hold its heading.
func TestNoJavaScript(t *testing.T) {
	t.Parallel()
	b := browsertest.Shared(t)
	s := defaultSite(t)
	p := b.NewPage(t)
	p.DisableScripts()
	h := fileHost(s)
	printedKind := map[string]bool{}
	for _, pg := range s.Pages {
		p.Navigate(h.URL(pg))
		for _, media := range []string{"screen", "print"} {
			p.EmulateMedia(media)
			st := browsertest.Eval[noJSState](p, readable)
			if st.Scripted {
				t.Fatalf("%s: scripts ran although they are off", pg)
			}
			if st.H1 == "" || !st.H1Shown || st.MainText < 40 {
				t.Errorf("%s (%s, no JavaScript): heading %q shown %v, %d characters of content",
					pg, media, st.H1, st.H1Shown, st.MainText)
			}
			if st.ScriptOnlyShown > 0 {
				t.Errorf("%s (%s, no JavaScript): %d controls that need scripts are shown", pg, media, st.ScriptOnlyShown)
			}
		}
		p.EmulateMedia("")
		kind := browsertest.Eval[string](p, `document.body.className`)
		if printedKind[kind] {
			continue
		}
		printedKind[kind] = true
		p.EmulateMedia("print")
		st := browsertest.Eval[noJSState](p, readable)
		p.EmulateMedia("")
		pdf := p.PDF()
		browsertest.KeepPDF(t, "nojs-"+strings.TrimPrefix(kind, "kind-")+".pdf", pdf)
		if text := browsertest.PDFText(t, pdf); !strings.Contains(squash(text), squash(st.H1)) {
			t.Errorf("%s: printed without JavaScript, the PDF lacks the heading %q", pg, st.H1)
		}
	}
	if len(printedKind) < 8 {
		t.Errorf("printed only %d kinds of page: %v", len(printedKind), printedKind)
	}
}
