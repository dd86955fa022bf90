package runner

import "github.com/flasklint/flasklint/parsers/pins"

// KindPins is a file that states Python package versions: requirement and
// constraint files, pyproject.toml, Pipfile and the lock files. Rules whose
// meaning changed between versions read them (RULES.md principle 6).
const KindPins Kind = 100

// pinKind tells whether a file states package versions.
func pinKind(rel string) Kind {
	if pins.KindOf(rel) != pins.NotPins {
		return KindPins
	}
	return 0
}

// parsePins reads the version files; they are small, so one goroutine does.
func parsePins(paths []string, sources map[string][]byte) []*pins.File {
	out := make([]*pins.File, 0, len(paths))
	for _, p := range paths {
		out = append(out, pins.Parse(p, sources[p]))
	}
	return out
}
