package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/runner"
)

// TestPrescanChangesNothing runs every rule's testdata, the end-to-end
// projects, the trees made to trip the pre-scan (testdata/prescan: names
// that reach a rule through other files) and the shared cases with and
// without the pre-scan, with every rule and with each family alone, and
// requires the same findings; each rule's own testdata also runs with that
// rule alone. The runs without the pre-scan parse every Python file in full.
func TestPrescanChangesNothing(t *testing.T) {
	root := testenv.ModuleRoot(t)
	var dirs []string
	for _, pattern := range []string{
		filepath.Join(root, "testdata", "rules", "*"),
		filepath.Join(root, "testdata", "e2e", "*"),
		filepath.Join(root, "testdata", "prescan", "*"),
		filepath.Join(testenv.Shared(t), "cases", "*"),
	} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matches {
			if info, err := os.Stat(m); err == nil && info.IsDir() {
				dirs = append(dirs, m)
			}
		}
	}
	if len(dirs) < len(rules.All)+3 {
		t.Fatalf("only %d test folders found", len(dirs))
	}
	selections := map[string][]*rules.Rule{"all": nil}
	for _, r := range rules.All {
		family := "FL" + r.Family()
		selections[family] = append(selections[family], r)
	}
	findings := 0
	for _, dir := range dirs {
		for name, selected := range selections {
			n := comparePrescan(t, dir, name, selected)
			if name == "all" && n == 0 && filepath.Base(filepath.Dir(dir)) == "prescan" {
				t.Errorf("%s: no findings, so it shows nothing about the pre-scan", dir)
			}
			findings += n
		}
		if r := rules.ByID(filepath.Base(dir)); r != nil {
			findings += comparePrescan(t, dir, r.ID, []*rules.Rule{r})
		}
	}
	if findings < 100 {
		t.Errorf("only %d findings in all the runs: the comparison compares too little", findings)
	}
}

func comparePrescan(t *testing.T, dir, name string, selected []*rules.Rule) int {
	t.Helper()
	run := func(noPrescan bool) *runner.Result {
		res, err := runner.Run(context.Background(),
			runner.Options{Paths: []string{"."}, Dir: dir, Rules: selected, NoPrescan: noPrescan})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	with, without := run(false), run(true)
	if !reflect.DeepEqual(with.Findings, without.Findings) || !reflect.DeepEqual(with.Suppressed, without.Suppressed) {
		t.Errorf("%s, rules %s: the pre-scan changes the findings:\nwith:\n%s\nwithout:\n%s",
			dir, name, describe(with), describe(without))
	}
	return len(without.Findings)
}

func describe(res *runner.Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "  %s %s %s\n", f.Pos, f.RuleID, f.Message)
	}
	fmt.Fprintf(&b, "  %d suppressed", len(res.Suppressed))
	return b.String()
}

// TestWeakNeedlesNeedAFlaskTree: a socket server is checked in a tree that
// holds a Flask app, and is out of scope in a tree that holds none, with
// the pre-scan or without it, whatever the encodings of the other files.
func TestWeakNeedlesNeedAFlaskTree(t *testing.T) {
	server := "import socket\n\nsock = socket.socket()\nsock.bind((\"0.0.0.0\", 9000))\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  int
	}{
		{"socket alone", map[string]string{"server.py": server}, 0},
		{"socket beside a Flask app", map[string]string{
			"server.py": server, "web/app.py": "from flask import Flask\napp = Flask(__name__)\n"}, 1},
		// A file that is not UTF-8 text is parsed, but is no Flask app
		// unless its bytes name Flask.
		{"socket beside files in other encodings", map[string]string{
			"server.py": server, "latin.py": "# coding: latin-1\nimport server\nNAME = 'caf\xe9'\n",
			"wide.py": "\xff\xfei\x00m\x00p\x00o\x00r\x00t\x00 \x00o\x00s\x00\n\x00"}, 0},
		{"a socket server in latin-1, alone", map[string]string{
			"server.py": "# -*- coding: latin-1 -*-\n# servidor de teste \xe9\n" + server}, 0},
		{"socket beside a Flask app in latin-1", map[string]string{
			"server.py": server, "web/app.py": "# coding: latin-1\nfrom flask import Flask\n" +
				"app = Flask('caf\xe9')\n"}, 1},
	} {
		dir := testenv.WriteTree(t, tt.files)
		for _, noPrescan := range []bool{false, true} {
			res, err := runner.Run(context.Background(), runner.Options{Paths: []string{"."}, Dir: dir,
				Rules: []*rules.Rule{rules.SocketBindAllInterfaces}, NoPrescan: noPrescan})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != tt.want {
				t.Errorf("%s (no pre-scan: %v): %d findings, want %d:\n%s", tt.name, noPrescan,
					len(res.Findings), tt.want, describe(res))
			}
		}
	}
}
