// Package procfile reads a Procfile: one "process: command" per line.
package procfile

import (
	"regexp"
	"strings"

	"github.com/flasklint/flasklint/parsers/source"
)

// Process is one entry.
type Process struct {
	Name, Command string
	Line          int
}

// File is a parsed Procfile.
type File struct {
	Path      string
	Processes []Process
	Bad       []int // lines that are not entries, comments, blank or template lines
	BadCol    []int // the column of each bad line's first character
}

var entry = regexp.MustCompile(`^([A-Za-z0-9_-]+)\s*:\s*(.*)$`)

// Parse reads a Procfile.
func Parse(p string, src []byte) *File {
	f := &File{Path: p}
	for i, raw := range strings.Split(string(src), "\n") {
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := entry.FindStringSubmatch(line)
		if m == nil {
			if !source.HasTemplate(line) {
				f.Bad = append(f.Bad, i+1)
				f.BadCol = append(f.BadCol, 1+len(raw)-len(strings.TrimLeft(raw, " \t")))
			}
			continue
		}
		f.Processes = append(f.Processes, Process{Name: m[1], Command: m[2], Line: i + 1})
	}
	return f
}
