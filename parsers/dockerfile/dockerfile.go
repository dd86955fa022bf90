// Package dockerfile reads the parts of a Dockerfile that decide how a Flask
// app is launched: stages, ENV, ARG, COPY, CMD and ENTRYPOINT, each with its
// line. It wraps the BuildKit parser (github.com/moby/buildkit) and hides its
// types.
package dockerfile

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/flasklint/flasklint/parsers/source"
)

// Instruction is one instruction of a Dockerfile.
type Instruction struct {
	Cmd   string   // upper case: ENV, ARG, CMD, ENTRYPOINT, COPY, ...
	Args  []string // ENV/ARG: key, value pairs; COPY: sources then destination; CMD: exec words or one shell string
	Exec  bool     // CMD/ENTRYPOINT in exec (JSON) form
	Line  int      // first line
	End   int      // last line
	Stage int      // index of the FROM stage it belongs to, -1 before any
}

// Var is one ENV or ARG setting.
type Var struct {
	Key, Value string
	HasValue   bool // ARG without a default has none
	Arg        bool
	Line       int
	Stage      int
}

// File is a parsed Dockerfile.
type File struct {
	Path         string
	Instructions []Instruction
	Vars         []Var
	// Error is why the file could not be parsed, with ErrorLine (1 if unknown).
	Error     string
	ErrorLine int
}

var lineInErr = regexp.MustCompile(`line (\d+)`)

// Parse reads a Dockerfile. It never panics on hostile input: a panic in the
// library becomes a parse error.
func Parse(path string, src []byte) (f *File) {
	f = &File{Path: path}
	defer func() {
		if r := recover(); r != nil {
			f.Instructions, f.Vars = nil, nil
			f.Error, f.ErrorLine = "the Dockerfile parser failed on this file", 1
		}
	}()
	res, err := parser.Parse(bytes.NewReader(source.MaskTemplates(src)))
	if err != nil {
		f.Error, f.ErrorLine = err.Error(), 1
		var le *parser.LocationError
		if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
			f.ErrorLine = max(1, le.Locations[0][0].Start.Line)
		} else if m := lineInErr.FindStringSubmatch(err.Error()); m != nil {
			f.ErrorLine, _ = strconv.Atoi(m[1])
		}
		return f
	}
	stage := -1
	for _, n := range res.AST.Children {
		cmd := strings.ToUpper(n.Value)
		if cmd == "FROM" {
			stage++
		}
		in := Instruction{Cmd: cmd, Line: n.StartLine, End: n.EndLine, Stage: stage}
		in.Exec = n.Attributes["json"]
		for a := n.Next; a != nil; a = a.Next {
			in.Args = append(in.Args, a.Value)
		}
		f.Instructions = append(f.Instructions, in)
		switch cmd {
		case "ENV":
			// The parser gives key, value, separator triples.
			for i := 0; i+1 < len(in.Args); i += 3 {
				f.Vars = append(f.Vars, Var{Key: in.Args[i], Value: unquote(in.Args[i+1]),
					HasValue: true, Line: n.StartLine, Stage: stage})
			}
		case "ARG":
			for _, a := range in.Args {
				k, v, ok := strings.Cut(a, "=")
				f.Vars = append(f.Vars, Var{Key: k, Value: unquote(v), HasValue: ok, Arg: true,
					Line: n.StartLine, Stage: stage})
			}
		}
	}
	return f
}

// unquote strips one pair of matching quotes, as the shell would.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// Copies returns the COPY and ADD instructions as (sources, destination).
func (f *File) Copies() []Instruction {
	var out []Instruction
	for _, in := range f.Instructions {
		if (in.Cmd == "COPY" || in.Cmd == "ADD") && len(in.Args) >= 2 {
			out = append(out, in)
		}
	}
	return out
}

// Launches returns the CMD and ENTRYPOINT instructions of the final stage.
func (f *File) Launches() []Instruction {
	last := -1
	for _, in := range f.Instructions {
		last = max(last, in.Stage)
	}
	var out []Instruction
	for _, in := range f.Instructions {
		if in.Stage == last && (in.Cmd == "CMD" || in.Cmd == "ENTRYPOINT") {
			out = append(out, in)
		}
	}
	return out
}
