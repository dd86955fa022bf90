package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testClient drives a server over pipes, as an editor does over stdio.
type testClient struct {
	t      testing.TB
	in     io.WriteCloser // to the server
	msgs   chan map[string]any
	done   chan int
	nextID int
	dir    string
}

func startServer(t testing.TB, dir string, opts Options) *testClient {
	t.Helper()
	cr, cw := io.Pipe()
	sr, sw := io.Pipe()
	c := &testClient{t: t, in: cw, msgs: make(chan map[string]any, 1024), done: make(chan int, 1), dir: dir}
	if opts.Dir == "" {
		opts.Dir = dir
	}
	go func() {
		code, err := Serve(context.Background(), cr, sw, opts)
		if err != nil {
			code = 100
		}
		sw.Close()
		c.done <- code
	}()
	go func() {
		r := bufio.NewReader(sr)
		for {
			body, err := readFrame(r)
			if err != nil {
				close(c.msgs)
				io.Copy(io.Discard, sr)
				return
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				panic(fmt.Sprintf("the server wrote invalid JSON: %q", body))
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() { cw.Close() })
	return c
}

func readFrame(r *bufio.Reader) ([]byte, error) {
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			n, _ = strconv.Atoi(v)
		}
	}
	body := make([]byte, n)
	_, err := io.ReadFull(r, body)
	return body, err
}

func (c *testClient) raw(b []byte) {
	c.t.Helper()
	if _, err := c.in.Write(b); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *testClient) send(msg map[string]any) {
	c.t.Helper()
	msg["jsonrpc"] = "2.0"
	body, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.raw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)))
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// request sends a request and returns its response, skipping what comes
// before it.
func (c *testClient) request(method string, params any) map[string]any {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"id": id, "method": method, "params": params})
	return c.await(fmt.Sprintf("the response to %s", method), func(m map[string]any) bool {
		return m["method"] == nil && m["id"] == float64(id)
	})
}

// await returns the first message that matches, within a time bound.
func (c *testClient) await(what string, match func(map[string]any) bool) map[string]any {
	c.t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("the server stopped before %s", what)
			}
			if match(m) {
				return m
			}
		case <-timeout:
			c.t.Fatalf("no %s within 30s", what)
		}
	}
}

// diagnostics waits for the diagnostics of a document at a version
// (-1: any) and returns them as "ID line:col-line:col" strings.
func (c *testClient) diagnostics(uri string, version int) ([]string, []any) {
	c.t.Helper()
	m := c.await("diagnostics for "+uri, func(m map[string]any) bool {
		if m["method"] != "textDocument/publishDiagnostics" {
			return false
		}
		p := m["params"].(map[string]any)
		v, _ := p["version"].(float64)
		return p["uri"] == uri && (version < 0 || int(v) == version)
	})
	raw := m["params"].(map[string]any)["diagnostics"].([]any)
	var out []string
	for _, d := range raw {
		d := d.(map[string]any)
		r := d["range"].(map[string]any)
		s, e := r["start"].(map[string]any), r["end"].(map[string]any)
		out = append(out, fmt.Sprintf("%s %v:%v-%v:%v", d["code"], s["line"], s["character"], e["line"],
			e["character"]))
	}
	return out, raw
}

func (c *testClient) uri(rel string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(c.dir, rel))}).String()
}

func (c *testClient) initialize(extra map[string]any) map[string]any {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": c.uri(""), "capabilities": map[string]any{}}
	for k, v := range extra {
		params[k] = v
	}
	res := c.request("initialize", params)
	if res["error"] != nil {
		c.t.Fatalf("initialize: %v", res["error"])
	}
	c.notify("initialized", map[string]any{})
	return res["result"].(map[string]any)
}

func (c *testClient) open(rel, text string, version int) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": c.uri(rel), "languageId": "text", "version": version, "text": text}})
}

func (c *testClient) change(rel, text string, version int) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": c.uri(rel), "version": version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

func (c *testClient) close(rel string) {
	c.t.Helper()
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": c.uri(rel)}})
}

// stop sends shutdown and exit and waits for the server's exit code.
func (c *testClient) stop() int {
	c.t.Helper()
	if res := c.request("shutdown", nil); res["error"] != nil {
		c.t.Fatalf("shutdown: %v", res["error"])
	}
	c.notify("exit", nil)
	select {
	case code := <-c.done:
		return code
	case <-time.After(30 * time.Second):
		c.t.Fatal("the server did not exit")
	}
	return -1
}

// writeTree writes files under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for rel, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
