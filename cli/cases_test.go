package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/cli"
	"github.com/flasklint/flasklint/internal/testenv"
)

// TestSharedCases runs flasklint on every case folder of ../shared/cases, as
// its scan root, and scores the SARIF logs against each EXPECT.md.
func TestSharedCases(t *testing.T) {
	cases := filepath.Join(testenv.Shared(t), "cases")
	score := testenv.Tool(t, "score-cases")
	dirs, err := os.ReadDir(cases)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		sarifFile := filepath.Join(out, d.Name()+".sarif")
		var stdout, stderr bytes.Buffer
		code := cli.Run([]string{"check", "--output-format", "sarif", "-o", sarifFile, filepath.Join(cases, d.Name())},
			nil, &stdout, &stderr)
		if code == cli.ExitError {
			t.Errorf("%s: exit %d: %s", d.Name(), code, stderr.String())
		}
	}
	cmd := exec.Command(score, cases, out)
	report, err := cmd.CombinedOutput()
	for _, line := range strings.Split(string(report), "\n") {
		if strings.Contains(line, "FAIL") {
			t.Error(line)
		}
	}
	if err != nil {
		t.Errorf("score-cases: %v\n%s", err, report)
	}
	t.Logf("score-cases:\n%s", report)
}
