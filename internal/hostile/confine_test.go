package hostile

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/flasklint/flasklint/cli"
	"github.com/flasklint/flasklint/internal/testenv"
)

// goList runs `go list` in the module with the arguments.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = testenv.ModuleRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v", strings.Join(args, " "), err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// TestStartsNoProcessOpensNoSocket proves from the import graph that the
// tool runs no program and opens no connection: os/exec is not linked at
// all, and no flasklint package imports net or net/http. Third-party
// packages that import net/http are listed: each is allowed for a stated
// reason, and a new one fails the test.
func TestStartsNoProcessOpensNoSocket(t *testing.T) {
	allowed := map[string]string{
		// SARIF schema validation; flasklint never calls Report.Validate
		// outside tests (checked below).
		"github.com/xeipuuv/gojsonschema": "schema validation, unused at run time",
	}
	for _, line := range goList(t, "-deps", "-f", "{{.ImportPath}}\t{{.Standard}}\t{{join .Imports \" \"}}", ".") {
		fields := strings.SplitN(line, "\t", 3)
		pkg, std, imports := fields[0], fields[1] == "true", " "+fields[2]+" "
		if pkg == "os/exec" || pkg == "plugin" {
			t.Errorf("%s is linked: the tool could start a process", pkg)
		}
		if std {
			continue
		}
		ours := strings.HasPrefix(pkg, "github.com/flasklint/flasklint")
		for _, bad := range []string{"net", "net/http", "os/exec", "syscall"} {
			if !strings.Contains(imports, " "+bad+" ") {
				continue
			}
			if ours {
				t.Errorf("%s imports %s", pkg, bad)
			} else if bad == "net/http" && allowed[pkg] == "" {
				t.Errorf("third-party %s imports net/http; review it and list it in allowed", pkg)
			}
		}
	}

	root := testenv.ModuleRoot(t)
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		if src, err := os.ReadFile(p); err == nil && bytes.Contains(src, []byte(".Validate()")) {
			t.Errorf("%s calls Validate, which may fetch a schema over the network", p)
		}
		return nil
	})
}

// TestOpensNothingOutsideTheTree watches a directory outside the scanned
// tree with inotify while flasklint scans a tree whose symlinks and
// includes all lead into it, and fails on any open there.
func TestOpensNothingOutsideTheTree(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "app.py", neighbour)
	write(t, outside, "evil.conf", "server_tokens on;\n")
	write(t, outside, "sub/more.conf", "server_tokens on;\n")
	dir := tree(t)
	rel, err := filepath.Rel(filepath.Join(dir, "nginx"), outside)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "nginx/site.conf", "http {\n    include "+filepath.Join(outside, "evil.conf")+";\n"+
		"    include "+rel+"/evil.conf;\n    include links/*.conf;\n    include linkdir/*/*.conf;\n}\n")
	for name, target := range map[string]string{
		"outside_app.py":        filepath.Join(outside, "app.py"),
		"nginx/links/evil.conf": filepath.Join(outside, "evil.conf"),
		"nginx/linkdir":         outside, "outdir": outside,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}

	fd, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	for _, d := range []string{outside, filepath.Join(outside, "sub")} {
		if _, err := syscall.InotifyAddWatch(fd, d, syscall.IN_OPEN|syscall.IN_ACCESS); err != nil {
			t.Fatal(err)
		}
	}
	// The watch sees an open: prove it before relying on its silence.
	if data, err := os.ReadFile(filepath.Join(outside, "app.py")); err != nil || len(inotifyNames(fd)) == 0 {
		t.Fatalf("inotify did not see a read of %d bytes (%v)", len(data), err)
	}

	r := check(t, dir)
	if r.code == cli.ExitError {
		t.Fatalf("exit 2: %s", r.stderr)
	}
	if names := inotifyNames(fd); len(names) > 0 {
		t.Errorf("files outside the tree were opened: %s", strings.Join(names, ", "))
	}
	for _, f := range r.findings {
		if f.Rule == "FL606" || strings.HasPrefix(f.File, "outside") || strings.HasPrefix(f.File, "..") {
			t.Errorf("a finding from outside the tree: %s", f)
		}
	}
}

// inotifyNames drains the pending events and returns the names they carry
// ("." for the watched directory itself).
func inotifyNames(fd int) []string {
	var names []string
	buf := make([]byte, 64*1024)
	for {
		n, err := syscall.Read(fd, buf)
		if err != nil || n <= 0 {
			return names
		}
		for off := 0; off+syscall.SizeofInotifyEvent <= n; {
			ev := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[off]))
			name := string(
				bytes.TrimRight(buf[off+syscall.SizeofInotifyEvent:off+syscall.SizeofInotifyEvent+int(ev.Len)], "\x00"),
			)
			if name == "" {
				name = "."
			}
			names = append(names, name)
			off += syscall.SizeofInotifyEvent + int(ev.Len)
		}
	}
}

// TestWritesOnlyTheOutputFile: a run with --output-file changes nothing in
// the scanned tree but that file.
func TestWritesOnlyTheOutputFile(t *testing.T) {
	dir := tree(t)
	copyCase(t, "include_cycle", dir)
	write(t, dir, "app.py", neighbour)
	before := fingerprint(t, dir)
	out := filepath.Join(dir, "report.sarif")
	t.Chdir(dir)
	r := check(t, dir, "--output-file", out, "-v")
	if r.code != cli.ExitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	after := fingerprint(t, dir)
	if _, ok := after["report.sarif"]; !ok {
		t.Error("no output file")
	}
	delete(after, "report.sarif")
	for p, h := range after {
		if before[p] != h {
			t.Errorf("%s was written", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		}
	}
}

// fingerprint maps each path of the tree to its mode and, for a file, its
// time and content hash.
func fingerprint(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		state := info.Mode().String()
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			state += fmt.Sprintf(" %v %x", info.ModTime(), sha256.Sum256(data))
		}
		out[filepath.ToSlash(rel)] = state
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
