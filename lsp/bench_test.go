package lsp

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchWorkspace writes a generated workspace of files files, shaped like a
// large Flask project: one app package, 50 blueprint modules with 20 routes
// each, plain Python modules (models, services, tests) that import each
// other, an nginx site, a compose file, a Dockerfile and an env file; and
// returns the path and text of the 2,000-line module that is edited, a
// config-and-helpers module that the app imports.
func benchWorkspace(b *testing.B, dir string, files int) (rel, text string) {
	b.Helper()
	tree := map[string]string{
		"nginx/site.conf":    siteConf,
		"docker-compose.yml": "services:\n  web:\n    build: .\n    command: gunicorn -b 127.0.0.1:8000 app:app\n",
		"Dockerfile": "FROM python:3.12-slim\nCOPY . /srv\n" +
			"CMD [\"gunicorn\", \"-b\", \"127.0.0.1:8000\", \"app:app\"]\n",
		".env":            "APP_MODE=production\n",
		"app/__init__.py": appClean + "from app import big\n",
	}
	for i := range 50 {
		var s strings.Builder
		fmt.Fprintf(&s, "from flask import Blueprint, request, jsonify\n\nbp%d = Blueprint(\"bp%d\", "+
			"__name__)\n\n", i, i)
		for j := range 20 {
			fmt.Fprintf(&s, "@bp%d.route(\"/r%d\")\ndef view_%d():\n    n = request.args.get(\"n\", \"1\")\n"+
				"    return jsonify(value=int(n) * %d)\n\n", i, j, j, j)
		}
		tree[fmt.Sprintf("app/views/v%03d.py", i)] = s.String()
	}
	for i := 0; len(tree) < files-1; i++ {
		var s strings.Builder
		fmt.Fprintf(&s, "import dataclasses\nfrom app.lib import m%03d\n\n", (i+1)%(files))
		for j := range 15 {
			fmt.Fprintf(&s, "@dataclasses.dataclass\nclass Model%d:\n    id: int\n    name: str = \"m%d\"\n\n"+
				"    def total(self, xs):\n        return sum(x * %d for x in xs)\n\n", j, j, j)
		}
		tree[fmt.Sprintf("app/lib/m%03d.py", i)] = s.String()
	}
	var s strings.Builder
	s.WriteString("import os\n\nSETTINGS = {\"mode\": os.environ.get(\"APP_MODE\", \"production\")}\n")
	for strings.Count(s.String(), "\n") < 2000 {
		n := strings.Count(s.String(), "\n")
		fmt.Fprintf(&s, "\ndef helper_%d(x):\n    return {\"k\": x, \"n\": %d}\n", n, n)
	}
	text = s.String()
	tree["app/big.py"] = text
	if len(tree) != files {
		b.Fatalf("the workspace has %d files", len(tree))
	}
	writeTree(b, dir, tree)
	return "app/big.py", text
}

// BenchmarkDidChange measures the time from a didChange of a 2,000-line
// Python file in a 500-file workspace to the diagnostics published for it:
// one full edit-lint-publish round trip over the protocol. Every other
// edit adds two lines at the end of the file (a Flask import and
// app.run(debug=True)), the next removes them, so the file's diagnostics
// alternate between one finding and none. Like typing, each change touches
// one place of the file.
func BenchmarkDidChange(b *testing.B) {
	benchDidChange(b, func(text string) string {
		return text + "from flask import Flask\nFlask(__name__).run(debug=True)\n"
	})
}

// BenchmarkDidChangeRewrite is BenchmarkDidChange with edits at both ends
// of the file (a first and a last line), so no part of the last syntax
// tree can be reused: the cost of parsing the whole file again.
func BenchmarkDidChangeRewrite(b *testing.B) {
	benchDidChange(b, func(text string) string {
		return "from flask import Flask\n" + text + "Flask(__name__).run(debug=True)\n"
	})
}

func benchDidChange(b *testing.B, addDebug func(string) string) {
	dir := b.TempDir()
	rel, text := benchWorkspace(b, dir, 500)
	if n := strings.Count(text, "\n"); n < 2000 {
		b.Fatalf("the edited file has %d lines", n)
	}
	c := startServer(b, dir, Options{})
	c.initialize(nil)
	c.open(rel, text, 1)
	c.diagnostics(c.uri(rel), 1)
	debug := addDebug(text)
	cpu := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		version := i + 2
		edited, want := text, 0
		if i%2 == 0 {
			edited, want = debug, 1
		}
		c.change(rel, edited, version)
		if got, _ := c.diagnostics(c.uri(rel), version); len(got) != want {
			b.Fatalf("version %d: %v, want %d diagnostics", version, got, want)
		}
	}
	b.StopTimer()
	// The CPU time of the whole process (client and server) per change:
	// unlike the wall time, it does not grow when other work shares the
	// cores.
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	c.stop()
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
