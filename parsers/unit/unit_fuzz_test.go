package unit

import (
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// FuzzParse: Parse never panics on any bytes, for systemd units, supervisor
// programs and uWSGI .ini files alike. Seeded from the rules' testdata.
func FuzzParse(f *testing.F) {
	testenv.SeedFuzz(f, "../../testdata/rules/*/*/*.ini", "../../testdata/rules/*/*/*.service",
		"../../testdata/rules/*/*/supervisor*", "../../testdata/rules/*/*/*.conf")
	for _, s := range []string{
		"[uwsgi]\nhttp = 0.0.0.0:5000\n",
		"[Service]\nExecStart=/usr/bin/gunicorn \\\n  -b 0.0.0.0:80 app:app\n",
		"[program:web]\ncommand=flask run --host=0.0.0.0\nenvironment=FLASK_DEBUG=\"1\"\n",
		"[\n", "=\n", "\\", "[Service]\nEnvironment=\"A=1\" B=2\nExecStart=\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := Parse("app.ini", []byte(src))
		if file == nil {
			t.Fatal("Parse returned nil")
		}
		for _, c := range append(append([]Command{}, file.Commands...), file.Binds...) {
			if c.Line < 1 {
				t.Fatalf("command %q has line %d", c.Text, c.Line)
			}
		}
	})
}
