package runner

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPartialRoot(t *testing.T) {
	tmp := t.TempDir()
	for _, d := range []string{"repo/.git", "repo/a/b", "plain/sub"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repo/a/b/app.py", "repo/a/x.conf", "plain/sub/app.py"} {
		if err := os.WriteFile(filepath.Join(tmp, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs := func(ps ...string) []string {
		var out []string
		for _, p := range ps {
			out = append(out, filepath.Join(tmp, p))
		}
		return out
	}
	home, _ := os.UserHomeDir()
	tests := []struct {
		name  string
		dir   string
		paths []string
		root  string // "" for not partial
	}{
		{"files in a repository", tmp, abs("repo/a/b/app.py", "repo/a/x.conf"), "repo"},
		{"a directory", tmp, abs("repo/a"), ""},
		{"no repository: the working directory", filepath.Join(tmp, "plain"), abs("plain/sub/app.py"), "plain"},
		{"outside the working directory", filepath.Join(tmp, "repo"), abs("plain/sub/app.py"), ""},
		{"the file system root is too broad", "/", abs("plain/sub/app.py"), ""},
		{"the home directory is too broad", home, abs("plain/sub/app.py"), ""},
		{"the temporary directory is too broad", os.TempDir(), abs("plain/sub/app.py"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, ok := partialRoot(Options{Paths: tt.paths, Dir: tt.dir}, tt.paths)
			want := ""
			if tt.root != "" {
				want = filepath.Join(tmp, tt.root)
			}
			if ok != (want != "") || root != want {
				t.Errorf("partialRoot = %q, %v; want %q", root, ok, want)
			}
		})
	}
}
