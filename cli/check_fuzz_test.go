package cli_test

import (
	"encoding/json"
	"testing"

	"github.com/flasklint/flasklint/cli"
	"github.com/flasklint/flasklint/internal/testenv"
)

// FuzzCheck runs the whole check on a small tree made from the fuzz input:
// the input is an app.py, an nginx site, a file that site includes, a
// requirements file and each deployment file, beside a fixed app with one known finding. The run must
// not panic, must not exit 2 (that is kept for bad arguments and rules that
// could not run, a bug on any input), must write valid SARIF and must keep
// the neighbour's finding.
func FuzzCheck(f *testing.F) {
	testenv.SeedFuzz(f, "../testdata/rules/*/*.py", "../testdata/rules/*/*.conf")
	f.Add("include ../../etc/passwd; include /etc/passwd; include *.conf; include site.conf;")
	f.Fuzz(func(t *testing.T, src string) {
		dir := writeTree(t, map[string]string{
			".git/HEAD":            "ref: refs/heads/main\n",
			"neighbour/app.py":     debugApp,
			"app.py":               src,
			"nginx/site.conf":      "include conf.d/*.conf;\n" + src,
			"nginx/conf.d/in.conf": src,
			"requirements.txt":     src,
			"Dockerfile":           src,
			"compose.yaml":         src,
			".env":                 src,
			"Procfile":             src,
		})
		out, stderr, code := run("check", "--isolated", "--output-format", "sarif", dir)
		if code != cli.ExitFindings {
			t.Fatalf("exit %d, want 1 (the neighbour's finding)\n%s", code, stderr)
		}
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID    string `json:"ruleId"`
					Locations []struct {
						Physical struct {
							Artifact struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
			t.Fatalf("output is not a SARIF log: %v\n%s", err, out)
		}
		for _, r := range log.Runs[0].Results {
			if r.RuleID == "FL101" && len(r.Locations) > 0 &&
				r.Locations[0].Physical.Artifact.URI == "neighbour/app.py" {
				return
			}
		}
		t.Fatalf("the neighbour's FL101 is lost:\n%s", out)
	})
}
