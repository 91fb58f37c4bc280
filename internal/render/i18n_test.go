package render

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

var builtinStrings = fstest.MapFS{
	"layouts/i18n/en.yaml": {Data: []byte("skip: Skip to content\nrec.label: \"{Recommendation} %s\"\nhome.intro: \"%d and %d\"\n")},
	"layouts/i18n/fr.yaml": {Data: []byte("skip: Aller au contenu\n")},
}

// TestMessagesMergeKeyByKey: the site's file over the built-in one of its
// language, over English; terms fill the placeholders.
func TestMessagesMergeKeyByKey(t *testing.T) {
	site := fstest.MapFS{"layouts/i18n/fr.yaml": {Data: []byte("rec.label: \"Exigence %s\"\n")}}
	m, err := LoadMessages(layered{site, builtinStrings}, "fr-CA")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"skip": "Aller au contenu", "rec.label": "Exigence %s", "home.intro": "%d and %d", "none": "none"} {
		if got := m.Lookup(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

// layered is a site's files over the built-in ones, as build's overlay.
type layered []fs.FS

func (l layered) Open(name string) (fs.File, error) {
	for _, layer := range l {
		if f, err := layer.Open(name); err == nil {
			return f, nil
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (l layered) Layers() []fs.FS { return l }

// FuzzCheckMessages: any bytes as a site's interface strings give problems
// with a position, never a panic.
func FuzzCheckMessages(f *testing.F) {
	f.Add([]byte("rec.label: \"Requirement %d\"\nskip: \"\"\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("skip: {a: b}\nx: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		site := fstest.MapFS{"layouts/i18n/en.yaml": {Data: data}}
		for _, d := range CheckMessages(site, builtinStrings) {
			if !strings.HasPrefix(d.Pos.File, "layouts/i18n/") || d.Message == "" {
				t.Fatalf("problem without file or message: %+v", d)
			}
		}
	})
}
