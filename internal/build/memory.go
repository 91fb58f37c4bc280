package build

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// output is where a build's files go: a staging folder (publish.Output) or
// memory.
type output interface {
	Write(name string, data []byte) error
	Create(name string) (io.WriteCloser, error)
	Files() int64
	Bytes() int64
}

// memoryOutput keeps a build's files in a map, for the live preview: it
// serves from memory, so that a rebuild never waits for the disk.
type memoryOutput struct {
	mu    sync.Mutex
	files map[string][]byte
	bytes int64
}

func newMemoryOutput() *memoryOutput { return &memoryOutput{files: map[string][]byte{}} }

// Write stores a copy of data: the renderer reuses its buffers.
func (m *memoryOutput) Write(name string, data []byte) error {
	return m.put(name, bytes.Clone(data))
}

func (m *memoryOutput) put(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = data
	m.bytes += int64(len(data))
	return nil
}

func (m *memoryOutput) Create(name string) (io.WriteCloser, error) {
	return &memoryFile{m: m, name: name}, nil
}

func (m *memoryOutput) Files() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return int64(len(m.files))
}

func (m *memoryOutput) Bytes() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.bytes
}

type memoryFile struct {
	m    *memoryOutput
	name string
	buf  bytes.Buffer
}

func (f *memoryFile) Write(p []byte) (int, error) { return f.buf.Write(p) }

func (f *memoryFile) Close() error { return f.m.put(f.name, f.buf.Bytes()) }

// Abort drops what was written: the page is written again or the build
// abandoned.
func (f *memoryFile) Abort() error { return nil }
