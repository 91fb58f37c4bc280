package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/riskguide/riskguide/internal/synth"
)

// edit changes one file of a site: the first old after the first anchor
// (or the start, when anchor is "") becomes new.
type edit struct {
	name, file, anchor, old, new string
	// kept is how many recommendation pages the incremental build must
	// link rather than render; -1 means "some, but not all".
	kept int
}

// TestIncrementalBuildMatchesFullBuild makes the edits an author makes, one
// after another, and after each compares an incremental build (from the
// previous one) with a full build of the same files: every file must be the
// same, byte for byte. It also checks that the incremental build did skip
// the pages it could, so that the comparison is not of two full builds.
func TestIncrementalBuildMatchesFullBuild(t *testing.T) {
	t.Run("disk", func(t *testing.T) { testIncremental(t, false) })
	t.Run("memory", func(t *testing.T) { testIncremental(t, true) })
}

func testIncremental(t *testing.T, memory bool) {
	const recs = 120
	src := t.TempDir()
	if err := synth.Write(src, recs, 3); err != nil {
		t.Fatal(err)
	}
	result1 := "content/expected-results/00001-result-1.yaml"
	newRec := "  - id: rec-added\n    text: An added recommendation.\n    roles: [analyst]\n    guidance: |\n      Added guidance that links to [another](rec:rec-2).\n"
	edits := []edit{
		{name: "nothing", kept: recs},
		{name: "guidance", file: result1, anchor: "- id: rec-5\n", old: "    guidance: |\n      ", new: "    guidance: |\n      Edited guidance. ", kept: recs - 1},
		{name: "indicator", file: result1, anchor: "- id: rec-9\n", old: "    indicators:\n      - ", new: "    indicators:\n      - An edited indicator; ", kept: recs - 1},
		// A recommendation's text shows on its own page and in the guidance
		// navigation of its result's other recommendations (20 in all).
		{name: "recommendation text", file: result1, anchor: "- id: rec-7\n", old: "    text: ", new: "    text: Edited ", kept: recs - 20},
		// A result's title shows in the guidance navigation of every
		// recommendation page near it: here all of them.
		{name: "result title", file: result1, old: "title: ", new: "title: Edited ", kept: 0},
		{name: "role name", file: "content/roles.yaml", anchor: "- id: investigator\n", old: "    name: ", new: "    name: Chief ", kept: -1},
		{name: "source title", file: "content/sources.yaml", anchor: "- id: source-3\n", old: "    title: ", new: "    title: Edited ", kept: -1},
		{name: "protocol summary", file: "content/protocols/protocol-1.md", old: "summary: ", new: "summary: Edited ", kept: -1},
		{name: "checklist item", file: "checklists/investigator.yaml", old: "      - text: ", new: "      - text: Edited ", kept: -1},
		{name: "added recommendation", file: result1, old: "", new: "", kept: 0},
		{name: "site title", file: "content/site.yaml", old: "title: ", new: "title: Edited ", kept: 0},
		{name: "nothing again", kept: recs + 1},
	}
	dir := t.TempDir()
	source, err := FindSource(src)
	if err != nil {
		t.Fatal(err)
	}
	out := func(name string) string {
		if memory {
			return ""
		}
		return filepath.Join(dir, name)
	}
	prev, err := BuildSource(source, Options{Out: out("inc-0"), Memory: memory, Incremental: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range edits {
		if e.file != "" {
			path := filepath.Join(src, filepath.FromSlash(e.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			if e.name == "added recommendation" {
				text += newRec
			} else {
				at := strings.Index(text, e.anchor)
				j := strings.Index(text[at:], e.old)
				if at < 0 || j < 0 {
					t.Fatalf("%s: %q after %q not found in %s", e.name, e.old, e.anchor, e.file)
				}
				text = text[:at+j] + e.new + text[at+j+len(e.old):]
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		inc := out("inc-" + strconv.Itoa(i+1))
		res, err := BuildSource(source, Options{Out: inc, Memory: memory, Incremental: true, Previous: prev})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		full := filepath.Join(dir, "full-"+strconv.Itoa(i+1))
		if _, err := BuildSource(source, Options{Out: full}); err != nil {
			t.Fatal(err)
		}
		a, b := res.Output, snapshot(t, full)
		if !memory {
			a = snapshot(t, inc)
		}
		if len(a) != len(b) {
			t.Errorf("%s: incremental build has %d files, full build %d", e.name, len(a), len(b))
		}
		for name, data := range b {
			if !bytes.Equal(a[name], data) {
				t.Errorf("%s: %s differs from the full build", e.name, name)
			}
		}
		switch {
		case e.kept >= 0 && res.Kept != e.kept:
			t.Errorf("%s: %d pages kept, want %d", e.name, res.Kept, e.kept)
		case e.kept < 0 && (res.Kept == 0 || res.Kept >= recs):
			t.Errorf("%s: %d pages kept, want some but not all", e.name, res.Kept)
		}
		prev = res
	}
}

// TestOwnLayoutsAreRenderedInFull: a site's own layouts may show anything,
// so no page of it is ever kept.
func TestOwnLayoutsAreRenderedInFull(t *testing.T) {
	src := t.TempDir()
	if err := synth.Write(src, 20, 1); err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(src, "layouts", "partials", "footer.html")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, []byte(`{{define "footer"}}<footer>{{len .Site.Results}}</footer>{{end}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	source, err := FindSource(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	prev, err := BuildSource(source, Options{Out: filepath.Join(dir, "a"), Incremental: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := BuildSource(source, Options{Out: filepath.Join(dir, "b"), Incremental: true, Previous: prev})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kept != 0 {
		t.Errorf("%d pages kept from a site with its own layouts", res.Kept)
	}
}
