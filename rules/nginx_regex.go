package rules

import (
	"regexp/syntax"
	"strconv"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// nginxRegex is a regular expression of a location, if, rewrite or
// server_name, with its capture groups. Go's parser reads the common subset
// of PCRE alike; an expression it cannot read has no known captures.
type nginxRegex struct {
	Dir  *nginx.Directive
	Text string
	caps map[string]*syntax.Regexp // by number ("1") and by name
}

// regexOf returns the regular expression a location, if or rewrite matches
// with, or nil when the directive has none (a prefix location, an if that
// compares strings, a negated match, which captures nothing).
func regexOf(d *nginx.Directive) *nginxRegex {
	var text string
	switch {
	case d.Name == "location" && len(d.Args) == 2 && (d.Args[0] == "~" || d.Args[0] == "~*"):
		text = d.Args[1]
	case d.Name == "location" && len(d.Args) == 1 && strings.HasPrefix(d.Args[0], "~"):
		text = strings.TrimPrefix(strings.TrimPrefix(d.Args[0], "~"), "*")
	case d.Name == "if" && len(d.Args) == 3 && (d.Args[1] == "~" || d.Args[1] == "~*"):
		text = d.Args[2]
	case d.Name == "rewrite" && len(d.Args) >= 2:
		text = d.Args[0]
	default:
		return nil
	}
	return parseNginxRegex(d, text)
}

// serverNameRegexes returns the regular expressions among a server's names.
func serverNameRegexes(s *NginxServer) []*nginxRegex {
	var out []*nginxRegex
	for _, n := range s.Names {
		if n.Kind == RegexName && s.NameDir != nil {
			out = append(out, parseNginxRegex(s.NameDir, strings.TrimPrefix(n.Name, "~")))
		}
	}
	return out
}

func parseNginxRegex(d *nginx.Directive, text string) *nginxRegex {
	r := &nginxRegex{Dir: d, Text: text, caps: map[string]*syntax.Regexp{}}
	re, err := syntax.Parse(text, syntax.Perl)
	if err != nil {
		return r
	}
	var walk func(*syntax.Regexp)
	walk = func(x *syntax.Regexp) {
		if x.Op == syntax.OpCapture {
			r.caps[strconv.Itoa(x.Cap)] = x
			if x.Name != "" {
				r.caps[x.Name] = x
			}
		}
		for _, sub := range x.Sub {
			walk(sub)
		}
	}
	walk(re)
	return r
}

// capture returns the group a variable names ("1", or a named capture),
// nil when the expression has no such group.
func (r *nginxRegex) capture(v string) *syntax.Regexp {
	if r == nil {
		return nil
	}
	return r.caps[v]
}

// matchesLineFeed tells whether some string that re matches holds a line
// feed: [^/]+, \s and (?s). do, a plain . does not.
func matchesLineFeed(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return strings.ContainsRune(string(re.Rune), '\n')
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return true
			}
		}
		return false
	case syntax.OpAnyChar:
		return true
	}
	for _, sub := range re.Sub {
		if matchesLineFeed(sub) {
			return true
		}
	}
	return false
}

// isCaptureVar tells whether a variable name is a numbered capture ($1).
func isCaptureVar(v string) bool {
	return v != "" && strings.Trim(v, "0123456789") == ""
}

// regexChain is the regular expressions in effect at a directive, outermost
// first: the server's name, then enclosing locations and ifs. For a
// rewrite, its own expression comes last.
type regexChain []*nginxRegex

// lookup finds the group a capture variable refers to: a numbered one in
// the innermost expression that has captures, a named one in the innermost
// expression that defines it.
func (c regexChain) lookup(v string) (*nginxRegex, *syntax.Regexp) {
	for i := len(c) - 1; i >= 0; i-- {
		if g := c[i].capture(v); g != nil {
			return c[i], g
		}
		if isCaptureVar(v) && len(c[i].caps) > 0 {
			return c[i], nil
		}
	}
	return nil, nil
}

// walkServerWithRegex visits every directive of a server that is not a
// block of its own, with the regular expressions in effect there.
func walkServerWithRegex(s *NginxServer, visit func(d *nginx.Directive, chain regexChain)) {
	var walk func(block []*nginx.Directive, chain regexChain)
	walk = func(block []*nginx.Directive, chain regexChain) {
		for _, d := range block {
			switch {
			case d.Name == "location" || d.Name == "if":
				inner := chain
				if r := regexOf(d); r != nil {
					inner = append(chain[:len(chain):len(chain)], r)
				}
				walk(d.Block, inner)
			case d.HasBlock:
				// limit_except and other blocks: same captures.
				walk(d.Block, chain)
			case d.Name == "rewrite":
				visit(d, append(chain[:len(chain):len(chain)], regexOf(d)))
			default:
				visit(d, chain)
			}
		}
	}
	walk(s.Dir.Block, serverNameRegexes(s))
}
