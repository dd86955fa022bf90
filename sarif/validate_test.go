package sarif

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// completeLog is testLog with the bytes of every file, so that every
// result gets a fingerprint and GitHub's checks have nothing to warn about.
func completeLog() Log {
	log := testLog()
	files := map[string][]byte{
		"app/café.py":       []byte(appSource),
		"conf/nginx.conf":   []byte("http {\n  server {\n}\n}\n}\n"),
		"tests/test_app.py": []byte("import app\n\n\n\n  CORS(app)\n\n"),
	}
	log.Source = func(file string) []byte { return files[file] }
	return log
}

// The report go-sarif builds is valid against its embedded OASIS schema.
func TestBuildValidatesAgainstSchema(t *testing.T) {
	for name, log := range map[string]Log{"findings": completeLog(), "empty": {ToolVersion: "0.1.0"}} {
		rep, err := build(log)
		if err != nil {
			t.Fatalf("%s: build: %v", name, err)
		}
		if err := rep.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The bytes Write produces (after the -1 clean-up) pass the project's
// validator: the JSON schema and GitHub's ingestion checks.
func TestWriteValidateSarif(t *testing.T) {
	tool, root := testenv.Tool(t, "validate-sarif"), testenv.ModuleRoot(t)
	tests := []struct {
		name string
		log  Log
		args []string
	}{
		// Every result has a fingerprint and %SRCROOT% is defined: no warnings.
		{"complete", completeLog(), []string{"--strict"}},
		// No BaseURI: %SRCROOT% is undefined, a warning only.
		{"no base uri", Log{Rules: testLog().Rules, Findings: testLog().Findings, ToolVersion: "0.1.0"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.log); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "flasklint.sarif")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(tool, append(tt.args, file)...)
			cmd.Dir = root
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if errors.As(err, &exit) && exit.ExitCode() == 2 {
				t.Fatal("validate-sarif could not run: " + strings.TrimSpace(string(out)))
			}
			if err != nil || !strings.Contains(string(out), ": 0 error(s)") {
				t.Errorf("validate-sarif %v: %v\n%s", tt.args, err, out)
			}
		})
	}
}
