package shell

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"../../testdata/rules/*/*.sh"} {
		found, _ := filepath.Glob(glob)
		for _, p := range found {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(string(src))
			}
		}
	}
	for _, s := range []string{"flask run --host 0.0.0.0 --debug", "gunicorn -b \"0.0.0.0:$PORT\" app:app &", "a $(b `c`) 'unterminated", "x=1 y=${z:-w} cmd | tee > f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := Parse(src); err != nil {
			ErrorLine(err)
		}
	})
}
