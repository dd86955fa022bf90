package dockerfile

import (
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	testenv.SeedFuzz(f, "../../testdata/rules/*/Dockerfile*", "../../testdata/rules/*/*/Dockerfile*")
	for _, s := range []string{"FROM python:3.12\nENV FLASK_DEBUG=1\nCMD [\"flask\", \"run\", " +
		"\"--host=0.0.0.0\"]\n", "RUN a \\\\\n", "CMD [\"unterminated\n", "FROM x\r\nCMD gunicorn -b 0.0.0.0:8000 " +
		"app:app\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Parse("Dockerfile", []byte(src))
	})
}
