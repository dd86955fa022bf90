// Package python parses Python source with tree-sitter and hands the rules a
// plain Go syntax tree, so that no tree-sitter type, C memory or thread
// restriction leaks past this package. Syntax errors never stop a parse: the
// partial tree is kept and the errors are listed with their positions.
package python

import (
	"bytes"
	"context"
	"fmt"

	sitter "github.com/smacker/go-tree-sitter"
	tspython "github.com/smacker/go-tree-sitter/python"

	"github.com/flasklint/flasklint/parsers/source"
)

// Node is one node of the syntax tree. Type is the tree-sitter node type
// ("call", "identifier", "=="); Field is the name under which the parent holds
// it ("function", "arguments"), or "".
type Node struct {
	Type      string
	Field     string
	Named     bool
	StartByte int
	EndByte   int
	Parent    *Node
	Children  []*Node
}

// File is one parsed Python file.
type File struct {
	Path   string // relative to the scan base, forward slashes
	Src    []byte
	Lines  *source.Lines
	Root   *Node
	Errors []SyntaxError
	// Comments are the file's "#" comments in source order. They are never
	// nodes of the tree: rules read code, and only the reader of
	// "# flasklint:" suppressions reads comments.
	Comments []Comment
}

// Comment is one "#" comment, from the '#' to the end of its line.
type Comment struct {
	Span      source.Span
	StartByte int
	Text      string
}

// SyntaxError is a place where the source is not valid Python.
type SyntaxError struct {
	Span    source.Span
	Message string
}

// Parser parses files one at a time. It is not safe for concurrent use: give
// each goroutine its own and Close it when done.
type Parser struct {
	p  *sitter.Parser
	cv *converter
}

// NewParser returns a parser for Python.
func NewParser() *Parser {
	p := sitter.NewParser()
	p.SetLanguage(tspython.GetLanguage())
	return &Parser{p: p, cv: &converter{types: map[sitter.Symbol]string{}, fields: map[string]string{}}}
}

// Close frees the parser's C memory.
func (p *Parser) Close() { p.p.Close() }

// Parse parses src. The error is only for a parse that could not run at all
// (a cancelled context); syntax errors are in File.Errors.
func (p *Parser) Parse(ctx context.Context, path string, src []byte) (*File, error) {
	return p.parse(ctx, path, src, true)
}

// Check parses src only to find its syntax errors: the returned File has no
// Root. It is for files that no rule needs to read, which must still not be
// taken for valid when they are not. Its Comments are collected only when
// the source mentions "flasklint", the one thing read from such a file's
// comments.
func (p *Parser) Check(ctx context.Context, path string, src []byte) (*File, error) {
	return p.parse(ctx, path, src, false)
}

func (p *Parser) parse(ctx context.Context, path string, src []byte, keep bool) (*File, error) {
	tree, err := p.p.ParseCtx(ctx, nil, universalNewlines(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer tree.Close()

	f := &File{Path: path, Src: src, Lines: source.NewLines(src)}
	root := tree.RootNode()
	// OPT: a checked file's tree is only walked for suppression comments.
	if keep || bytes.Contains(src, []byte("flasklint")) {
		converted := p.cv.convert(root, f)
		if keep {
			f.Root = converted
		}
	}
	if root.HasError() {
		f.Errors = collectErrors(f, root)
	}
	return f, nil
}

// converter copies a tree-sitter tree into Go memory. Node type and field
// names are interned, so that a tree holds no string of its own.
type converter struct {
	types  map[sitter.Symbol]string
	fields map[string]string
}

// convert walks the whole tree with one cursor, which also gives each
// child's field name. The comments it meets go to f.Comments.
func (cv *converter) convert(n *sitter.Node, f *File) *Node {
	c := sitter.NewTreeCursor(n)
	defer c.Close()
	root := cv.newNode(c.CurrentNode(), nil, "")
	cur := root
	for {
		if c.GoToFirstChild() {
			cur = cv.addChild(c, cur, f)
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				return root
			}
			cur = cur.Parent
		}
		cur = cv.addChild(c, cur.Parent, f)
	}
}

// addChild appends the cursor's node to parent and returns it. Comments are
// kept out of the tree and listed in f.Comments instead (their node is still
// returned so the walk goes on).
func (cv *converter) addChild(c *sitter.TreeCursor, parent *Node, f *File) *Node {
	field := c.CurrentFieldName()
	if field != "" {
		if interned, ok := cv.fields[field]; ok {
			field = interned
		} else {
			cv.fields[field] = field
		}
	}
	n := cv.newNode(c.CurrentNode(), parent, field)
	if n.Type == "comment" {
		f.Comments = append(f.Comments, Comment{
			Span:      f.Lines.Span(n.StartByte, n.EndByte),
			StartByte: n.StartByte,
			Text:      string(f.Src[n.StartByte:n.EndByte]),
		})
		return n
	}
	parent.Children = append(parent.Children, n)
	return n
}

func (cv *converter) newNode(n *sitter.Node, parent *Node, field string) *Node {
	sym := n.Symbol()
	typ, ok := cv.types[sym]
	if !ok {
		typ = n.Type()
		cv.types[sym] = typ
	}
	return &Node{
		Type:      typ,
		Field:     field,
		Named:     n.IsNamed(),
		StartByte: int(n.StartByte()),
		EndByte:   int(n.EndByte()),
		Parent:    parent,
	}
}

func collectErrors(f *File, root *sitter.Node) []SyntaxError {
	var errs []SyntaxError
	it := sitter.NewIterator(root, sitter.DFSMode)
	_ = it.ForEach(func(n *sitter.Node) error {
		switch {
		case n.IsMissing():
			errs = append(errs, SyntaxError{
				Span:    f.Lines.Span(int(n.StartByte()), int(n.EndByte())),
				Message: fmt.Sprintf("expected %q", n.Type()),
			})
		case n.IsError() && !hasNestedError(n):
			// An error node can span many valid lines before the token that
			// broke the parse; point at its last line's start, not at 1:1.
			start := int(n.StartByte())
			if line, _ := f.Lines.Position(int(n.EndByte())); line > 1 {
				start = max(start, f.Lines.LineStart(line))
			}
			errs = append(errs, SyntaxError{
				Span:    f.Lines.Span(start, int(n.EndByte())),
				Message: "invalid syntax",
			})
		}
		return nil
	})
	return errs
}

// hasNestedError tells whether an error node holds a smaller one, which
// places the problem more precisely.
func hasNestedError(n *sitter.Node) bool {
	for i := 0; i < int(n.ChildCount()); i++ {
		if c := n.Child(i); c != nil && (c.IsError() || c.IsMissing() || c.HasError()) {
			return true
		}
	}
	return false
}

// universalNewlines turns each lone CR into LF, as Python reads source
// files. The length and every byte offset stay the same.
func universalNewlines(src []byte) []byte {
	i := bytes.IndexByte(src, '\r')
	if i < 0 {
		return src
	}
	out := bytes.Clone(src)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

// Text is the source text of n.
func (f *File) Text(n *Node) string {
	if n == nil {
		return ""
	}
	return string(f.Src[n.StartByte:n.EndByte])
}

// Span is the position of n.
func (f *File) Span(n *Node) source.Span { return f.Lines.Span(n.StartByte, n.EndByte) }

// Child returns the first child held under the field name, or nil.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Field == name {
			return c
		}
	}
	return nil
}

// NamedChildren returns the named children of n.
func (n *Node) NamedChildren() []*Node {
	if n == nil {
		return nil
	}
	out := make([]*Node, 0, len(n.Children))
	for _, c := range n.Children {
		if c.Named {
			out = append(out, c)
		}
	}
	return out
}

// Walk calls fn for n and every node below it, depth first, in source order.
// When fn returns false the children of that node are skipped.
func Walk(n *Node, fn func(*Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	for _, c := range n.Children {
		Walk(c, fn)
	}
}
