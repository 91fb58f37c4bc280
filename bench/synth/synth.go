// Package synth writes synthetic riskguide sites of any size, for benchmarks
// and scale tests. The same size and seed always give the same files.
//
// The shape follows the default content: results of about twenty
// recommendations, each with guidance of about 150 words, three indicators,
// two citations and two or three roles; eight roles with a checklist each;
// twenty sources; one protocol per 200 recommendations; one free page.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var words = strings.Fields(`risk victim perpetrator officer police partner agency assessment management
violence abuse incident report record information evidence statement interview safety plan support
service referral protocol procedure policy practice training supervisor investigator household child
family relationship history threat harm injury weapon stalking harassment coercion control behaviour
pattern escalation frequency severity indicator factor outcome response intervention protection order
court review audit inspection data system tool checklist form template guidance principle standard
framework strategy objective priority resource capacity workload skill knowledge awareness culture
leadership responsibility accountability oversight governance consent confidentiality disclosure sharing
meeting network coordination communication interpreter community unit station shift team specialist
advocate shelter housing health school welfare disability migrant separation custody contact feedback
survey research analysis trend period deadline schedule follow-up telephone device camera document case
category level threshold score judgement decision rationale handover continuity quality accuracy
timeliness bias stereotype gender dignity trust engagement voice experience trauma fear isolation
resilience recovery autonomy right duty obligation law regulation directive convention article section`)

// Write creates a site with n recommendations under dir.
func Write(dir string, n int, seed uint64) error {
	g := &gen{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), dir: dir}
	roles := []string{"call-handler", "frontline-officer", "investigator", "supervisor", "specialist", "training-lead", "analyst", "strategic-lead"}
	g.file("content/site.yaml", "title: Synthetic guidance\ntagline: Generated for benchmarks\npublisher: riskguide\nversion: \"1.0\"\n")

	var b strings.Builder
	b.WriteString("roles:\n")
	for _, r := range roles {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    description: %s\n", r, g.title(2), g.sentence(14))
	}
	g.file("content/roles.yaml", b.String())

	b.Reset()
	b.WriteString("sources:\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "  - id: source-%d\n    title: %s\n    publisher: %s\n    year: %d\n", i, g.title(6), g.title(2), 2000+i)
	}
	g.file("content/sources.yaml", b.String())

	perResult := 20
	results := (n + perResult - 1) / perResult
	rec := 0
	var recIDs []string
	for r := 1; r <= results && rec < n; r++ {
		b.Reset()
		fmt.Fprintf(&b, "id: result-%d\ntitle: %s\nstatement: %s\nsummary: |\n  %s\nrecommendations:\n", r, g.title(4), g.sentence(25), g.sentence(40))
		for i := 0; i < perResult && rec < n; i++ {
			rec++
			id := fmt.Sprintf("rec-%d", rec)
			recIDs = append(recIDs, id)
			fmt.Fprintf(&b, "  - id: %s\n    text: %s\n    roles: [%s, %s]\n    guidance: |\n", id, g.sentence(18), roles[rec%8], roles[(rec+3)%8])
			for p := 0; p < 3; p++ {
				para := g.sentence(45)
				if p == 1 && rec > 1 {
					para += fmt.Sprintf(" See [the related recommendation](rec:rec-%d).", rec-1)
				}
				fmt.Fprintf(&b, "      %s\n\n", para)
			}
			b.WriteString("    indicators:\n")
			for k := 0; k < 3; k++ {
				fmt.Fprintf(&b, "      - %s\n", g.sentence(12))
			}
			fmt.Fprintf(&b, "    evidence:\n      - source: source-%d\n        locator: Article %d\n      - source: source-%d\n", 1+rec%20, 1+rec%60, 1+(rec+7)%20)
		}
		g.file(fmt.Sprintf("content/expected-results/%05d-result-%d.yaml", r, r), b.String())
	}

	for i, role := range roles {
		b.Reset()
		fmt.Fprintf(&b, "role: %s\ntitle: %s checklist\nsections:\n", role, g.title(2))
		for s := 0; s < 3; s++ {
			fmt.Fprintf(&b, "  - title: %s\n    items:\n", g.title(3))
			for k := 0; k < 5; k++ {
				fmt.Fprintf(&b, "      - text: %s\n        recommendations: [%s]\n", g.sentence(9), recIDs[(i*15+s*5+k)%len(recIDs)])
			}
		}
		g.file("checklists/"+role+".yaml", b.String())
	}

	for p := 1; p <= max(3, n/200); p++ {
		g.file(fmt.Sprintf("content/protocols/protocol-%d.md", p), fmt.Sprintf(
			"---\ntitle: %s\nsummary: %s\nrecommendations: [%s]\n---\n\n## Parties\n\n%s\n\nName: [[Name]]\n\n[[Agreed actions...]]\n\n| Party | Contact |\n|---|---|\n| [[Party 1]] | [[Contact 1]] |\n",
			g.title(4), g.sentence(15), recIDs[p%len(recIDs)], g.sentence(40)))
	}
	g.file("content/pages/about.md", "---\ntitle: About\nweight: 1\n---\n\n"+g.sentence(80)+"\n")
	return g.err
}

type gen struct {
	rnd *rand.Rand
	dir string
	err error
}

func (g *gen) word() string { return words[g.rnd.IntN(len(words))] }

func (g *gen) sentence(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		w := g.word()
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

func (g *gen) title(n int) string {
	s := g.sentence(n)
	return strings.TrimSuffix(s, ".")
}

func (g *gen) file(name, data string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	g.err = os.WriteFile(p, []byte(data), 0o644)
}
