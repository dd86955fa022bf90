package lsp

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const (
	appClean = "from flask import Flask\n" +
		"from werkzeug.middleware.proxy_fix import ProxyFix\n\n" +
		"app = Flask(__name__)\n" +
		"app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)\n"
	appDebug = appClean + "\nif True:\n    app.run(debug=True)\n"
	siteConf = "server {\n" +
		"    listen 80;\n" +
		"    server_name app.example.test;\n" +
		"    location / {\n" +
		"        proxy_pass http://127.0.0.1:8000;\n" +
		"        proxy_set_header Host $host;\n" +
		"        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n" +
		"        proxy_set_header X-Forwarded-Proto $scheme;\n" +
		"    }\n" +
		"}\n" +
		"server {\n    listen 80 default_server;\n    server_name _;\n    return 444;\n}\n"
)

// A full session: findings appear and vanish as the buffer changes, a
// change in the nginx file (unsaved) makes a cross-file finding in the app,
// closing clears, shutdown and exit end the server with 0.
func TestSession(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"app.py": appClean, "nginx/site.conf": siteConf})
	c := startServer(t, dir, Options{Version: "test"})
	res := c.initialize(nil)
	caps := res["capabilities"].(map[string]any)
	if caps["positionEncoding"] != "utf-16" {
		t.Errorf("positionEncoding %v, want utf-16 when the client offers none", caps["positionEncoding"])
	}
	app, conf := c.uri("app.py"), c.uri("nginx/site.conf")

	c.open("app.py", appClean, 1)
	if got, _ := c.diagnostics(app, 1); len(got) != 0 {
		t.Fatalf("clean app.py: %v", got)
	}

	c.change("app.py", appDebug, 2)
	got, raw := c.diagnostics(app, 2)
	if want := []string{"FL101 7:4-7:23"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after adding app.run(debug=True): %v, want %v", got, want)
	}
	d := raw[0].(map[string]any)
	if d["source"] != "flasklint" || d["severity"] != float64(SeverityError) ||
		!strings.HasSuffix(d["codeDescription"].(map[string]any)["href"].(string), "#fl101") {
		t.Errorf("diagnostic fields: %v", d)
	}

	// The code actions of the line: the quick fix and the suppression.
	actions := c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": app},
		"range":        map[string]any{"start": pos(7, 0), "end": pos(7, 0)},
		"context":      map[string]any{"diagnostics": []any{}},
	})["result"].([]any)
	var titles, edits []string
	for _, a := range actions {
		a := a.(map[string]any)
		titles = append(titles, a["title"].(string))
		for _, e := range a["edit"].(map[string]any)["changes"].(map[string]any)[app].([]any) {
			e := e.(map[string]any)
			r := e["range"].(map[string]any)
			edits = append(edits, strings.Join([]string{rangeText(r), e["newText"].(string)}, " "))
		}
	}
	wantTitles := []string{
		"Fix FL101: turn the werkzeug debugger off (False instead of True)",
		"Suppress FL101 on this line",
	}
	wantEdits := []string{"7:18-7:22 False", "7:0-7:0     # flasklint: ignore[FL101] <reason>\n"}
	if !reflect.DeepEqual(titles, wantTitles) || !reflect.DeepEqual(edits, wantEdits) {
		t.Errorf("code actions:\n%q\n%q\nwant\n%q\n%q", titles, edits, wantTitles, wantEdits)
	}

	c.change("app.py", appClean, 3)
	if got, _ := c.diagnostics(app, 3); len(got) != 0 {
		t.Fatalf("after removing the call: %v", got)
	}

	// An unsaved change in the nginx file drops X-Forwarded-Proto: the
	// app's ProxyFix(x_proto=1) now trusts a header nginx never sets.
	c.open("nginx/site.conf", siteConf, 1)
	if got, _ := c.diagnostics(app, 3); len(got) != 0 {
		t.Fatalf("app.py after opening the nginx file: %v", got)
	}
	noProto := strings.Replace(siteConf, "        proxy_set_header X-Forwarded-Proto $scheme;\n", "", 1)
	c.change("nginx/site.conf", noProto, 2)
	got, raw = c.diagnostics(app, 3) // open documents are published in path order
	if want := []string{"FL404 4:15-4:57"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("app.py after the nginx change: %v, want %v", got, want)
	}
	if got, _ := c.diagnostics(conf, 2); len(got) != 0 {
		t.Errorf("the nginx file: %v", got)
	}
	related := raw[0].(map[string]any)["relatedInformation"].([]any)
	if loc := related[0].(map[string]any)["location"].(map[string]any); loc["uri"] != conf {
		t.Errorf("related information %v, want a location in %s", related, conf)
	}

	// Closing the nginx file clears its diagnostics, and the disk's text,
	// which sets the header, applies again.
	c.close("nginx/site.conf")
	if got, _ := c.diagnostics(conf, -1); len(got) != 0 {
		t.Errorf("closed nginx file: %v", got)
	}
	if got, _ := c.diagnostics(app, 3); len(got) != 0 {
		t.Errorf("app.py after closing the nginx file: %v", got)
	}
	c.change("app.py", appDebug, 4)
	if got, _ := c.diagnostics(app, 4); len(got) != 1 {
		t.Fatalf("app.py: %v", got)
	}
	c.close("app.py")
	if got, _ := c.diagnostics(app, -1); len(got) != 0 {
		t.Errorf("closed app.py: %v", got)
	}
	if code := c.stop(); code != 0 {
		t.Errorf("exit code %d after shutdown, want 0", code)
	}
}

func pos(line, char int) map[string]any { return map[string]any{"line": line, "character": char} }

func rangeText(r map[string]any) string {
	s, e := r["start"].(map[string]any), r["end"].(map[string]any)
	return num(s["line"]) + ":" + num(s["character"]) + "-" + num(e["line"]) + ":" + num(e["character"])
}

func num(v any) string {
	f, _ := v.(float64)
	return strconvF(f)
}

// A client that offers UTF-8 gets positions in bytes; others get UTF-16
// code units. The line holds "é" (2 bytes, 1 unit) and "😀" (4 bytes, 2
// units) before the call.
func TestPositionEncoding(t *testing.T) {
	app := "from flask import Flask\napp = Flask(__name__)\ns = \"é😀\"; app.run(debug=True)\n"
	for _, tt := range []struct {
		offer []string
		enc   string
		want  string
	}{
		{nil, "utf-16", "FL101 2:11-2:30"},
		{[]string{"utf-16"}, "utf-16", "FL101 2:11-2:30"},
		{[]string{"utf-8", "utf-16"}, "utf-8", "FL101 2:14-2:33"},
	} {
		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"app.py": app})
		c := startServer(t, dir, Options{})
		caps := c.initialize(map[string]any{"capabilities": map[string]any{
			"general": map[string]any{"positionEncodings": tt.offer}}})["capabilities"].(map[string]any)
		if caps["positionEncoding"] != tt.enc {
			t.Errorf("offered %v: positionEncoding %v, want %s", tt.offer, caps["positionEncoding"], tt.enc)
		}
		c.open("app.py", app, 1)
		if got, _ := c.diagnostics(c.uri("app.py"), 1); strings.Join(got, " ") != tt.want {
			t.Errorf("offered %v: %v, want %s", tt.offer, got, tt.want)
		}
		c.stop()
	}
}

// Changes that arrive together are linted once, after the last: the
// diagnostics of the intermediate version are never published.
func TestChangesArrivingTogether(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"app.py": appClean, "nginx/site.conf": siteConf})
	c := startServer(t, dir, Options{})
	c.initialize(nil)
	c.open("app.py", appClean, 1)
	c.diagnostics(c.uri("app.py"), 1)
	var burst []byte
	for i, text := range []string{appDebug, appClean, appDebug} {
		v := i + 2
		body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didChange",
			"params": map[string]any{"textDocument": map[string]any{"uri": c.uri("app.py"), "version": v},
				"contentChanges": []any{map[string]any{"text": text}}}})
		burst = append(burst, frame(string(body))...)
	}
	c.raw(burst)
	var versions []float64
	m := c.await("the diagnostics of version 4", func(m map[string]any) bool {
		if m["method"] != "textDocument/publishDiagnostics" {
			return false
		}
		v := m["params"].(map[string]any)["version"].(float64)
		versions = append(versions, v)
		return v == 4
	})
	if len(versions) != 1 {
		t.Errorf("published versions %v, want only 4", versions)
	}
	if d := m["params"].(map[string]any)["diagnostics"].([]any); len(d) != 1 {
		t.Errorf("version 4: %v", d)
	}
	c.stop()
}

// A client that can register watchers is asked to; a change on disk that
// it reports is linted at once, with the open buffers.
func TestWatchedFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"app.py": appClean, "nginx/site.conf": siteConf})
	c := startServer(t, dir, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{"workspace": map[string]any{
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	reg := c.await("client/registerCapability", func(m map[string]any) bool {
		return m["method"] == "client/registerCapability"
	})
	if reg["id"] != "flasklint-watch" {
		t.Errorf("registration request %v", reg)
	}
	c.send(map[string]any{"id": "flasklint-watch", "result": nil})
	c.open("app.py", appClean, 1)
	if got, _ := c.diagnostics(c.uri("app.py"), 1); len(got) != 0 {
		t.Fatalf("app.py: %v", got)
	}
	noProto := strings.Replace(siteConf, "        proxy_set_header X-Forwarded-Proto $scheme;\n", "", 1)
	writeTree(t, dir, map[string]string{"nginx/site.conf": noProto})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": c.uri("nginx/site.conf"), "type": 2}}})
	if got, _ := c.diagnostics(c.uri("app.py"), 1); strings.Join(got, " ") != "FL404 4:15-4:57" {
		t.Errorf("app.py after the nginx file changed on disk: %v", got)
	}
	c.stop()
}
