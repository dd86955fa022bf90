package dotenv

import (
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	testenv.SeedFuzz(f, "../../testdata/rules/*/.env*", "../../testdata/rules/*/*/.env*")
	for _, s := range []string{
		"FLASK_DEBUG=1\nexport SECRET_KEY=\"a b\"\n", "A=\"unterminated\n", "=\n\x00=\xff\n", "A=${B:-x}\r\nC='q'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		Parse(".env", []byte(src))
	})
}
