package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flasklint/flasklint/cli"
)

// --stdin-filename lints standard input as the named file, with the rest
// of the project from disk, and prints that file's path.
func TestStdinFilename(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app.py":     "from flask import Flask\napp = Flask(__name__)\n",
		"other.py":   debugApp,
		".gitignore": "",
	})
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code := cli.Run([]string{"check", "--isolated", "--stdin-filename", "app.py"},
		strings.NewReader(debugApp), &out, &errOut)
	want := "app.py:3:1: error: debug=True reaches the werkzeug debugger through app.run, and the same call " +
		"binds \"0.0.0.0\" (all interfaces) [FL101 debug-run]\n"
	got := out.String()
	if code != cli.ExitFindings || !strings.HasPrefix(got, want) || strings.Contains(got, "other.py") {
		t.Errorf("exit %d, output:\n%s\nwant it to start with:\n%s(and nothing of other.py)\n%s", code, got, want,
			errOut.String())
	}
	out.Reset()
	code = cli.Run([]string{"check", "--isolated", "--stdin-filename", "app.py"},
		strings.NewReader("from flask import Flask\napp = Flask(__name__)\n"), &out, &errOut)
	if code != cli.ExitClean || out.Len() != 0 {
		t.Errorf("clean standard input: exit %d, output %q", code, out.String())
	}
	for _, args := range [][]string{
		{"check", "--stdin-filename", "missing.py"},
		{"check", "--stdin-filename", "app.py", "other.py"},
	} {
		if code := cli.Run(args, strings.NewReader(""), &out, &errOut); code != cli.ExitError {
			t.Errorf("%v: exit %d, want %d", args, code, cli.ExitError)
		}
	}
}

// `flasklint server` speaks the protocol on standard input and output and
// exits 0 after shutdown and exit.
func TestServerCommand(t *testing.T) {
	dir := writeTree(t, map[string]string{"app.py": debugApp})
	frame := func(s string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(s), s) }
	in := frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file://%s"}}`,
		filepath.ToSlash(dir))) +
		frame(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":`+
			`{"uri":"file://%s/app.py","languageId":"python","version":1,"text":%q}}}`,
			filepath.ToSlash(dir), debugApp)) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`)
	var out, errOut bytes.Buffer
	code := cli.Run([]string{"server"}, strings.NewReader(in), &out, &errOut)
	if code != 0 {
		t.Errorf("exit %d, stderr %s", code, errOut.String())
	}
	for _, want := range []string{`"name":"flasklint"`, `"code":"FL101"`, `"code":"FL201"`, `"id":2,"result":null`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %s:\n%s", want, out.String())
		}
	}
}

// syncBuffer is a bytes.Buffer that a server writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// The server reads the project's configuration as check does, and again
// when a watched configuration file changes.
func TestServerConfiguration(t *testing.T) {
	dir := writeTree(t, map[string]string{"app.py": debugApp, ".flasklint.toml": "ignore = [\"FL201\"]\n"})
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	frame := func(s string) []byte { return []byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(s), s)) }
	pr, pw := io.Pipe()
	var out syncBuffer
	done := make(chan int, 1)
	go func() { done <- cli.Run([]string{"server"}, pr, &out, io.Discard) }()
	send := func(s string) {
		if _, err := pw.Write(frame(s)); err != nil {
			t.Fatal(err)
		}
	}
	// published waits for the diagnostics of app.py at a version.
	published := func(version int) string {
		marker := fmt.Sprintf(`"version":%d`, version)
		deadline := time.Now().Add(30 * time.Second)
		for ; time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			s := out.String()
			if i := strings.LastIndex(s, "textDocument/publishDiagnostics"); i >= 0 && strings.Contains(s[i:], marker) {
				return s[i:]
			}
		}
		t.Fatalf("no diagnostics at version %d:\n%s", version, out.String())
		return ""
	}
	uri := "file://" + filepath.ToSlash(dir)
	send(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":%q}}`, uri))
	send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":`+
		`{"uri":"%s/app.py","languageId":"python","version":1,"text":%q}}}`, uri, debugApp))
	if got := published(1); !strings.Contains(got, `"FL101"`) || strings.Contains(got, `"FL201"`) {
		t.Errorf("with ignore = [\"FL201\"]: %s", got)
	}
	if err := os.WriteFile(filepath.Join(dir, ".flasklint.toml"), []byte("ignore = [\"FL101\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":`+
		`[{"uri":"%s/.flasklint.toml","type":2}]}}`, uri))
	send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":`+
		`{"uri":"%s/app.py"},"text":%q}}`, uri, debugApp))
	send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":`+
		`{"uri":"%s/app.py","version":2},"contentChanges":[{"text":%q}]}}`, uri, debugApp))
	if got := published(2); strings.Contains(got, `"FL101"`) || !strings.Contains(got, `"FL201"`) {
		t.Errorf("with ignore = [\"FL101\"]: %s", got)
	}
	send(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`)
	send(`{"jsonrpc":"2.0","method":"exit"}`)
	if code := <-done; code != 0 {
		t.Errorf("exit code %d", code)
	}
}
