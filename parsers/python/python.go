// Package python parses Python source with tree-sitter and hands the rules a
// plain Go syntax tree, so that no tree-sitter type, C memory or thread
// restriction leaks past this package. Syntax errors never stop a parse: the
// partial tree is kept and the errors are listed with their positions.
package python

import (
	"bytes"
	"context"
	"fmt"
	"runtime"

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
	return &Parser{p: p, cv: newConverter()}
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
		f.Root = p.cv.convert(root, f, keep)
	}
	if root.HasError() {
		f.Errors = collectErrors(f, root)
	}
	return f, nil
}

// converter copies a tree-sitter tree into Go memory. Node type and field
// names are interned, so that a tree holds no string of its own. The walk
// first lists the nodes in a scratch buffer kept from file to file; then
// all the nodes of a file take one allocation, and all their child lists
// another, each of the exact size.
type converter struct {
	types   map[sitter.Symbol]uint16 // index in names
	fields  map[string]uint16        // index in names
	names   []string
	scratch []scratchNode
	counts  []int32
}

// scratchNode is a node met by the walk, before its tree is built.
type scratchNode struct {
	start, end  uint32
	parent      int32  // index in the scratch buffer, -1 for the root
	typ, field  uint16 // indexes in names
	named, skip bool   // skip: a comment, no child of its parent
}

func newConverter() *converter {
	return &converter{types: map[sitter.Symbol]uint16{}, fields: map[string]uint16{"": 0}, names: []string{""}}
}

// name interns s in names.
func (cv *converter) name(s string) uint16 {
	cv.names = append(cv.names, s)
	return uint16(len(cv.names) - 1)
}

// convert walks the whole tree with one cursor, which also gives each
// child's field name. The comments it meets go to f.Comments. Without
// keep, only the comments are wanted and no tree is built.
func (cv *converter) convert(n *sitter.Node, f *File, keep bool) *Node {
	c := sitter.NewTreeCursor(n)
	defer func() {
		c.Close()
		// The cursor's finalizer would keep the tree, and the Go copy of
		// every node it cached, alive for one more collection; Close has
		// already freed what it would free.
		runtime.SetFinalizer(c, nil)
	}()
	// About one node for every four bytes of source, so that the buffer
	// seldom grows while it is filled.
	if need := len(f.Src) / 4; cap(cv.scratch) < need {
		cv.scratch = make([]scratchNode, 0, need)
	}
	cv.scratch = cv.scratch[:0]
	cv.add(c.CurrentNode(), -1, 0, f)
	cur := int32(0)
	for {
		if c.GoToFirstChild() {
			cur = cv.addChild(c, cur, f)
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				if !keep {
					return nil
				}
				return cv.build()
			}
			cur = cv.scratch[cur].parent
		}
		cur = cv.addChild(c, cv.scratch[cur].parent, f)
	}
}

// build makes the tree of the nodes in the scratch buffer. Comments have
// a node but are no parent's child.
func (cv *converter) build() *Node {
	sc := cv.scratch
	nodes := make([]Node, len(sc))
	cv.counts = append(cv.counts[:0], make([]int32, len(sc))...)
	kids := 0
	for i := 1; i < len(sc); i++ {
		if !sc[i].skip {
			cv.counts[sc[i].parent]++
			kids++
		}
	}
	var slab []*Node
	if kids > 0 {
		slab = make([]*Node, kids)
	}
	off := 0
	for i := range sc {
		s := &sc[i]
		n := &nodes[i]
		n.Type, n.Field, n.Named = cv.names[s.typ], cv.names[s.field], s.named
		n.StartByte, n.EndByte = int(s.start), int(s.end)
		if s.parent >= 0 {
			p := &nodes[s.parent]
			n.Parent = p
			if !s.skip {
				p.Children = append(p.Children, n)
			}
		}
		if k := int(cv.counts[i]); k > 0 {
			n.Children = slab[off : off : off+k]
			off += k
		}
	}
	return &nodes[0]
}

// addChild lists the cursor's node as a child of parent and returns its
// index. Comments are kept out of the tree and listed in f.Comments
// instead (their node is still listed so the walk goes on).
func (cv *converter) addChild(c *sitter.TreeCursor, parent int32, f *File) int32 {
	name := c.CurrentFieldName()
	field, ok := cv.fields[name]
	if !ok {
		field = cv.name(name)
		cv.fields[name] = field
	}
	return cv.add(c.CurrentNode(), parent, field, f)
}

func (cv *converter) add(n *sitter.Node, parent int32, field uint16, f *File) int32 {
	sym := n.Symbol()
	typ, ok := cv.types[sym]
	if !ok {
		typ = cv.name(n.Type())
		cv.types[sym] = typ
	}
	s := scratchNode{
		typ:    typ,
		field:  field,
		named:  n.IsNamed(),
		start:  n.StartByte(),
		end:    n.EndByte(),
		parent: parent,
	}
	if parent >= 0 && cv.names[typ] == "comment" {
		s.skip = true
		start, end := int(s.start), int(s.end)
		f.Comments = append(f.Comments, Comment{
			Span:      f.Lines.Span(start, end),
			StartByte: start,
			Text:      string(f.Src[start:end]),
		})
	}
	cv.scratch = append(cv.scratch, s)
	return int32(len(cv.scratch) - 1)
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
