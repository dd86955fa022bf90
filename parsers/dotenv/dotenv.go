// Package dotenv reads .env-style files (.env, .flaskenv, .env.*) with the
// line of every setting. It is hand-rolled: github.com/joho/godotenv, the
// usual library, returns a map without line numbers, and findings need them.
// It follows python-dotenv's syntax: optional "export ", KEY=VALUE or
// KEY: VALUE is not accepted, single and double quotes, "#" comments after
// unquoted values.
package dotenv

import (
	"path"
	"regexp"
	"strings"

	"github.com/flasklint/flasklint/parsers/source"
)

// Var is one setting.
type Var struct {
	Key, Value string
	Line       int
}

// File is a parsed env file.
type File struct {
	Path string
	// Sample is true for .env.example, .env.sample, .env.dev-sample, .env.template
	// and the like: a file meant to be copied, not read as is.
	Sample bool
	Vars   []Var
	// Bad lists lines that are neither settings, comments nor blank.
	Bad []int // template lines ({% if %}, {{ KEY }}=..., ${KEY}=...) are skipped, not bad
	// BadCol is the column of each bad line's first character.
	BadCol []int
}

var keyRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// IsEnvFile tells whether a base name is an env file.
func IsEnvFile(name string) bool {
	return name == ".env" || name == ".flaskenv" || strings.HasPrefix(name, ".env.") ||
		strings.HasSuffix(name, ".env") && name != ".env" && !strings.Contains(name, "/")
}

// IsSample tells whether an env file is a sample to be copied.
func IsSample(p string) bool {
	name := strings.ToLower(path.Base(p))
	for _, s := range []string{"example", "sample", "template", "dist", "tmpl", "tpl", "default"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// Parse reads an env file.
func Parse(p string, src []byte) *File {
	f := &File{Path: p, Sample: IsSample(p)}
	lines := strings.Split(strings.TrimPrefix(string(src), "\ufeff"), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(strings.TrimSuffix(lines[i], "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || !keyRe.MatchString(k) {
			if !source.HasTemplate(line) {
				f.Bad = append(f.Bad, i+1)
				f.BadCol = append(f.BadCol, firstCol(lines[i]))
			}
			continue
		}
		start := i + 1
		v = strings.TrimSpace(v)
		if q := firstByte(v); q == '"' || q == '\'' {
			// A quoted value may span lines.
			body := v[1:]
			for !closes(body, q) && i+1 < len(lines) {
				i++
				body += "\n" + strings.TrimSuffix(lines[i], "\r")
			}
			if end := closeIndex(body, q); end >= 0 {
				body = body[:end]
			}
			v = body
		} else if c := strings.Index(v, " #"); c >= 0 {
			v = strings.TrimSpace(v[:c])
		}
		f.Vars = append(f.Vars, Var{Key: k, Value: v, Line: start})
	}
	return f
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

func closes(s string, q byte) bool { return closeIndex(s, q) >= 0 }

func closeIndex(s string, q byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && q == '"' {
			i++
			continue
		}
		if s[i] == q {
			return i
		}
	}
	return -1
}

// firstCol is the 1-based column of a line's first non-blank character.
func firstCol(line string) int {
	return 1 + len(line) - len(strings.TrimLeft(line, " \t\ufeff"))
}
