package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/rules/ruletest"
	"github.com/flasklint/flasklint/runner"
)

const testdata = "../testdata/rules"

// generated names the rules whose hits cannot be committed as files, and the
// test that generates them.
var generated = map[string]string{"FL004": "TestUnreadableFile"}

// TestRules runs every annotated testdata folder.
func TestRules(t *testing.T) {
	dirs, err := os.ReadDir(testdata)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			ruletest.Run(t, filepath.Join(testdata, d.Name()))
		})
	}
}

// TestRegistry checks the metadata of every rule and that each has testdata
// with at least one finding of its own and at least one clean file.
func TestRegistry(t *testing.T) {
	seenID, seenName := map[string]bool{}, map[string]bool{}
	for i, r := range rules.All {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if seenID[r.ID] || seenName[r.Name] {
			t.Errorf("%s %s: duplicate id or name", r.ID, r.Name)
		}
		seenID[r.ID], seenName[r.Name] = true, true
		if i > 0 && rules.All[i-1].ID >= r.ID {
			t.Errorf("registry not sorted at %s", r.ID)
		}
		checkTestdata(t, r)
	}
}

func checkTestdata(t *testing.T, r *rules.Rule) {
	dir := filepath.Join(testdata, r.ID)
	wants, err := ruletest.ReadExpectations(dir)
	if err != nil {
		t.Errorf("%s: no testdata folder: %v", r.ID, err)
		return
	}
	own := 0
	annotated := map[string]bool{}
	for _, w := range wants {
		annotated[w.File] = true
		if strings.HasPrefix(w.Re.String(), r.ID) {
			own++
		}
	}
	if own == 0 && generated[r.ID] == "" {
		t.Errorf("%s: testdata has no expected finding of the rule (want \"%s...\")", r.ID, r.ID)
	}
	clean := 0
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if !annotated[filepath.ToSlash(rel)] {
				clean++
			}
		}
		return nil
	})
	if clean == 0 {
		t.Errorf("%s: testdata has no clean file (a file without any want)", r.ID)
	}
}

// TestUnreadableFile: a file over the size limit is reported with its path,
// and the files beside it are still analysed.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(testdata, "FL004", "clean.py"))
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x = 1\n"), runner.MaxFileSize/6+1)
	debug := []byte("from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n")
	for name, data := range map[string][]byte{"clean.py": src, "big.py": big, "app.py": debug} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	findings := ruletest.Run(
		t,
		dir,
		ruletest.Expectation{
			File: "big.py",
			Line: 1,
			Re:   regexp.MustCompile(`^FL004 unreadable-file: .*over the 10 MiB limit`),
		},
		ruletest.Expectation{File: "app.py", Line: 3, Re: regexp.MustCompile(`^FL101 `)},
	)
	if len(findings) != 2 {
		t.Errorf("want 2 findings, got %d", len(findings))
	}
}

// TestNeedlesRequired: a rule that says neither which bytes it needs nor
// which kinds of file it reads whole is not valid.
func TestNeedlesRequired(t *testing.T) {
	r := *rules.DebugRun
	r.Needles = rules.Needles{}
	if r.Validate() == nil {
		t.Error("a rule without needles validates")
	}
	r.Needles = rules.Needles{Every: []string{rules.KindNginx}}
	if err := r.Validate(); err != nil {
		t.Errorf("a rule reading every nginx file: %v", err)
	}
}
