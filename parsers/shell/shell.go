// Package shell splits shell command text (a Dockerfile CMD in shell form, a
// compose command string, a Procfile entry, a shell entrypoint script, a
// systemd ExecStart) into simple commands with their words and their
// assignments, using the real shell parser mvdan.cc/sh/v3. Words that are
// not plain text (parameter expansions, command substitutions) are kept as
// written, so "$PORT" stays "$PORT". It hides the library's types.
package shell

import (
	"bytes"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/flasklint/flasklint/parsers/source"
)

// Command is one simple command.
type Command struct {
	Assigns map[string]string // VAR=value before the command
	Words   []string          // the command and its arguments, with quotes removed
	Line    int               // 1-based, relative to the parsed text
}

// Parse splits src into its simple commands. "exec", "env K=V" and "nohup"
// prefixes are removed so that Words[0] is the program run.
func Parse(src string) (cmds []Command, err error) {
	defer func() {
		if r := recover(); r != nil {
			cmds, err = nil, fmt.Errorf("the shell parser failed: %v", r)
		}
	}()
	f, err := syntax.NewParser(syntax.KeepComments(false)).Parse(bytes.NewReader(source.MaskTemplates([]byte(src))), "")
	if err != nil {
		return nil, err
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok {
			return true
		}
		c := Command{Assigns: map[string]string{}, Line: int(call.Pos().Line())}
		for _, a := range call.Assigns {
			if a.Name != nil {
				c.Assigns[a.Name.Value] = word(a.Value, src)
			}
		}
		for _, w := range call.Args {
			c.Words = append(c.Words, word(w, src))
		}
		c.Words = strip(c)
		if len(c.Words) > 0 || len(c.Assigns) > 0 {
			cmds = append(cmds, c)
		}
		return true
	})
	return cmds, nil
}

// ErrorPos is the line and column of a parse error; 1 and 0 (no column)
// when the parser did not say.
func ErrorPos(err error) (line, col int) {
	if pe, ok := err.(syntax.ParseError); ok {
		return max(1, int(pe.Pos.Line())), int(pe.Pos.Col())
	}
	return 1, 0
}

func strip(c Command) []string {
	w := c.Words
	for len(w) > 0 {
		switch w[0] {
		case "exec", "nohup", "command":
			w = w[1:]
			continue
		case "env":
			w = w[1:]
			for len(w) > 0 && strings.Contains(w[0], "=") && !strings.HasPrefix(w[0], "-") {
				k, v, _ := strings.Cut(w[0], "=")
				c.Assigns[k] = v
				w = w[1:]
			}
			continue
		}
		break
	}
	return w
}

// word renders a word: literal parts unquoted, the rest as written.
func word(w *syntax.Word, src string) string {
	if w == nil {
		return ""
	}
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					b.WriteString(l.Value)
				} else {
					b.WriteString(text(q, src))
				}
			}
		default:
			b.WriteString(text(p, src))
		}
	}
	return b.String()
}

func text(n syntax.Node, src string) string {
	s, e := int(n.Pos().Offset()), int(n.End().Offset())
	if s < 0 || e > len(src) || s > e {
		return ""
	}
	return src[s:e]
}
