package edition

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/riskguide/riskguide/internal/site"
)

// The record file's shape. Field order here is the order in the file.
type recordFile struct {
	Version string       `yaml:"version" json:"version"`
	Date    string       `yaml:"date" json:"date"`
	Results []resultFile `yaml:"results" json:"results"`
	Hash    string       `yaml:"hash" json:"-"`
}

type resultFile struct {
	ID        string    `yaml:"id" json:"id"`
	Number    int       `yaml:"number" json:"number"`
	Title     string    `yaml:"title" json:"title"`
	Statement string    `yaml:"statement" json:"statement"`
	Recs      []recFile `yaml:"recommendations" json:"recommendations"`
}

type recFile struct {
	ID       string `yaml:"id" json:"id"`
	Label    string `yaml:"label" json:"label"`
	Text     string `yaml:"text" json:"text"`
	Surround string `yaml:"surround" json:"surround"`
}

// FileName is the record of edition version inside the site folder.
func FileName(version string) string { return Dir + "/" + version + ".yaml" }

func (r *Record) file() recordFile {
	f := recordFile{Version: r.Version, Date: r.Date}
	for _, res := range r.Results {
		rf := resultFile{ID: res.ID, Number: res.Number, Title: res.Title, Statement: res.Statement}
		for _, x := range res.Recs {
			rf.Recs = append(rf.Recs, recFile{ID: x.ID, Label: x.Label, Text: x.Text, Surround: x.Surround})
		}
		f.Results = append(f.Results, rf)
	}
	f.Hash = f.contentHash()
	return f
}

// contentHash is the hash of the record's values, not of its bytes: a
// record re-indented or re-wrapped is still the same record, one with a
// word changed is not.
func (f recordFile) contentHash() string {
	b, err := json.Marshal(f)
	if err != nil {
		panic(err) // strings and ints only: cannot fail
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Marshal writes the record as the YAML file `edition record` writes,
// deterministically: the same record gives the same bytes.
func (r *Record) Marshal(siteTitle string) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Edition %s of %q, as published on %s.\n", r.Version, siteTitle, r.Date)
	buf.WriteString("# Written by `riskguide edition record`. Do not edit: riskguide refuses a\n")
	buf.WriteString("# record whose hash no longer matches its content.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(r.file()); err != nil {
		panic(err) // a plain struct: cannot fail
	}
	enc.Close()
	return buf.Bytes()
}

// Parse reads a record written by Marshal. name is its path inside the site
// folder, for positions. A record whose hash does not match its content is
// refused at the hash's line; so is one that does not name its own version
// in its file name.
func Parse(name string, data []byte) (*Record, site.Diagnostics) {
	var diags site.Diagnostics
	pos := func(n *yaml.Node) site.Pos { return site.Pos{File: name, Line: n.Line, Col: n.Column} }
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		diags.Add(site.Pos{File: name}, "%v", err)
		return nil, diags
	}
	if len(doc.Content) == 0 {
		diags.Add(site.Pos{File: name, Line: 1}, "empty edition record")
		return nil, diags
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f recordFile
	if err := dec.Decode(&f); err != nil {
		diags.Add(site.Pos{File: name}, "%v", strings.TrimPrefix(err.Error(), "yaml: "))
		return nil, diags
	}
	root := doc.Content[0]
	rec := &Record{Version: f.Version, Date: f.Date, Pos: pos(root)}
	_, results := mapEntry(root, "results")
	for i, rf := range f.Results {
		res := Result{ID: rf.ID, Number: rf.Number, Title: rf.Title, Statement: rf.Statement, Pos: rec.Pos}
		var recs *yaml.Node
		if results != nil && i < len(results.Content) {
			res.Pos = pos(results.Content[i])
			_, recs = mapEntry(results.Content[i], "recommendations")
		}
		for j, x := range rf.Recs {
			p := res.Pos
			if recs != nil && j < len(recs.Content) {
				p = pos(recs.Content[j])
			}
			res.Recs = append(res.Recs, Rec{ID: x.ID, Label: x.Label, Text: x.Text, Surround: x.Surround, Pos: p})
		}
		rec.Results = append(rec.Results, res)
	}
	hashPos := rec.Pos
	if _, n := mapEntry(root, "hash"); n != nil {
		hashPos = pos(n)
	}
	switch want := f.contentHash(); {
	case f.Hash == "":
		diags.Add(hashPos, "edition record has no hash: records are written by `riskguide edition record`, not by hand")
	case f.Hash != want:
		diags.Add(hashPos, "edition record %s was changed after it was written (its hash does not match its content): restore it from version control (or, if the content is still that edition's, delete the file and record the edition again with `riskguide edition record`)", name)
	}
	if want := FileName(f.Version); name != want && !strings.HasSuffix(name, "/"+want) {
		diags.Add(rec.Pos, "edition record for version %q must be named %s", f.Version, want)
	}
	return rec, diags
}

// mapEntry returns the key node and the value of key in mapping node m,
// or nils.
func mapEntry(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}
