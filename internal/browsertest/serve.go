package browsertest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"text/template"
	"time"
)

// CSP is the Content-Security-Policy the site promises to work under.
const CSP = "default-src 'self'"

// RecommendedHeaders are the response headers docs/hosting.md recommends;
// the tests serve the site with them.
func RecommendedHeaders() http.Header {
	return http.Header{
		"Content-Security-Policy": {CSP},
		"X-Content-Type-Options":  {"nosniff"},
		"Referrer-Policy":         {"no-referrer"},
	}
}

// FileURL is the file:// address of name inside dir.
func FileURL(dir, name string) string {
	abs, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		panic(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// ServeDir serves dir at / with Go's http.FileServer, adding headers to
// every response, until the test ends. It returns the base URL, ending in /.
func ServeDir(t testing.TB, dir string, headers http.Header) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header()[k] = v
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// Nginx is a running nginx-light serving one folder under a sub-path.
type Nginx struct {
	URL    string // the site's address, ending in /
	Prefix string // nginx's prefix folder: config, logs, pid
}

// nginxConf serves Root at Path only; everything else is a 404, so a link
// that escapes the sub-path fails the test. master_process off keeps nginx
// in one process owned by the test (as root, workers would run as nobody
// and could not read a private temporary folder).
var nginxConf = template.Must(template.New("nginx").Parse(`daemon off;
master_process off;
pid {{.Prefix}}/nginx.pid;
error_log {{.Prefix}}/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    access_log {{.Prefix}}/access.log;
    client_body_temp_path {{.Prefix}}/tmp/body;
    proxy_temp_path {{.Prefix}}/tmp/proxy;
    fastcgi_temp_path {{.Prefix}}/tmp/fastcgi;
    uwsgi_temp_path {{.Prefix}}/tmp/uwsgi;
    scgi_temp_path {{.Prefix}}/tmp/scgi;
    server {
        listen 127.0.0.1:{{.Port}};
        server_name localhost;
        location = {{.Bare}} {
            return 301 {{.Path}};
        }
        location {{.Path}} {
            alias {{.Root}}/;
            index index.html;
{{- range .Headers}}
            add_header {{.}} always;
{{- end}}
{{- with .Extra}}
            {{.}}
{{- end}}
        }
    }
}
`))

// StartNginx serves dir with Debian's nginx under the sub-path path (such as
// "/guidance/ipv/") on a free loopback port, with headers added to every
// response, until the test ends.
func StartNginx(t testing.TB, dir, path string, headers http.Header) *Nginx {
	t.Helper()
	return StartNginxWith(t, dir, path, headers, "")
}

// StartNginxWith is StartNginx with extra directives in the site's location
// block, such as a types block that serves scripts with the wrong type.
func StartNginxWith(t testing.TB, dir, path string, headers http.Header, extra string) *Nginx {
	t.Helper()
	bin := NeedTool(t, "/usr/sbin/nginx", "nginx-light")
	if _, err := os.Stat("/etc/nginx/mime.types"); err != nil {
		Missing(t, "/etc/nginx/mime.types not found (apt-get install nginx-light)")
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(path, "/") || !strings.HasSuffix(path, "/") {
		t.Fatalf("nginx sub-path %q must start and end with /", path)
	}
	prefix := t.TempDir()
	if err := os.MkdirAll(filepath.Join(prefix, "tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	var hdrs []string
	for k, vs := range headers {
		for _, v := range vs {
			hdrs = append(hdrs, fmt.Sprintf("%s %q", k, v))
		}
	}
	sort.Strings(hdrs)

	// A free port can be taken between our check and nginx's bind; try again.
	for attempt := 0; ; attempt++ {
		port := freePort(t)
		var conf bytes.Buffer
		err := nginxConf.Execute(&conf, map[string]any{
			"Prefix": prefix, "Port": port, "Path": path, "Bare": strings.TrimSuffix(path, "/"),
			"Root": root, "Headers": hdrs, "Extra": extra,
		})
		if err != nil {
			t.Fatal(err)
		}
		confPath := filepath.Join(prefix, "nginx.conf")
		if err := os.WriteFile(confPath, conf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		cmd := exec.Command(bin, "-p", prefix, "-c", confPath, "-e", filepath.Join(prefix, "error.log"))
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting nginx: %v", err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		// nginx starts in milliseconds on an idle machine, but a busy one
		// may take far longer: wait as long as the test may.
		if waitListening(addr, exited, Deadline(t)) {
			t.Cleanup(func() {
				_ = cmd.Process.Signal(os.Interrupt)
				select {
				case <-exited:
				case <-time.After(5 * time.Second):
					_ = cmd.Process.Kill()
					<-exited
				}
			})
			return &Nginx{URL: "http://" + addr + path, Prefix: prefix}
		}
		_ = cmd.Process.Kill()
		logText, _ := os.ReadFile(filepath.Join(prefix, "error.log"))
		if attempt == 2 {
			t.Fatalf("nginx did not start: %s\n%s\nconfig:\n%s", out.String(), logText, conf.String())
		}
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitListening reports whether addr accepts connections before the process
// exits or the deadline passes.
func waitListening(addr string, exited <-chan error, deadline time.Time) bool {
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}
