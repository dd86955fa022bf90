package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func ids(res *Result) string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.RuleID+"@"+f.Pos.String())
	}
	return strings.Join(out, " ")
}

// The overlay replaces a file's bytes for the run, Python and nginx alike
// (an nginx file is read through the tree's fs.FS), and the cache hands back
// the same parsed tree while a file's bytes stay the same.
func TestOverlayAndCache(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "app.py")
	conf := filepath.Join(dir, "nginx", "site.conf")
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(app, "from flask import Flask\napp = Flask(__name__)\napp.run()\n")
	write(conf, "server {\n    listen 80;\n}\n")
	cache := NewCache()
	run := func(overlay map[string][]byte) *Result {
		t.Helper()
		res, err := Run(context.Background(), Options{Paths: []string{dir}, Dir: dir, Overlay: overlay, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if got := ids(run(nil)); got != "" {
		t.Fatalf("clean tree: %s", got)
	}
	first := cache.python["app.py"].file
	if first == nil {
		t.Fatal("app.py was not cached")
	}
	res := run(map[string][]byte{
		app:  []byte("from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n"),
		conf: []byte("server {\n    listen 80;\n    server_tokens on;\n}\n"),
	})
	if got := ids(res); got != "FL101@app.py:3:1 FL606@nginx/site.conf:3:5" {
		t.Errorf("with the overlay: %s", got)
	}
	for _, f := range res.Findings {
		if f.Fix == nil || len(f.Fix.Edits) != 1 {
			t.Fatalf("%s has no one-edit fix: %+v", f.RuleID, f.Fix)
		}
		e := f.Fix.Edits[0]
		got := fmt.Sprintf("%s %d:%d-%d:%d %s", e.Pos.File, e.Pos.StartLine, e.Pos.StartCol, e.Pos.EndLine,
			e.Pos.EndCol, e.NewText)
		want := map[string]string{"FL101": "app.py 3:15-3:19 False", "FL606": "nginx/site.conf 3:19-3:21 off"}[f.RuleID]
		if got != want {
			t.Errorf("%s fix: %s, want %s", f.RuleID, got, want)
		}
	}
	changed := cache.python["app.py"].file
	if changed == first {
		t.Error("changed bytes did not re-parse")
	}
	if got := ids(run(nil)); got != "" {
		t.Errorf("without the overlay again: %s", got)
	}
	if cache.python["app.py"].file == changed {
		t.Error("the disk's bytes did not replace the overlay's tree")
	}
	again := cache.python["app.py"].file
	run(nil)
	if cache.python["app.py"].file != again {
		t.Error("unchanged bytes were parsed again")
	}

	huge := map[string][]byte{app: []byte(strings.Repeat("#", MaxFileSize+1))}
	if got := ids(run(huge)); got != "FL004@app.py:1:1" {
		t.Errorf("an overlay over the size cap: %s", got)
	}
}

// An overlay never brings a file outside the tree in: an nginx include of
// a path outside is refused even when an editor has that file open.
func TestOverlayOutsideTheTree(t *testing.T) {
	top := t.TempDir()
	dir, outside := filepath.Join(top, "tree"), filepath.Join(top, "outside.conf")
	for p, s := range map[string]string{
		filepath.Join(dir, "nginx", "site.conf"): "server {\n    include " + outside + ";\n}\n",
		outside:                                  "server_tokens off;\n",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Dir: dir,
		Overlay: map[string][]byte{outside: []byte("server_tokens on;\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); got != "FL003@nginx/site.conf:2:5" {
		t.Errorf("findings %s, want the include refused (FL003) and nothing from the buffer", got)
	}
}
