package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/flasklint/flasklint/bench/gen"
	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/runner"
)

// benchRun runs flasklint over dir once per iteration.
func benchRun(b *testing.B, dir string, selected []*rules.Rule) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		opts := runner.Options{Paths: []string{"."}, Dir: dir, Rules: selected}
		if _, err := runner.Run(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}

func writeModule(b *testing.B, lines int) string {
	b.Helper()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte(gen.PythonModule(lines)), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkFile2000Lines is the latency of one Flask module of 2,000 lines
// with every rule.
func BenchmarkFile2000Lines(b *testing.B) { benchRun(b, writeModule(b, 2000), nil) }

// BenchmarkFile2000LinesOneRule is the same file with one rule (FL101).
func BenchmarkFile2000LinesOneRule(b *testing.B) {
	benchRun(b, writeModule(b, 2000), []*rules.Rule{rules.DebugRun})
}

// BenchmarkMonorepo100Apps is a generated monorepo of 100 small apps.
func BenchmarkMonorepo100Apps(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Monorepo(dir, 100); err != nil {
		b.Fatal(err)
	}
	benchRun(b, dir, nil)
}

// BenchmarkNginx500Servers is a generated nginx.conf of 500 server blocks.
func BenchmarkNginx500Servers(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Nginx(filepath.Join(dir, "nginx.conf"), dir, 500); err != nil {
		b.Fatal(err)
	}
	benchRun(b, dir, nil)
}
