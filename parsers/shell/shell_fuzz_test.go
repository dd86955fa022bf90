package shell

import (
	"testing"

	"github.com/flasklint/flasklint/internal/testenv"
)

// FuzzParse: Parse never panics, whatever the bytes. Seeded from the rules'
// testdata.
func FuzzParse(f *testing.F) {
	testenv.SeedFuzz(f, "../../testdata/rules/*/*.sh")
	for _, s := range []string{
		"flask run --host 0.0.0.0 --debug", "gunicorn -b \"0.0.0.0:$PORT\" app:app &", "a $(b `c`) 'unterminated",
		"x=1 y=${z:-w} cmd | tee > f",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := Parse(src); err != nil {
			ErrorPos(err)
		}
	})
}
