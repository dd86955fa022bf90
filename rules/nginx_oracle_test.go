package rules_test

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/flasklint/flasklint/internal/testenv"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// The validity oracle: every nginx file of the testdata is a configuration
// that the real nginx accepts, checked with nginx -t.
//
// Each folder of testdata/rules (and each testdata/e2e/*/project) is loaded
// the way flasklint loads it. Every configuration root (a file nothing else
// includes) is then tested on its own:
//
//   - a complete configuration (with http, events or stream) is tested as
//     it is, with an events block added when it has none;
//   - a site file (server, upstream, map blocks) is included from a
//     generated "events {} http { ... }" wrapper, and a snippet of locations
//     from a "server { ... }" inside it.
//
// To keep nginx off the machine's own files, the folder is copied into a
// temporary sandbox, nginx runs with -p and -c there and -g "pid ...", and
// the copy is edited where nginx would open, create or resolve something at
// start: log, temporary and cache paths, certificates (a generated
// self-signed pair; sites with "listen ... ssl" and no certificate get it
// at http level), "user", "pid" and "load_module" (blanked), includes that
// the tree cannot satisfy (missing or outside: an empty stub; absolute
// /etc/nginx/ ones: the copy of the folder, as flasklint reads them), and
// host names in proxy_pass and its siblings and in upstream servers
// (127.0.0.1: names like app:8000 are compose services that do not resolve
// here). Edits keep every line where it was, so nginx's messages name the
// fixture's own lines.
//
// A fixture declares an exception in a comment among its first lines:
//
//	# flasklint-test: invalid (why nginx must reject it)
//	# flasklint-test: no-nginx-t (why nginx cannot test it here)
//
// "invalid" fixtures must be rejected by nginx -t; "no-nginx-t" ones (a
// module Debian's nginx lacks, an envsubst template) are not run. Either
// marker on a file makes every root that includes it follow it. A root that
// reaches a file flasklint cannot parse (an FL008 fixture) counts as marked
// invalid: nginx must not accept what flasklint reports as broken.
//
// Without nginx the test is skipped, unless CI is set: then it fails, since
// make test installs nginx (scripts/ensure-test-tools).
func TestNginxAcceptsTestdata(t *testing.T) {
	bin := nginxBinary(t)
	for _, folder := range nginxFolders(t) {
		rel, _ := filepath.Rel("../testdata", folder)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			t.Parallel()
			checkFolderWithNginx(t, bin, folder)
		})
	}
}

// nginxBinary finds nginx, or skips the test (fails it under CI).
func nginxBinary(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	if os.Getenv("CI") != "" {
		t.Fatal("nginx is not installed; run scripts/ensure-test-tools (make tools)")
	}
	t.Skip("nginx is not installed; run scripts/ensure-test-tools to check the nginx testdata with nginx -t")
	return ""
}

// nginxFolders lists the scan folders of the testdata that hold nginx
// files.
func nginxFolders(t *testing.T) []string {
	t.Helper()
	var folders []string
	for _, glob := range []string{"../testdata/rules/*", "../testdata/e2e/*/project"} {
		dirs, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			if len(nginxFiles(t, d)) > 0 {
				folders = append(folders, d)
			}
		}
	}
	return folders
}

// nginxFiles lists the folder's nginx files, relative to it: *.conf,
// *.template, and files without an extension in a directory called nginx;
// INI and key=value files named *.conf (supervisor, uWSGI) are left out.
func nginxFiles(t *testing.T, folder string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(folder, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(folder, p)
		rel = filepath.ToSlash(rel)
		ext := filepath.Ext(rel)
		if ext == ".conf" || ext == ".template" || ext == "" && filepath.Base(filepath.Dir(p)) == "nginx" {
			if !looksLikeINI(t, p) {
				files = append(files, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var iniStart = regexp.MustCompile(`^\[|^[\w.-]+\s*[=:]`)

// looksLikeINI tells whether the first statement of a file is an INI
// section or a key=value line.
func looksLikeINI(t *testing.T, file string) bool {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, ";") {
			return iniStart.MatchString(line)
		}
	}
	return false
}

func checkFolderWithNginx(t *testing.T, bin, folder string) {
	set := nginx.Load(nginx.Options{FS: os.DirFS(folder), Roots: []string{"."}}, nginxFiles(t, folder))
	sb, err := newSandbox(t.TempDir(), folder, set)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	broken := map[string]string{}
	for _, p := range set.Problems {
		if p.Kind == nginx.SyntaxError {
			broken[p.File] = fmt.Sprintf("flasklint reports %s:%d: %s", p.File, p.Span.StartLine, p.Message)
		}
	}
	for _, c := range set.Configs {
		marker, why := rootMarker(t, folder, c, broken)
		if marker == "no-nginx-t" {
			t.Logf("%s: not tested with nginx: %s", c.Root, why)
			continue
		}
		main, err := sb.mainConfig(c)
		if err != nil {
			t.Fatalf("%s: %v", c.Root, err)
		}
		out, ok := runNginxTest(bin, sb.dir, main, dynamicModules(t, bin, c))
		switch {
		case marker == "invalid" && ok:
			t.Errorf("%s is marked invalid (%s), but nginx -t accepts it", c.Root, why)
		case marker == "invalid":
			t.Logf("%s: rejected as expected: %s", c.Root, out)
		case !ok:
			t.Errorf("nginx -t rejects %s:\n%s", c.Root, out)
		default:
			t.Logf("%s: nginx -t accepts it", c.Root)
		}
	}
}

// runNginxTest runs nginx -t on a configuration inside the sandbox and
// returns its messages with the sandbox paths cut off. global holds extra
// main-context directives.
func runNginxTest(bin, dir, main, global string) (string, bool) {
	cmd := exec.Command(bin, "-t", "-q", "-p", dir+"/", "-c", main, "-e", "stderr",
		"-g", fmt.Sprintf("pid %s/nginx.pid; lock_file %s/nginx.lock;%s", dir, dir, global))
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	text := strings.ReplaceAll(string(out), dir+"/conf/", "")
	text = strings.ReplaceAll(text, dir+"/", "<sandbox>/")
	return strings.TrimSpace(text), err == nil
}

// dynamicModules returns the load_module directives a root needs: Debian
// builds the stream module as a dynamic module, which its nginx.conf loads
// from modules-enabled/. The sandbox blanks load_module lines, so they are
// given on the command line instead.
func dynamicModules(t *testing.T, bin string, c *nginx.Config) string {
	uses := false
	for _, d := range c.Directives {
		uses = uses || d.Name == "stream"
	}
	if !uses {
		return ""
	}
	out, err := exec.Command(bin, "-V").CombinedOutput()
	if err != nil {
		t.Fatalf("nginx -V: %v", err)
	}
	modules := regexp.MustCompile(`--modules-path=(\S+)`).FindSubmatch(out)
	if !bytes.Contains(out, []byte("--with-stream=dynamic")) || modules == nil {
		return ""
	}
	return fmt.Sprintf(" load_module %s/ngx_stream_module.so;", modules[1])
}

var oracleMarker = regexp.MustCompile(`^#\s*flasklint-test:\s*(invalid|no-nginx-t)\b\s*(.*)$`)

// rootMarker reads the marker of the root or of any file it includes; a
// file in broken (file: why) counts as marked invalid.
func rootMarker(t *testing.T, folder string, c *nginx.Config, broken map[string]string) (marker, why string) {
	files := map[string]bool{c.Root: true}
	var collect func([]*nginx.Directive)
	collect = func(ds []*nginx.Directive) {
		for _, d := range ds {
			files[d.File] = true
			collect(d.Block)
		}
	}
	collect(c.Directives)
	for f := range files {
		if m, w := fileMarker(t, filepath.Join(folder, filepath.FromSlash(f))); m != "" {
			return m, w
		}
	}
	for f := range files {
		if why := broken[f]; why != "" {
			return "invalid", why
		}
	}
	return "", ""
}

// fileMarker reads a marker among the first comment lines of a file.
func fileMarker(t *testing.T, file string) (marker, why string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "#") {
			break
		}
		if m := oracleMarker.FindStringSubmatch(line); m != nil {
			why := m[2]
			for strings.HasPrefix(why, "(") && !strings.Contains(why, ")") && sc.Scan() {
				why += " " + strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "#"))
			}
			return m[1], strings.Trim(why, "()")
		}
	}
	return "", ""
}

// TestNginxOracleSandbox checks the sandbox itself: a site whose upstream
// is a compose service name, a snippet of locations, a complete
// configuration without an events block, an ssl listen without a
// certificate, an absolute /etc/nginx include and a missing include all
// pass nginx -t once sandboxed, and the service name would not have.
func TestNginxOracleSandbox(t *testing.T) {
	bin := nginxBinary(t)
	folder := t.TempDir()
	files := map[string]string{
		"site.conf": "upstream pool { server backend-a:8000; }\n" +
			"server {\n    listen 443 ssl;\n    server_name a.test;\n    access_log /var/log/nginx/a.log;\n" +
			"    include /etc/nginx/snippets/extra.conf;\n    include proxy_params;\n" +
			"    location / { proxy_pass http://app:8000; }\n    location /p/ { proxy_pass http://pool; }\n}\n",
		"snippets/extra.conf": "add_header X-Extra 1;\n",
		"locations.conf":      "location /x/ { uwsgi_pass backend:3031; }\n",
		"nginx.conf":          "user nginx;\npid /run/nginx.pid;\nhttp {\n    include sites/*.conf;\n}\n",
		"sites/a.conf":        "server { listen 8080; location / { proxy_pass http://web:5000; } }\n",
	}
	for name, text := range files {
		testenv.WriteFile(t, folder, name, text)
	}
	checkFolderWithNginx(t, bin, folder)

	// Without the sandbox's host names, nginx -t fails to resolve app.
	raw := t.TempDir()
	conf := filepath.Join(raw, "nginx.conf")
	text := fmt.Sprintf(
		"events {}\nhttp {\n    access_log off;\n    client_body_temp_path %[1]s; proxy_temp_path %[1]s;"+
			" fastcgi_temp_path %[1]s; uwsgi_temp_path %[1]s; scgi_temp_path %[1]s;\n"+
			"    server { listen 8080; location / { proxy_pass http://app.invalid:8000; } }\n}\n",
		raw,
	)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := runNginxTest(bin, raw, conf, ""); ok || !strings.Contains(out, "host not found") {
		t.Errorf("an unresolvable upstream passed nginx -t: ok=%v %s", ok, out)
	}
}
