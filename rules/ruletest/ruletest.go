// Package ruletest checks rules against annotated testdata. Every file of a
// test folder is scanned together, as one project, with every rule on. A
// comment
//
//	# want "regexp" ["regexp" ...] [level=error|warning|note]
//
// on a line expects one finding per regexp on that line, where the regexp is
// matched against "FL101 debug-run: <message>". "# want +N ..." (or -N) puts
// the expectation N lines below (or above), for lines that cannot hold a
// comment. A file whose syntax has no comment at all (package.json) takes
// its annotations from a sidecar file named after it plus ".want", where
// "# want +N ..." names line N of that file. Findings nobody expected fail the test, and so do expectations no
// finding met. The annotations are read from the raw lines, so they work in
// files that do not parse.
package ruletest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"testing"

	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/runner"
)

// Expectation is one wanted finding.
type Expectation struct {
	File  string
	Line  int
	Re    *regexp.Regexp
	Level string // "" for any
	// Offset is the written +N or -N (0 for none).
	Offset int
}

var (
	wantComment = regexp.MustCompile(`#\s*want(?:\s+([+-]\d+))?((?:\s+"(?:[^"\\]|\\.)*")+)` +
		`(?:\s+level=(error|warning|note))?`)
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
)

// Run scans dir and compares the findings with its annotations and with any
// extra expectations (for files that cannot hold a comment).
func Run(t *testing.T, dir string, extra ...Expectation) []rules.Finding {
	t.Helper()
	res, err := runner.Run(context.Background(), runner.Options{Paths: []string{"."}, Dir: dir})
	if err != nil {
		t.Fatalf("run %s: %v", dir, err)
	}
	wants, err := ReadExpectations(dir)
	if err != nil {
		t.Fatal(err)
	}
	wants = append(wants, extra...)
	for _, msg := range Compare(res.Findings, wants) {
		t.Error(msg)
	}
	return res.Findings
}

// Describe renders a finding the way expectations match it.
func Describe(f rules.Finding) string {
	name := ""
	if r := rules.ByID(f.RuleID); r != nil {
		name = " " + r.Name
	}
	return fmt.Sprintf("%s%s: %s", f.RuleID, name, f.Message)
}

// Compare pairs findings with expectations and describes every mismatch.
func Compare(findings []rules.Finding, wants []Expectation) []string {
	used := make([]bool, len(findings))
	var problems []string
	for _, w := range wants {
		i := match(findings, used, w)
		if i < 0 {
			problems = append(problems,
				fmt.Sprintf("%s:%d: no finding matched %q%s", w.File, w.Line, w.Re, levelNote(w.Level)))
			continue
		}
		used[i] = true
	}
	for i, f := range findings {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: unexpected finding (%s) %s",
				f.Pos.File, f.Pos.StartLine, f.Pos.StartCol, f.Level(), Describe(f)))
		}
	}
	return problems
}

func match(findings []rules.Finding, used []bool, w Expectation) int {
	for i, f := range findings {
		if used[i] || f.Pos.File != w.File || f.Pos.StartLine != w.Line {
			continue
		}
		if w.Level != "" && f.Level() != w.Level {
			continue
		}
		if w.Re.MatchString(Describe(f)) {
			return i
		}
	}
	return -1
}

func levelNote(level string) string {
	if level == "" {
		return ""
	}
	return " at level " + level
}

// ReadExpectations collects the annotations of every file below dir, with
// paths relative to dir.
func ReadExpectations(dir string) ([]Expectation, error) {
	var wants []Expectation
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		ws, err := parseFile(filepath.ToSlash(rel), data)
		if target, ok := strings.CutSuffix(filepath.ToSlash(rel), ".want"); ok && err == nil {
			ws, err = parseSidecar(target, ws)
		}
		wants = append(wants, ws...)
		return err
	})
	sort.SliceStable(wants, func(i, j int) bool {
		return wants[i].File < wants[j].File || wants[i].File == wants[j].File && wants[i].Line < wants[j].Line
	})
	return wants, err
}

// parseSidecar moves the annotations of a sidecar file onto its target:
// "+N" on any of its lines means line N of the target.
func parseSidecar(target string, ws []Expectation) ([]Expectation, error) {
	for i := range ws {
		ws[i].File, ws[i].Line = target, ws[i].Offset
		if ws[i].Line < 1 {
			return nil, fmt.Errorf("%s.want: each annotation needs +N, the line of %s", target, target)
		}
	}
	return ws, nil
}

func parseFile(rel string, data []byte) ([]Expectation, error) {
	var wants []Expectation
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for line := 1; sc.Scan(); line++ {
		m := wantComment.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		target, off := line, 0
		if m[1] != "" {
			off, _ = strconv.Atoi(m[1])
			target += off
		}
		for _, q := range quoted.FindAllString(m[2], -1) {
			s, err := strconv.Unquote(q)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad want string %s: %v", rel, line, q, err)
			}
			re, err := regexp.Compile(s)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad want regexp: %v", rel, line, err)
			}
			wants = append(wants, Expectation{File: rel, Line: target, Re: re, Level: m[3], Offset: off})
		}
	}
	return wants, sc.Err()
}
