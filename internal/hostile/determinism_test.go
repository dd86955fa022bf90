package hostile

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"testing"

	"github.com/flasklint/flasklint/cli"
)

// TestDeterministicAcrossOrdersAndWorkers rebuilds the same tree several
// times, creating its files in a different random order each time (which
// changes the order the file system lists them in), and runs it with
// different worker counts: the SARIF must be byte-identical every time.
func TestDeterministicAcrossOrdersAndWorkers(t *testing.T) {
	files := map[string]string{
		".git/HEAD":        "ref: refs/heads/main\n",
		"nginx/nginx.conf": "http {\n    include conf.d/*.conf;\n    server_tokens on;\n}\n",
		"nginx/conf.d/b.conf": "server {\n    listen 80;\n    server_name _;\n    location / { proxy_pass " +
			"http://$host; }\n}\n",
		"nginx/conf.d/a.conf": "server {\n    listen 80 default_server;\n    autoindex on;\n}\n",
		"requirements.txt":    "flask==2.0.0\nwerkzeug==2.0.0\n",
		"broken.py":           "def f(:\n",
		"cfg/settings.py":     "DEBUG = True\nSECRET_KEY = 'dev'\n",
		"suppressed.py": "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)  # " +
			"flasklint: ignore[FL101] local only\n",
		"hostile/crlf.py":      "from flask import Flask\r\napp = Flask(__name__)\r\napp.run(host='0.0.0.0')\r\n",
		"hostile/cycle/a.conf": "include b.conf;\n",
		"hostile/cycle/b.conf": "include a.conf;\n",
	}
	for i := range 15 {
		files[fmt.Sprintf("pkg%02d/app.py", i)] = neighbour
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}

	dir := t.TempDir()
	var first []byte
	rng := rand.New(rand.NewSource(8))
	for round, workers := range []string{"1", "2", "8", "1", "3"} {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		for _, name := range names {
			write(t, dir, name, files[name])
		}
		var out, errOut bytes.Buffer
		code := cli.Run(
			[]string{"check", "--isolated", "--output-format", "sarif", "--workers", workers, dir},
			nil,
			&out,
			&errOut,
		)
		if code != cli.ExitFindings {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		if round == 0 {
			first = out.Bytes()
			continue
		}
		if !bytes.Equal(out.Bytes(), first) {
			t.Fatalf("round %d (%s workers, files created in another order) gives other SARIF", round, workers)
		}
	}
}
