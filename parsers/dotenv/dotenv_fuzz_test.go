package dotenv

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"../../testdata/rules/*/.env*", "../../testdata/rules/*/*/.env*"} {
		found, _ := filepath.Glob(glob)
		for _, p := range found {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(string(src))
			}
		}
	}
	for _, s := range []string{"FLASK_DEBUG=1\nexport SECRET_KEY=\"a b\"\n", "A=\"unterminated\n", "=\n\x00=\xff\n", "A=${B:-x}\r\nC='q'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Parse(".env", []byte(src))
	})
}
