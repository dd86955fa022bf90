package lsp

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
	"github.com/flasklint/flasklint/lsp/jsonrpc"
	"github.com/flasklint/flasklint/runner"
)

// errorCode is the code of a response's error, 0 when it has none.
func errorCode(m map[string]any) int {
	e, _ := m["error"].(map[string]any)
	if e == nil {
		return 0
	}
	return int(e["code"].(float64))
}

// nextError waits for an error response with a null id (one to a message
// whose id could not be read).
func (c *testClient) nextError(what string) int {
	c.t.Helper()
	return errorCode(c.await(what, func(m map[string]any) bool { return m["error"] != nil && m["id"] == nil }))
}

func (c *testClient) logged(what string) string {
	c.t.Helper()
	m := c.await(what, func(m map[string]any) bool { return m["method"] == "window/logMessage" })
	return m["params"].(map[string]any)["message"].(string)
}

// Malformed input gets the protocol's error responses, and the server goes
// on serving.
func TestMalformedInput(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"app.py": appClean})
	c := startServer(t, dir, Options{})

	if code := errorCode(c.request("textDocument/codeAction", map[string]any{})); code != jsonrpc.ServerNotInitialized {
		t.Errorf("a request before initialize: code %d", code)
	}
	c.initialize(nil)

	c.raw([]byte("Content-Length: 9\r\n\r\n{not json"))
	if code := c.nextError("the answer to bad JSON"); code != jsonrpc.ParseError {
		t.Errorf("bad JSON: code %d, want %d", code, jsonrpc.ParseError)
	}
	c.raw([]byte("Content-Length: lots\r\n\r\n"))
	if code := c.nextError("the answer to a bad Content-Length"); code != jsonrpc.ParseError {
		t.Errorf("bad Content-Length: code %d", code)
	}
	c.raw([]byte("Content-Type: text/plain\r\n\r\n"))
	if code := c.nextError("the answer to a missing Content-Length"); code != jsonrpc.ParseError {
		t.Errorf("missing Content-Length: code %d", code)
	}
	c.raw([]byte("Content-Length: 2\r\n\r\n[]"))
	if code := c.nextError("the answer to a batch"); code != jsonrpc.InvalidRequest {
		t.Errorf("a batch: code %d", code)
	}
	objID := `{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`
	c.raw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(objID), objID)))
	if code := c.nextError("the answer to an object id"); code != jsonrpc.InvalidRequest {
		t.Errorf("an object id: code %d", code)
	}
	for id, m := range map[float64]string{7: `{"jsonrpc":"2.0","id":7}`, 9: `{"jsonrpc":"2.0","id":9,"method":5}`} {
		c.raw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(m), m)))
		answer := c.await("the answer to "+m, func(r map[string]any) bool { return r["error"] != nil && r["id"] == id })
		if code := errorCode(answer); code != jsonrpc.InvalidRequest {
			t.Errorf("%s: code %d, want %d", m, code, jsonrpc.InvalidRequest)
		}
	}
	big := jsonrpc.MaxMessage + 1
	c.raw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", big, strings.Repeat(" ", big))))
	if code := c.nextError("the answer to a message over the limit"); code != jsonrpc.ParseError {
		t.Errorf("a message over the limit: code %d", code)
	}

	if code := errorCode(c.request("workspace/symbol", map[string]any{"query": "x"})); code != jsonrpc.MethodNotFound {
		t.Errorf("an unknown method: code %d, want %d", code, jsonrpc.MethodNotFound)
	}
	c.notify("custom/unknownNotification", map[string]any{})
	bad := c.request("textDocument/codeAction", map[string]any{"textDocument": 5})
	if code := errorCode(bad); code != jsonrpc.InvalidParams {
		t.Errorf("codeAction with bad params: code %d, want %d", code, jsonrpc.InvalidParams)
	}
	if code := errorCode(c.request("textDocument/codeAction", nil)); code != jsonrpc.InvalidParams {
		t.Errorf("codeAction without params: code %d", code)
	}
	if code := errorCode(c.request("initialize", map[string]any{})); code != jsonrpc.InvalidRequest {
		t.Errorf("a second initialize: code %d", code)
	}

	c.change("other.py", "x = 1\n", 1)
	if msg := c.logged("the notice of a change to an unopened file"); !strings.Contains(msg, "is not open") {
		t.Errorf("change of an unopened file: %q", msg)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "untitled:1", "text": ""}})
	if msg := c.logged("the notice of a non-file URI"); !strings.Contains(msg, "not a file: URI") {
		t.Errorf("a non-file URI: %q", msg)
	}
	c.notify("textDocument/didChange", "not an object")
	if msg := c.logged("the notice of bad parameters"); !strings.Contains(msg, "didChange") {
		t.Errorf("bad didChange parameters: %q", msg)
	}

	// A buffer over the size cap is reported as not read, with the file.
	c.open("app.py", strings.Repeat("#", runner.MaxFileSize+1), 1)
	if got, _ := c.diagnostics(c.uri("app.py"), 1); strings.Join(got, " ") != "FL004 0:0-0:0" {
		t.Errorf("a buffer over the cap: %v", got)
	}
	// It still serves.
	c.change("app.py", appDebug, 2)
	if got, _ := c.diagnostics(c.uri("app.py"), 2); strings.Join(got, " ") != "FL101 7:4-7:23" {
		t.Errorf("after the malformed input: %v", got)
	}
	if code := c.stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

// exit without shutdown ends the server with 1; requests after shutdown
// are invalid.
func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, t.TempDir(), Options{})
	c.initialize(nil)
	c.notify("exit", nil)
	if code := <-c.done; code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	c = startServer(t, t.TempDir(), Options{})
	c.initialize(nil)
	c.request("shutdown", nil)
	if code := errorCode(c.request("textDocument/codeAction", map[string]any{})); code != jsonrpc.InvalidRequest {
		t.Errorf("a request after shutdown: code %d", code)
	}
}

// Every hostile input of the corpus, as the text of open buffers (the
// disk holding a harmless file of the same kind, so that the walk finds
// it), gets the findings a run over the files gets, leaves the
// neighbouring app's finding intact and the server serving.
func TestHostileBuffers(t *testing.T) {
	corpus := filepath.Join(testenv.ModuleRoot(t), "testdata", "hostile")
	type hostileCase struct {
		name  string
		files map[string]string // buffers by path in the case
		want  []string          // "path:line ID", lines 1-based
	}
	committed := map[string][]string{
		"invalid_utf8":    {"app.py:5 FL101"},
		"bom":             {"app.py:3 FL101"},
		"crlf":            {"app.py:3 FL101"},
		"lone_cr":         {"app.py:3 FL101"},
		"nul":             {"app.py:1 FL001", "app.py:4 FL101"},
		"binary":          {"app.py:1 FL001"},
		"empty":           nil,
		"include_cycle":   {"nginx/a.conf:3 FL606", "nginx/b.conf:1 FL008"},
		"include_outside": {"nginx/site.conf:3 FL003", "nginx/site.conf:4 FL002", "nginx/site.conf:5 FL003"},
	}
	var cases []hostileCase
	for name, want := range committed {
		c := hostileCase{name: name, files: map[string]string{}, want: want}
		err := filepath.WalkDir(filepath.Join(corpus, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, err := os.ReadFile(p)
			rel, _ := filepath.Rel(filepath.Join(corpus, name), p)
			c.files[filepath.ToSlash(rel)] = string(src)
			return err
		})
		if err != nil || len(c.files) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		cases = append(cases, c)
	}
	if len(cases) != len(committed) || len(committed) < 9 {
		t.Fatalf("the corpus has %d cases", len(cases))
	}
	cases = append(cases,
		hostileCase{"50 MB single line", map[string]string{"app.py": "x = '" + strings.Repeat("a", 50<<20) + "'\n"},
			[]string{"app.py:1 FL004"}},
		hostileCase{"100,000 nested brackets", map[string]string{
			"deep.py": "x = " + strings.Repeat("(", 100_000) + strings.Repeat(")", 100_000) + "\n",
			"nginx/deep.conf": "http {\n" + strings.Repeat("location / {\n", 100_000) +
				strings.Repeat("}\n", 100_001),
		}, []string{"nginx/deep.conf:101 FL008"}},
	)
	dir := t.TempDir()
	neighbour := "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n"
	disk := map[string]string{"neighbour/app.py": neighbour}
	for i, c := range cases {
		for rel := range c.files {
			stub := "x = 1\n"
			if strings.HasSuffix(rel, ".conf") {
				stub = "events {\n}\n"
			}
			disk[fmt.Sprintf("case%d/%s", i, rel)] = stub
		}
	}
	writeTree(t, dir, disk)
	c := startServer(t, dir, Options{})
	c.initialize(nil)
	c.open("neighbour/app.py", neighbour, 1)
	c.diagnostics(c.uri("neighbour/app.py"), 1)
	for i, hc := range cases {
		var rels []string
		for rel := range hc.files {
			rels = append(rels, rel)
		}
		slices.Sort(rels)
		for _, rel := range rels {
			c.open(fmt.Sprintf("case%d/%s", i, rel), hc.files[rel], 1)
		}
		// The last open's run publishes every open document, in path order:
		// "caseN/" before "neighbour/".
		var got []string
		for range rels[1:] {
			c.diagnostics(c.uri("neighbour/app.py"), 1)
		}
		for _, rel := range rels {
			diags, _ := c.diagnostics(c.uri(fmt.Sprintf("case%d/%s", i, rel)), 1)
			for _, d := range diags {
				id, rest, _ := strings.Cut(d, " ")
				line, _, _ := strings.Cut(rest, ":")
				n, _ := strconv.Atoi(line)
				got = append(got, fmt.Sprintf("%s:%d %s", rel, n+1, id))
			}
		}
		if !slices.Equal(got, hc.want) {
			t.Errorf("%s: %q, want %q", hc.name, got, hc.want)
		}
		if n, _ := c.diagnostics(c.uri("neighbour/app.py"), 1); strings.Join(n, " ") != "FL101 2:0-2:19" {
			t.Errorf("%s: the neighbour's diagnostics are %v", hc.name, n)
		}
		for _, rel := range rels {
			c.close(fmt.Sprintf("case%d/%s", i, rel))
			c.diagnostics(c.uri("neighbour/app.py"), 1) // the run after the close
		}
	}
	if code := c.stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}
