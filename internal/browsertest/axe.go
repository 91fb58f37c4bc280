package browsertest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// AxeTags are the rule sets axe runs: WCAG 2.0, 2.1 and 2.2, levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// AxeViolation is one failed axe rule, with the elements that fail it.
type AxeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v AxeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

var axeSource struct {
	once sync.Once
	text string
	err  error
}

// AxePath finds axe.min.js in node_modules/axe-core of the module that holds
// the working directory (tests run in their package's folder).
func AxePath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("axe-core not installed at %s (run npm ci in %s)", p, dir)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory, so no node_modules/axe-core")
		}
		dir = parent
	}
}

// Axe runs axe-core on the current page against AxeTags and returns the
// violations. A missing axe-core is reported with Missing.
func (p *Page) Axe() []AxeViolation {
	p.t.Helper()
	axeSource.once.Do(func() {
		path, err := AxePath()
		if err != nil {
			axeSource.err = err
			return
		}
		b, err := os.ReadFile(path)
		axeSource.text, axeSource.err = string(b), err
	})
	if axeSource.err != nil {
		Missing(p.t, axeSource.err.Error())
	}
	if !Eval[bool](p, `typeof window.axe === 'object'`) {
		Run(p, evalVoid(axeSource.text))
	}
	tags := `['` + strings.Join(AxeTags, `','`) + `']`
	return Eval[[]AxeViolation](p, `axe.run(document, {runOnly: {type: 'tag', values: `+tags+`}, resultTypes: ['violations']}).then(function (r) {
	  return r.violations.map(function (v) {
	    return {id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.map(function (n) {
	      return n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ') + ']' : '');
	    })};
	  });
	})`)
}

// FailOnAxe reports each violation as a test error, naming the page.
func FailOnAxe(t testing.TB, where string, vs []AxeViolation) {
	t.Helper()
	for _, v := range vs {
		t.Errorf("%s: axe: %s", where, v)
	}
}
