package nginx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	crossplane "github.com/nginxinc/nginx-go-crossplane"

	"github.com/flasklint/flasklint/parsers/source"
)

// parsed is one file as crossplane read it, with the spans recovered for
// each of its directives. It is cached: a file included from several places
// is parsed once and converted at each include site.
type parsed struct {
	file     *File
	tree     crossplane.Directives
	nodes    []node    // one per directive of tree, in source order
	problems []Problem // syntax errors of this file
}

// node is what parseFile adds to a crossplane directive: its span, and the
// index in parsed.nodes just past its block, where its next sibling is.
type node struct {
	span  source.Span
	after int
}

// parseFile runs crossplane on one file's bytes. Every file is parsed on its
// own (SingleFile) with the context and argument checks off, so that a bare
// server block or a snippet of location directives keeps all its blocks; the
// loader resolves includes itself.
func parseFile(f *File) *parsed {
	src := bytes.TrimPrefix(f.Src, []byte("\xef\xbb\xbf"))
	lua := mayHoldLua(src)
	var payload *crossplane.Payload
	var err error
	if !lua && len(src) >= halvesFrom {
		payload = parseHalves(f.Path, src)
	}
	if payload == nil {
		payload, err = parseSafely(f.Path, src, parseOptions(f.Path, src, lua))
	}
	p := &parsed{file: f}
	if err != nil {
		p.problems = append(p.problems, syntaxProblem(f, err))
		return p
	}
	for _, e := range payload.Errors {
		p.problems = append(p.problems, syntaxProblem(f, e.Error))
	}
	if len(payload.Config) > 0 {
		p.tree = payload.Config[0].Parsed
	}
	p.nodes = make([]node, 0, countTree(p.tree))
	p.index(p.tree, newLocator(f.Lines))
	return p
}

// index appends the nodes of ds and their blocks in source order.
func (p *parsed) index(ds crossplane.Directives, loc *locator) {
	for _, d := range ds {
		i := len(p.nodes)
		p.nodes = append(p.nodes, node{span: loc.find(d.Line, d.Directive)})
		p.index(d.Block, loc)
		p.nodes[i].after = len(p.nodes)
	}
}

// countTree counts the directives of ds and their blocks.
func countTree(ds crossplane.Directives) int {
	n := len(ds)
	for _, d := range ds {
		n += countTree(d.Block)
	}
	return n
}

// emptyIf finds an `if ()` with nothing between the parentheses, on which
// the crossplane parser panics instead of returning an error.
var emptyIf = regexp.MustCompile(`(?:^|[\s;{}])if\s*\(\s*\)`)

// parseOptions are crossplane's options for parsing src as the file name.
func parseOptions(name string, src []byte, lua bool) *crossplane.ParseOptions {
	return readOptions(name, lua, bytes.NewReader(src))
}

// readOptions are crossplane's options for parsing what r holds as the
// file name.
func readOptions(name string, lua bool, r io.Reader) *crossplane.ParseOptions {
	opts := &crossplane.ParseOptions{
		Open: func(n string) (io.ReadCloser, error) {
			if n != name {
				return nil, fmt.Errorf("open %s: not the file being parsed", n)
			}
			return io.NopCloser(r), nil
		},
		Glob:                      func(string) ([]string, error) { return nil, nil },
		SingleFile:                true,
		SkipDirectiveContextCheck: true,
		SkipDirectiveArgsCheck:    true,
		// With both checks skipped, crossplane's directive tables would only
		// be looked up for nothing: no directive is known to it.
		DirectiveSources: []crossplane.MatchFunc{func(string) ([]uint, bool) { return nil, false }},
	}
	if lua {
		opts.LexOptions = crossplane.LexOptions{Lexers: luaLexers()}
	}
	return opts
}

// parseSafely runs crossplane.Parse and turns a panic inside it into a
// parse error, placed at the construct known to cause one when it is
// found, else at the first line: one bad file never stops the run.
func parseSafely(name string, src []byte, opts *crossplane.ParseOptions) (payload *crossplane.Payload, err error) {
	defer func() {
		if r := recover(); r != nil {
			line, what := 1, fmt.Sprintf("the nginx parser failed on this file: %v", r)
			if loc := emptyIf.FindIndex(src); loc != nil {
				line, what = 1+bytes.Count(src[:loc[1]], []byte("\n")), "`if ()` has no condition"
			}
			payload, err = nil, &crossplane.ParseError{What: what, File: &name, Line: &line}
		}
	}()
	return crossplane.Parse(name, opts)
}

// luaLexers read the bodies of *_by_lua_block directives as Lua, whose
// strings may hold braces (crossplane's lexer does not read Lua comments). crossplane's own list lacks the
// newer directives of lua-nginx-module that its directive tables know.
func luaLexers() []crossplane.RegisterLexer {
	lua := &crossplane.Lua{}
	return []crossplane.RegisterLexer{
		lua.RegisterLexer(),
		crossplane.LexWithLexer(lua, "precontent_by_lua_block",
			"proxy_ssl_certificate_by_lua_block", "proxy_ssl_verify_by_lua_block"),
	}
}

// mayHoldLua tells whether src may hold a *_by_lua_block directive. The
// lexer looks up every directive name among the registered lexers as it
// reads it, character by character; without lexers it skips that work. It
// drops carriage returns wherever they are, so they are dropped here too.
func mayHoldLua(src []byte) bool {
	const lua = "_by_lua_block"
	if bytes.Contains(src, []byte(lua)) {
		return true
	}
	return bytes.IndexByte(src, '\r') >= 0 && bytes.Contains(bytes.ReplaceAll(src, []byte("\r"), nil), []byte(lua))
}

// syntaxProblem turns a crossplane error into a Problem on its line.
func syntaxProblem(f *File, err error) Problem {
	line, what := 1, err.Error()
	var perr *crossplane.ParseError
	if errors.As(err, &perr) {
		what = perr.What
		if perr.Line != nil {
			line = *perr.Line
		}
	}
	line = max(1, min(line, f.Lines.Count()))
	for line > 1 && len(bytes.TrimSpace(f.Lines.Line(line))) == 0 {
		line-- // an error at the end of the file: show the last statement
	}
	return Problem{
		Kind:    SyntaxError,
		File:    f.Path,
		Span:    f.Lines.LineSpan(line),
		Message: "nginx cannot parse this file: " + strings.TrimSpace(what),
	}
}
