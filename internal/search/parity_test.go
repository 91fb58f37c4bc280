package search

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	riskguide "github.com/riskguide/riskguide"
)

// TestJavaScriptParity runs the browser's fold, words and stem (search.js,
// under node, with the rules a manifest gives it) and the Go ones on the
// same texts: every file of the default
// site and some awkward cases. A query finds nothing if the two disagree.
func TestJavaScriptParity(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is needed to compare search.js with the Go rules")
		}
		t.Skip("node not installed")
	}
	texts := []string{
		"Łódź Østerreich Straße Crème brûlée İstanbul ΣΊΣΥΦΟΣ naïve façade",
		"victim’s victims' don't rock'n'roll 2019 ²³ Ⅻ",
		"monitoring monitored disaggregation children sharing referring assessed processes policies",
		"ůůed aaed bbing fizzed controlled falling",
	}
	err = fs.WalkDir(riskguide.Default, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(riskguide.Default, p)
		texts = append(texts, string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		Words []string `json:"words"`
		Stems []string `json:"stems"`
	}
	var want []result
	for _, s := range texts {
		var r result
		r.Words = Words(s)
		for _, w := range r.Words {
			r.Stems = append(r.Stems, StemEnglish(w))
		}
		want = append(want, r)
	}
	_, here, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(here), "..", "..", "assets", "js", "search.js")
	input, _ := json.Marshal(map[string]any{"texts": texts, "rules": browserRules("en")})
	cmd := exec.Command(node, "-e", `
const vm = require('vm'), fs = require('fs');
const ctx = {}; ctx.window = ctx; vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), ctx);
const s = ctx.riskguideSearch;
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
s.setRules(input.rules);
process.stdout.write(JSON.stringify(input.texts.map(t => { const w = s.words(t); return {words: w, stems: w.map(x => s.stem(x))}; })));
`, script)
	cmd.Stdin = strings.NewReader(string(input))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []result
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if !slices.Equal(got[i].Words, want[i].Words) {
			t.Errorf("text %d: words differ\n  go: %q\n  js: %q", i, first(want[i].Words), first(got[i].Words))
			continue
		}
		for j := range want[i].Stems {
			if got[i].Stems[j] != want[i].Stems[j] {
				t.Errorf("stem of %q: go %q, js %q", want[i].Words[j], want[i].Stems[j], got[i].Stems[j])
			}
		}
	}
}

func first(s []string) []string { return s[:min(len(s), 20)] }
