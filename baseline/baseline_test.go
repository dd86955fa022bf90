package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/parsers/source"
	"github.com/flasklint/flasklint/rules"
)

func at(id, file string, line int) rules.Finding {
	return rules.Finding{RuleID: id, Message: id, Pos: rules.Pos{File: file,
		Span: source.Span{StartLine: line, StartCol: 1, EndLine: line, EndCol: 2}}}
}

// Keys are relative to the baseline's directory, so a run from another
// directory (other finding paths) still matches; the bytes come from the
// run, or from disk.
func TestWriteLoadFilter(t *testing.T) {
	dir := t.TempDir()
	app := "x = 1\nrun(debug=True)\n"
	if err := os.MkdirAll(filepath.Join(dir, "svc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "svc", "app.py"), []byte(app), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "baseline.json")
	k, err := NewKeyer(file, dir, func(f string) []byte {
		if f == "svc/app.py" {
			return []byte(app)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found := []rules.Finding{at("FL101", "svc/app.py", 2), at("FL101", "svc/app.py", 2)}
	if err := k.Write(file, found); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if strings.Count(string(data), `"rule": "FL101"`) != 1 || !strings.Contains(string(data), `"file": "svc/app.py"`) {
		t.Errorf("baseline:\n%s", data)
	}

	b, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	// A run based in svc/, reading app.py from disk.
	k2, _ := NewKeyer(file, filepath.Join(dir, "svc"), nil)
	kept, known := b.Filter(
		k2,
		[]rules.Finding{at("FL101", "app.py", 2), at("FL201", "app.py", 2), at("FL101", "app.py", 1)},
	)
	if known != 1 || len(kept) != 2 || kept[0].RuleID != "FL201" || kept[1].Pos.StartLine != 1 {
		t.Errorf("known %d, kept %+v", known, kept)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"syntax":     "{",
		"version":    `{"version": 2, "tool": "flasklint", "findings": []}`,
		"tool":       `{"version": 1, "tool": "ruff", "findings": []}`,
		"unknown":    `{"version": 1, "tool": "flasklint", "findings": [], "x": 1}`,
		"no rule":    `{"version": 1, "tool": "flasklint", "findings": [{"file": "a.py"}]}`,
		"wrong type": `{"version": 1, "tool": "flasklint", "findings": {}}`,
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
		_ = os.WriteFile(p, []byte(content), 0o644)
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing baseline loads")
	}
}

// TestNotAnalysedIsNeverBaselined: findings that say a file was not read
// or parsed (FL001, FL004, FL008...) are neither written to a baseline nor
// hidden by one that lists them (a hand-edited or older baseline).
func TestNotAnalysedIsNeverBaselined(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "baseline.json")
	k, err := NewKeyer(file, dir, func(string) []byte { return []byte("def f(:\n") })
	if err != nil {
		t.Fatal(err)
	}
	found := []rules.Finding{at("FL001", "broken.py", 1), at("FL008", "nginx.conf", 1), at("FL101", "app.py", 1)}
	if err := k.Write(file, found); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if strings.Contains(string(data), "FL001") || strings.Contains(string(data), "FL008") ||
		!strings.Contains(string(data), "FL101") {
		t.Errorf("baseline:\n%s", data)
	}
	hand := `{"version": 1, "tool": "flasklint", "findings": [
		{"rule": "FL001", "file": "broken.py", "line": 1, "line_hash": "` + k.entry(found[0]).LineHash + `"},
		{"rule": "FL101", "file": "app.py", "line": 1, "line_hash": "` + k.entry(found[2]).LineHash + `"}]}`
	if err := os.WriteFile(file, []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	kept, known := b.Filter(k, found)
	if known != 1 || len(kept) != 2 || kept[0].RuleID != "FL001" || kept[1].RuleID != "FL008" {
		t.Errorf("known %d, kept %+v", known, kept)
	}
}
