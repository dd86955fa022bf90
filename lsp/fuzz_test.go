package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"testing"
	"time"
)

func frame(msg string) []byte {
	return []byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(msg), msg))
}

// FuzzServer feeds arbitrary bytes to an initialized server, between an
// initialize and a shutdown and exit: it must neither panic nor hang, and
// everything it writes must be framed JSON.
func FuzzServer(f *testing.F) {
	dir := f.TempDir()
	writeTree(f, dir, map[string]string{"app.py": appClean, "nginx/site.conf": siteConf})
	app := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "app.py"))}).String()
	conf := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "nginx/site.conf"))}).String()
	open := func(uri, text string) string {
		b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen",
			"params": map[string]any{
				"textDocument": map[string]any{"uri": uri, "languageId": "python", "version": 1, "text": text}}})
		return string(b)
	}
	change := func(uri, text string) string {
		b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didChange",
			"params": map[string]any{
				"textDocument": map[string]any{"uri": uri, "version": 2},
				"contentChanges": []any{map[string]any{"text": text}, map[string]any{"text": "x",
					"range": map[string]any{"start": pos(1, 2), "end": pos(3, 0)}}}}})
		return string(b)
	}
	action := fmt.Sprintf(`{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":{"textDocument":`+
		`{"uri":%q},"range":{"start":{"line":0,"character":0},"end":{"line":9,"character":0}},"context":{}}}`, app)
	seeds := [][]string{
		{open(app, appDebug), action},
		{open(app, appClean), change(app, appDebug), `{"jsonrpc":"2.0","method":"textDocument/didClose",` +
			`"params":{"textDocument":{"uri":"` + app + `"}}}`},
		{open(conf, siteConf), change(conf, "server { server_tokens on; }")},
		{`{bad json`, `{"jsonrpc":"2.0","id":1,"method":"nope"}`, `[]`},
		{`{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"` + app +
			`","type":2}]}}`, `{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{}}`},
	}
	for _, s := range seeds {
		var b []byte
		for _, m := range s {
			b = append(b, frame(m)...)
		}
		f.Add(b)
	}
	f.Add([]byte("Content-Length: 99999999\r\n\r\n{"))
	f.Add([]byte("Content-Length: 5\r\n\r\n{}}}}Content-Length: 2\r\n\r\n{}"))

	initialize := frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"rootUri":%q}}`,
		(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String()))
	end := append(frame(`{"jsonrpc":"2.0","id":"end","method":"shutdown"}`),
		frame(`{"jsonrpc":"2.0","method":"exit"}`)...)
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(20*time.Second, func() { panic(fmt.Sprintf("hang on %q", data)) })
		defer watchdog.Stop()
		in := bytes.NewReader(bytes.Join([][]byte{initialize, data, []byte("\r\n\r\n"), end}, nil))
		var out bytes.Buffer
		if _, err := Serve(context.Background(), in, &out, Options{Dir: dir, Workers: 1}); err != nil &&
			!errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("Serve: %v", err)
		}
		r := bufio.NewReader(&out)
		for {
			body, err := readFrame(r)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil || !json.Valid(body) {
				t.Fatalf("the server wrote a bad message: %v %q", err, body)
			}
		}
	})
}
