package procfile

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"../../testdata/rules/*/Procfile*", "../../testdata/rules/*/*/Procfile*"} {
		found, _ := filepath.Glob(glob)
		for _, p := range found {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(string(src))
			}
		}
	}
	for _, s := range []string{"web: gunicorn -b 0.0.0.0:$PORT app:app\n", "web:\n", ": x\n", "web: flask run --debug \\\\\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Parse("Procfile", []byte(src))
	})
}
