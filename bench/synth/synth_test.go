package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, 45, 7); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, 45, 7); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"content/expected-results/00003-result-3.yaml", "checklists/analyst.yaml", "content/protocols/protocol-2.md"} {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%v, %v)", name, err1, err2)
		}
	}
}
