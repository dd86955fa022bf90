package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/cli"
	"github.com/flasklint/flasklint/internal/testenv"
)

// formats maps each output format to the golden file that holds it.
var formats = map[string]string{
	"text":   "expected.txt",
	"json":   "expected.json",
	"sarif":  "expected.sarif",
	"github": "expected.github",
}

// TestE2E runs flasklint on each project under testdata/e2e and compares
// every output format with its golden file (SARIF after decoding).
func TestE2E(t *testing.T) {
	root := filepath.Join(testenv.ModuleRoot(t), "testdata", "e2e")
	scenarios, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scenarios {
		dir := filepath.Join(root, s.Name())
		for format, golden := range formats {
			t.Run(s.Name()+"/"+format, func(t *testing.T) {
				got, code := runCheckIn(t, filepath.Join(dir, "project"), "--output-format", format)
				if code != cli.ExitFindings {
					t.Errorf("exit code %d, want %d", code, cli.ExitFindings)
				}
				compareGolden(t, filepath.Join(dir, golden), got, format == "sarif")
			})
		}
	}
}

// TestE2ESARIFValid checks the SARIF of every e2e project with the shared
// validator: the JSON schema, GitHub's ingestion checks and the Microsoft
// SARIF Multitool's SARIF and GitHub rules (`make tools` installs it). Beside
// the goldens it checks a log written with --include-suppressed.
func TestE2ESARIFValid(t *testing.T) {
	validate := testenv.Tool(t, "validate-sarif")
	root := testenv.ModuleRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "testdata", "e2e", "*", "expected.sarif"))
	if len(files) < 3 {
		t.Fatalf("want SARIF goldens of at least 3 e2e projects, found %d", len(files))
	}
	for _, golden := range files {
		project := filepath.Join(filepath.Dir(golden), "project")
		out := filepath.Join(t.TempDir(), filepath.Base(filepath.Dir(golden))+"-suppressed.sarif")
		runCheck(t, "--output-format", "sarif", "--include-suppressed", "-o", out, project)
		files = append(files, out)
	}
	// NOTE: the multitool takes seconds per file; the files go in parallel.
	for _, file := range files {
		name := filepath.Base(file)
		if name == "expected.sarif" {
			name = filepath.Base(filepath.Dir(file)) + ".sarif"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(validate, "--multitool", file)
			cmd.Dir = root
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("validate-sarif --multitool: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), ": multitool: 0 failing result(s)") {
				t.Errorf("the multitool did not check the file:\n%s", out)
			}
		})
	}
}

func runCheck(t *testing.T, args ...string) ([]byte, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(append([]string{"check"}, args...), nil, &stdout, &stderr)
	if code == cli.ExitError {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	return stdout.Bytes(), code
}

// runCheckIn runs "check ." in dir, as a user in the project folder does.
func runCheckIn(t *testing.T, dir string, args ...string) ([]byte, int) {
	t.Helper()
	t.Chdir(dir)
	return runCheck(t, append(args, ".")...)
}

func compareGolden(t *testing.T, golden string, got []byte, isSARIF bool) {
	t.Helper()
	if isSARIF {
		got = normaliseSARIF(t, got)
	}
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cli -update)", err)
	}
	if !isSARIF {
		if !bytes.Equal(got, want) {
			t.Errorf("output differs from %s\ngot:\n%s\nwant:\n%s", golden, got, want)
		}
		return
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("SARIF differs from %s\ngot:\n%s", golden, got)
	}
}

// normaliseSARIF drops the machine-specific absolute base URI.
func normaliseSARIF(t *testing.T, data []byte) []byte {
	t.Helper()
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF does not decode: %v", err)
	}
	for _, run := range log["runs"].([]any) {
		delete(run.(map[string]any), "originalUriBaseIds")
	}
	out, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}
