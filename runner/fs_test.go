package runner

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestTreeFSStaysInside: symlinks that lead out of the scanned tree are not
// followed, those that stay inside are.
func TestTreeFSStaysInside(t *testing.T) {
	outside := writeFiles(t, map[string]string{"evil.conf": "add_header X 1;\n"})
	dir := writeFiles(t, map[string]string{"nginx/real.conf": "server {}\n"})
	links := map[string]string{
		"nginx/out.conf": filepath.Join(outside, "evil.conf"),
		"nginx/outdir":   outside,
		"nginx/in.conf":  filepath.Join(dir, "nginx", "real.conf"),
		"nginx/passwd":   "/etc/passwd",
		"nginx/dangling": filepath.Join(dir, "nope"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	fsys := newTreeFS(dir, []string{dir})
	if _, err := fs.ReadFile(fsys, "nginx/in.conf"); err != nil {
		t.Errorf("a link inside the tree should open: %v", err)
	}
	for _, name := range []string{"nginx/out.conf", "nginx/outdir/evil.conf", "nginx/passwd"} {
		if _, err := fs.ReadFile(fsys, name); !errors.Is(err, errOutside) {
			t.Errorf("%s: got %v, want the outside error", name, err)
		}
	}
	if _, err := fs.ReadFile(fsys, "nginx/dangling"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dangling link: %v", err)
	}
	if _, err := fsys.Open("../x"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("../x: %v", err)
	}
}

// TestTreeFSReadFileServesRead: a file the scan has read is handed out as it
// was read; the checks of Open still apply to it.
func TestTreeFSReadFileServesRead(t *testing.T) {
	outside := writeFiles(t, map[string]string{"evil.conf": "add_header X 1;\n"})
	dir := writeFiles(t, map[string]string{"nginx.conf": "events {}\n", "other.conf": "http {}\n"})
	if err := os.Symlink(filepath.Join(outside, "evil.conf"), filepath.Join(dir, "out.conf")); err != nil {
		t.Fatal(err)
	}
	fsys := newTreeFS(dir, []string{dir})
	read := []byte("worker_processes 1;\n")
	fsys.read = map[string][]byte{"nginx.conf": read, "out.conf": []byte("x;\n")}
	got, err := fs.ReadFile(fsys, "nginx.conf")
	if err != nil || &got[0] != &read[0] {
		t.Errorf("nginx.conf: got %q, %v; want the bytes read by the scan", got, err)
	}
	if got, err := fs.ReadFile(fsys, "other.conf"); err != nil || string(got) != "http {}\n" {
		t.Errorf("other.conf: got %q, %v; want it read from the disk", got, err)
	}
	if _, err := fs.ReadFile(fsys, "out.conf"); !errors.Is(err, errOutside) {
		t.Errorf("out.conf: got %v, want the outside error", err)
	}
}
