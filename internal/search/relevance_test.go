package search_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/riskguide/riskguide/internal/generate"
)

type hit struct {
	URL     string `json:"url"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Snippet []struct {
		Text string `json:"text"`
		Mark bool   `json:"mark"`
	} `json:"snippet"`
}

type answer struct {
	Q     string  `json:"q"`
	Total int     `json:"total"`
	MS    float64 `json:"ms"`
	Docs  []hit   `json:"docs"`
}

type query struct {
	Q    string `json:"q"`
	Kind string `json:"kind,omitempty"`
	Role string `json:"role,omitempty"`
}

// runQueries builds nothing: it asks the real search.js, under node, to
// answer queries against the index of the site built in dir.
func runQueries(t *testing.T, dir string, qs []query) []answer {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is needed to run search.js")
		}
		t.Skip("node not installed")
	}
	_, here, _, _ := runtime.Caller(0)
	cmd := exec.Command(node, filepath.Join(filepath.Dir(here), "testdata", "run-queries.js"), dir)
	in, _ := json.Marshal(qs)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var answers []answer
	if err := json.Unmarshal(out, &answers); err != nil {
		t.Fatal(err)
	}
	return answers
}

func rank(a answer, url string) int {
	for i, d := range a.Docs {
		if d.URL == url {
			return i + 1
		}
	}
	return 0
}

// TestRelevance is the table of queries and the results a reader expects
// near the top, on the default content.
func TestRelevance(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(generate.DefaultSource(), generate.Options{Out: dir}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q      query
		want   []string // each must be within top
		within int
	}{
		{query{Q: "children"}, []string{"recommendations/children-needs/index.html"}, 3},
		{query{Q: "information sharing"}, []string{"recommendations/information-sharing-protocols/index.html", "protocols/information-sharing-agreement/index.html"}, 5},
		{query{Q: "disaggregation"}, []string{"recommendations/minimum-disaggregation/index.html", "recommendations/administrative-data-monitoring/index.html"}, 4},
		{query{Q: "training needs"}, []string{"recommendations/training-needs-analysis/index.html"}, 2},
		{query{Q: "victim safety monitoring"}, []string{"recommendations/victim-safety-monitoring/index.html"}, 3},
		{query{Q: "perpetrator behaviour"}, []string{"recommendations/perpetrator-monitoring/index.html"}, 3},
		{query{Q: "victims’ assessments of risk"}, []string{"recommendations/victim-risk-assessment-significance/index.html"}, 3},
		{query{Q: "glossary"}, []string{"glossary/index.html"}, 1},
		{query{Q: "stereotyping"}, []string{"recommendations/challenge-stereotyping/index.html"}, 2},
		{query{Q: "istanbul convention"}, []string{"sources/index.html#source-istanbul-convention"}, 1},
		// prefixes and stems
		{query{Q: "disaggreg"}, []string{"recommendations/minimum-disaggregation/index.html"}, 4},
		{query{Q: "monitored perpetrators"}, []string{"recommendations/perpetrator-monitoring/index.html"}, 3},
		{query{Q: "referring"}, []string{"recommendations/referral-responsibilities/index.html"}, 5},
		// filters
		{query{Q: "information sharing", Kind: "protocol"}, []string{"protocols/information-sharing-agreement/index.html"}, 1},
		{query{Q: "training", Role: "training-lead", Kind: "checklist"}, []string{"checklists/training-lead/index.html"}, 1},
	}
	var qs []query
	for _, tc := range tests {
		qs = append(qs, tc.q)
	}
	answers := runQueries(t, dir, qs)
	for i, tc := range tests {
		a := answers[i]
		for _, want := range tc.want {
			if r := rank(a, want); r == 0 || r > tc.within {
				var got []string
				for _, d := range a.Docs {
					got = append(got, d.URL)
				}
				t.Errorf("%+v: %s ranked %d, want within top %d; got %v", tc.q, want, r, tc.within, got)
			}
		}
		if tc.q.Kind != "" {
			for _, d := range a.Docs {
				if d.Kind != tc.q.Kind {
					t.Errorf("%+v: filter let through a %s: %s", tc.q, d.Kind, d.URL)
				}
			}
		}
	}
}

// TestQueriesOnASmallSite checks diacritics, all-words-required, HTML shown
// as text, and that snippets mark the matched words.
func TestQueriesOnASmallSite(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":  {Data: []byte("title: T\n")},
		"content/roles.yaml": {Data: []byte("roles:\n  - id: officer\n    name: Officer\n")},
		"content/expected-results/01-a.yaml": {Data: []byte(`id: a
title: Cities
statement: S.
recommendations:
  - id: lodz
    text: Work with partners in Łódź and Kraków.
    roles: [officer]
  - id: html
    text: "Never write <script>alert(1)</script> or <b>bold</b> into records."
    roles: [officer]
  - id: both
    text: Plan safety visits and plan court dates.
    roles: [officer]
`)},
	}
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(generate.Source{FS: fsys, Name: "t"}, generate.Options{Out: dir}); err != nil {
		t.Fatal(err)
	}
	answers := runQueries(t, dir, []query{{Q: "lodz"}, {Q: "KRAKOW"}, {Q: "script alert"}, {Q: "safety court"}, {Q: "safety lodz"}, {Q: "the"}})
	if rank(answers[0], "recommendations/lodz/index.html") != 1 || rank(answers[1], "recommendations/lodz/index.html") != 1 {
		t.Errorf("folding: lodz → %+v, KRAKOW → %+v", answers[0].Docs, answers[1].Docs)
	}
	if len(answers[2].Docs) != 1 || !strings.Contains(answers[2].Docs[0].Title, "<script>alert(1)</script>") {
		t.Errorf("HTML in content should come back as plain text: %+v", answers[2].Docs)
	}
	if rank(answers[3], "recommendations/both/index.html") != 1 {
		t.Errorf("all words: %+v", answers[3].Docs)
	}
	if answers[4].Total != 0 {
		t.Errorf("a document must have every word: %+v", answers[4].Docs)
	}
	if answers[5].Total != 0 {
		t.Errorf("a query of stop words found %d", answers[5].Total)
	}
}

// TestTitleFirst checks that the recommendation whose title holds every
// word of the query ranks first, above templates, checklists and other
// recommendations that mention the words in their text or share one word of
// the title; on the default content and on text nobody here wrote (a subset
// of OWASP ASVS 5.0, see testdata/asvs/README.md).
func TestTitleFirst(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	sites := []struct {
		name string
		src  generate.Source
		want map[string]string // query -> first result
	}{
		{"default", generate.DefaultSource(), map[string]string{
			"evaluate training":                "recommendations/training-evaluation/index.html",
			"information sharing arrangements": "recommendations/information-sharing-protocols/index.html",
			"agree protocols":                  "recommendations/information-sharing-protocols/index.html",
			"victim support services":          "recommendations/victim-perpetrator-service-links/index.html",
			"administrative sources":           "recommendations/administrative-data-monitoring/index.html",
			"institutional sexism":             "recommendations/challenge-stereotyping/index.html",
			"mandatory training":               "recommendations/mandatory-training/index.html",
			"co-produce training":              "recommendations/co-produced-training/index.html",
		}},
		{"asvs", generate.Source{FS: os.DirFS(filepath.Join(filepath.Dir(here), "testdata", "asvs")), Name: "asvs"}, map[string]string{
			"session inactivity timeout": "recommendations/v7-1-1/index.html",
			"new session token":          "recommendations/v7-2-4/index.html",
			"random number generation":   "recommendations/v11-5-2/index.html",
			"key exchange":               "recommendations/v11-6-2/index.html",
			"encrypt-then-MAC":           "recommendations/v11-3-5/index.html",
		}},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if _, err := generate.BuildSource(s.src, generate.Options{Out: dir}); err != nil {
				t.Fatal(err)
			}
			var qs []query
			for q := range s.want {
				qs = append(qs, query{Q: q})
			}
			for i, a := range runQueries(t, dir, qs) {
				if want := s.want[qs[i].Q]; rank(a, want) != 1 {
					var got []string
					for _, d := range a.Docs {
						got = append(got, d.URL)
					}
					t.Errorf("%q: want %s first, got %v", qs[i].Q, want, got)
				}
			}
		})
	}
}

// TestNeighbouringWords checks the two rules below the title: words next to
// each other in the query rank a text where they stand together above one
// where they are apart, and a heading weighs more than the body around it.
func TestNeighbouringWords(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":  {Data: []byte("title: T\n")},
		"content/roles.yaml": {Data: []byte("roles:\n  - id: officer\n    name: Officer\n")},
		"content/expected-results/01-a.yaml": {Data: []byte(`id: a
title: A
statement: S.
recommendations:
  - id: apart
    text: Plan the safety of every victim's children and review the plan.
    roles: [officer]
  - id: together
    text: Review victim safety plans with children present where they ask.
    roles: [officer]
`)},
		"content/pages/one.md": {Data: []byte("---\ntitle: One\n---\nSome words about escalation and courts.\n")},
		"content/pages/two.md": {Data: []byte("---\ntitle: Two\n---\n## Escalation\n\nSome words about courts.\n")},
	}
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := generate.BuildSource(generate.Source{FS: fsys, Name: "t"}, generate.Options{Out: dir}); err != nil {
		t.Fatal(err)
	}
	answers := runQueries(t, dir, []query{{Q: "victim safety"}, {Q: "escalation"}})
	if rank(answers[0], "recommendations/together/index.html") != 1 {
		t.Errorf("victim safety: want the text where the words stand together first: %+v", answers[0].Docs)
	}
	if rank(answers[1], "two/index.html") != 1 {
		t.Errorf("escalation: want the page with it as a heading first: %+v", answers[1].Docs)
	}
}
