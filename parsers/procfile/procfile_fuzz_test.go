package procfile

import (
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	testenv.SeedFuzz(f, "../../testdata/rules/*/Procfile*", "../../testdata/rules/*/*/Procfile*")
	for _, s := range []string{
		"web: gunicorn -b 0.0.0.0:$PORT app:app\n", "web:\n", ": x\n", "web: flask run --debug \\\\\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Parse("Procfile", []byte(src))
	})
}
