package compose

import (
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	testenv.SeedFuzz(f, "../../testdata/rules/*/compose*.y*ml", "../../testdata/rules/*/*/compose*.y*ml")
	for _, s := range []string{"services:\n  app:\n    ports: [\"5000:5000\"]\n    command: flask run --host " +
		"0.0.0.0\n", "services: [", "x: &a [*a]\n", "services:\n  web:\n    environment:\n      - FLASK_DEBUG=1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Parse("compose.yaml", []byte(src))
	})
}
