package site

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// Fingerprint identifies the wording of a site's expected results and
// recommendations. A self-assessment export carries it, so that a reader can
// tell whether answers were given against the same text. It is the first 16
// hex digits of a SHA-256 over every result's id, title and statement and
// every recommendation's id, result id and text, sorted by kind and id: moving
// files or recommendations around leaves it unchanged, rewording changes it.
// A site in another language than the source has the source's fingerprint:
// its answers are to the same guidance (see Translate).
func (s *Site) Fingerprint() string {
	if s.sourceFingerprint != "" {
		return s.sourceFingerprint
	}
	var lines []string
	for _, res := range s.Results {
		lines = append(lines, "result\x00"+res.ID+"\x00"+res.Title+"\x00"+res.Statement)
		for _, rec := range res.Recommendations {
			lines = append(lines, "rec\x00"+rec.ID+"\x00"+res.ID+"\x00"+rec.Text)
		}
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
