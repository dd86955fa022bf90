package pins

import (
	"os"
	"path/filepath"
	"testing"
)

// fuzzNames are the names under which each fuzz input is parsed, one for
// every kind of version file.
var fuzzNames = []string{"requirements.txt", "pyproject.toml", "Pipfile", "poetry.lock", "uv.lock", "Pipfile.lock"}

// FuzzParse: parsing any bytes as any kind of version file never panics, its
// pins and problems lie within the file, and comparing their specs does not
// panic either.
func FuzzParse(f *testing.F) {
	var seeds []string
	for _, glob := range []string{"../../testdata/rules/*/*/requirements*.txt", "../../testdata/rules/*/*/*.toml",
		"../../testdata/rules/*/*/*.lock", "../../testdata/rules/*/*/Pipfile"} {
		found, _ := filepath.Glob(glob)
		seeds = append(seeds, found...)
	}
	for _, p := range seeds {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{
		"flask==2.3.2\n-r other.txt\n-c ../c.txt\nwerkzeug>=2,<3 ; python_version<'3.9'\n",
		"[tool.poetry.dependencies]\nflask = \"^2.3\"\nwerkzeug = {version = \"~2.1\"}\n",
		"[[package]]\nname = \"flask\"\nversion = \"2.3.2\"\n",
		"{\"default\": {\"flask\": {\"version\": \"==2.3.2\"}}}",
		"[project]\ndependencies = [\"flask ==\", \"x[y]>=1\"]\n", "flask===\x00\r\nwerkzeug~=\r",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, name := range fuzzNames {
			file := Parse(name, []byte(src))
			for _, p := range file.Pins {
				if p.Span.StartLine < 1 {
					t.Fatalf("%s: pin %+v without a line", name, p)
				}
				p.Installed("2.3.2")
				p.Allows("2.3.2")
				p.AtLeast("2.0", "3.0.0")
			}
			for _, p := range file.Problems {
				if p.Span.StartLine < 1 {
					t.Fatalf("%s: problem %+v without a line", name, p)
				}
			}
		}
	})
}
