package publish

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// Memory keeps a build's files in memory, for the live preview: it serves
// from memory, so that a rebuild never waits for the disk.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
	bytes int64
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Create opens one file for writing, as Output.Create does; the file is
// kept once closed. It is safe for concurrent use.
func (m *Memory) Create(name string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	return &memoryFile{m: m, name: name}, nil
}

// Contents returns the files by path. They must not be changed.
func (m *Memory) Contents() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Files counts the files written.
func (m *Memory) Files() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return int64(len(m.files))
}

// Bytes is the total size of the files written.
func (m *Memory) Bytes() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.bytes
}

type memoryFile struct {
	m    *Memory
	name string
	buf  bytes.Buffer
}

func (f *memoryFile) Write(p []byte) (int, error) { return f.buf.Write(p) }

func (f *memoryFile) Close() error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	if _, dup := f.m.files[f.name]; dup {
		return fmt.Errorf("%s written twice", f.name)
	}
	f.m.files[f.name] = f.buf.Bytes()
	f.m.bytes += int64(f.buf.Len())
	return nil
}
