package build

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkZZGen(b *testing.B) {
	s, err := FindSource(os.Getenv("ZZSRC"))
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join("/dev/shm/zzout", "public")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildSource(s, Options{Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
