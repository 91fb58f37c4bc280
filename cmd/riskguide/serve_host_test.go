package main

import (
	"bufio"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startServe runs serve in dir with args and returns its address; the
// server is killed when the test ends.
func startServe(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--port", "0"}, args...)...)
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		serving := regexp.MustCompile(`at (http://\S+/)  Press Ctrl-C`)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case url := <-found:
		return url
	case <-time.After(waitLimit(t)):
		t.Fatal("serve printed no address")
	}
	return ""
}

// TestServeRefusesForeignHost: through the binary, a request addressed to
// a name other than the loopback ones or those given with --allow-host is
// answered 421, for pages and the live-reload stream alike.
func TestServeRefusesForeignHost(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, "new", "site"); r.code != 0 {
		t.Fatalf("new: %+v", r)
	}
	url := startServe(t, dir, "--source", "site", "--allow-host", "intranet.example", "--allow-host", "laptop")
	for _, c := range []struct {
		host string
		want int
	}{
		{"rebind.attacker.example", http.StatusMisdirectedRequest},
		{"laptop.attacker.example:1313", http.StatusMisdirectedRequest},
		{"localhost", http.StatusOK},
		{"intranet.example:8080", http.StatusOK},
		{"laptop", http.StatusOK},
	} {
		for _, path := range []string{"", "about/", "/about", "_riskguide/events"} {
			req, _ := http.NewRequest("GET", url+path, nil)
			req.Host = c.host
			// "//about" must be sent to "/about/", not to the host "about".
			client := &http.Client{Timeout: waitLimit(t), CheckRedirect: func(r *http.Request, _ []*http.Request) error {
				if r.URL.Host != req.URL.Host || r.URL.Path != "/about/" {
					t.Errorf("/%s for %s: redirected to %s", path, c.host, r.URL)
				}
				return nil
			}}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body string
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
				b, _ := io.ReadAll(resp.Body)
				body = string(b)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("/%s for %s: status %d, want %d", path, c.host, resp.StatusCode, c.want)
			}
			if c.want != http.StatusOK && !strings.Contains(body, "--allow-host NAME") {
				t.Errorf("/%s for %s: the refusal does not say what to do: %q", path, c.host, body)
			}
		}
	}
}
