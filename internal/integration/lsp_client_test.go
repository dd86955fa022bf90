package integration

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flasklint/flasklint/internal/testenv"
)

// A real language client (the protocol library editor extensions use, run
// by node) drives `flasklint server`: it opens an app.py whose finding
// follows non-ASCII text on its line (accented letters, and an emoji that
// takes two UTF-16 code units) and checks the diagnostic's range in UTF-16
// units, its fields, the code actions and a clean shutdown
// (lspclient/client.js). scripts/ensure-lsp-client, which `make tools`
// runs, installs the pinned packages; without them or node the test fails.
func TestLanguageClient(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed (make tools installs npm, which brings it)")
	}
	client := filepath.Join(testenv.ModuleRoot(t), "internal", "integration", "lspclient")
	for _, pkg := range []string{"vscode-languageserver-protocol", "vscode-jsonrpc"} {
		if _, err := os.Stat(filepath.Join(client, "node_modules", pkg, "package.json")); err != nil {
			t.Fatalf("the npm package %s is not installed: run scripts/ensure-lsp-client (make tools)", pkg)
		}
	}
	bin := filepath.Join(t.TempDir(), "flasklint")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = testenv.ModuleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ws := t.TempDir()
	app := "from flask import Flask\n\napp = Flask(__name__)\n" +
		"greeting = \"café crème 😀 naïve\"; app.run(debug=True)\n"
	if err := os.WriteFile(filepath.Join(ws, "app.py"), []byte(app), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(client, "client.js"), bin, ws)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the client failed: %v\n%s", err, out)
	}
	// "café crème 😀 naïve" is 19 code points but 20 UTF-16 units.
	if want := "lsp client: ok (FL101 at 3:34-3:53)"; !strings.Contains(string(out), want) {
		t.Errorf("client output %q, want %q", out, want)
	}
}
