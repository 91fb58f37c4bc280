//go:build !unix

package publish

import (
	"io"
	"os"
)

// openWrite creates or truncates path for writing.
func openWrite(path string) (io.WriteCloser, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}
