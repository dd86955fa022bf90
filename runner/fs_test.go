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
