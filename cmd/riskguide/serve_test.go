package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServe runs serve as an editor would and stops it with Ctrl-C (SIGINT).
func TestServe(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "new", "site"); r.code != 0 {
		t.Fatalf("new: %+v", r)
	}
	tmp := t.TempDir()
	cmd := exec.Command(binary, "serve", "--source", "site", "--port", "0")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	serving := regexp.MustCompile(`^Serving site at (http://127\.0\.0\.1:\d+/)  Press Ctrl-C to stop$`)
	url := ""
	for url == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("serve ended early; stderr: %s", errb.String())
			}
			if m := serving.FindStringSubmatch(line); m != nil {
				url = m[1]
			}
		case <-time.After(waitLimit(t)):
			t.Fatal("serve printed no address")
		}
	}

	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "_riskguide/reload.js") {
		t.Errorf("home page: %d, reload script included: %v", resp.StatusCode, strings.Contains(string(body), "_riskguide/reload.js"))
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "public")); !os.IsNotExist(err) {
		t.Error("serve wrote public/")
	}

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for line := range lines {
		rest = append(rest, line)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after Ctrl-C: %v; stderr: %s", err, errb.String())
	}
	if len(rest) == 0 || rest[len(rest)-1] != "stopped" {
		t.Errorf("last output %q, want stopped", rest)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestServeMisuse(t *testing.T) {
	for _, args := range [][]string{{"serve", "--port", "70000"}, {"serve", "extra"}, {"serve", "--port", "x"}} {
		if r := run(t, t.TempDir(), args...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, r.code, r.stderr)
		}
	}
	if r := run(t, t.TempDir(), "serve", "--source", "no-such-folder"); r.code != 1 || !strings.Contains(r.stderr, "no-such-folder") {
		t.Errorf("serve of a missing folder: %+v", r)
	}
}
