// Package python parses Python source with tree-sitter and hands the rules a
// plain Go syntax tree, so that no tree-sitter type, C memory or thread
// restriction leaks past this package. Syntax errors never stop a parse: the
// partial tree is kept and the errors are listed with their positions.
package python

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"runtime"
	"unsafe"

	"github.com/flasklint/flasklint/parsers/source"
)

// Node is one node of the syntax tree: Type() is the tree-sitter node type
// ("call", "identifier", "=="), Field() the name under which the parent
// holds it ("function", "arguments"), or "".
//
// A file's nodes are one array in source order (a node, then its subtree),
// and a node finds its parent and next sibling by offsets in that array (its
// first child, if any, is the next node): 20 bytes a node and no pointers
// for the collector to follow,
// which matters because a run keeps the trees of thousands of files. So a
// Node is only ever used through the pointers a tree hands out; a copy of
// one has no relatives.
type Node struct {
	StartByte int32 // files are at most MaxFileSize bytes
	EndByte   int32
	parent    int32 // nodes back to the parent; 0 at the root
	next      int32 // nodes on to the next sibling; 0 for the last child
	symbol    uint16
	field     uint8 // the grammar's field id
	Named     bool
}

const nodeSize = unsafe.Sizeof(Node{})

// at is the node delta places away from n in its tree's array.
func (n *Node) at(delta int32) *Node {
	return (*Node)(unsafe.Add(unsafe.Pointer(n), int(delta)*int(nodeSize)))
}

// Type is the tree-sitter node type of n.
func (n *Node) Type() string { return symbolName(n.symbol) }

// Field is the name under which the parent holds n, or "".
func (n *Node) Field() string { return grammar.fields[n.field] }

// Parent is the node holding n, or nil at the root.
func (n *Node) Parent() *Node {
	if n.parent == 0 {
		return nil
	}
	return n.at(-n.parent)
}

// ChildCount is the number of n's children.
func (n *Node) ChildCount() int {
	count := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		count++
	}
	return count
}

// FirstChild is n's first child, or nil: the next node when that is a
// child of n. (The array ends with a node that is no one's child.)
func (n *Node) FirstChild() *Node {
	if c := n.at(1); c.parent == 1 {
		return c
	}
	return nil
}

// NextSibling is the child of n's parent after n, or nil.
func (n *Node) NextSibling() *Node {
	if n.next == 0 {
		return nil
	}
	return n.at(n.next)
}

// Children yields n's children in source order; none for a nil n.
func (n *Node) Children() iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		if n == nil {
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if !yield(c) {
				return
			}
		}
	}
}

// File is one parsed Python file.
type File struct {
	Path   string // relative to the scan base, forward slashes
	Src    []byte // never changed once parsed: Text shares it
	Lines  *source.Lines
	Root   *Node
	Errors []SyntaxError
	// Comments are the file's "#" comments in source order. They are never
	// nodes of the tree: rules read code, and only the reader of
	// "# flasklint:" suppressions reads comments.
	Comments []Comment

	tree *cTree // the C tree, kept for ParseEdited (Parser.KeepTrees)
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
	// KeepTrees keeps each file's C syntax tree with its File (freed when
	// the File is no longer used), for ParseEdited.
	KeepTrees bool
	// SplitFrom, when not 0, is the size from which a file is parsed in
	// two halves at once (see split.go): for a core that would be idle.
	// Not with KeepTrees.
	SplitFrom int

	ts     *tsParser
	aux    *tsParser  // the second half's parser, made on first use
	merged []flatNode // the nodes of both halves
	flat   []flatNode // the last walk's nodes, in C memory the parser keeps
	errs   []bool     // per flat node: a child is or holds an error
	index  []int32    // build's scratch: per flat node, its node
	last   []int32    // build's scratch: per node, its last child so far
}

// NewParser returns a parser for Python.
func NewParser() *Parser { return &Parser{ts: newTSParser()} }

// Close frees the parser's C memory.
func (p *Parser) Close() {
	p.ts.close()
	if p.aux != nil {
		p.aux.close()
	}
	p.flat, p.merged = nil, nil
}

// Parse parses src. The error is only for a parse that could not run at all
// (a cancelled context); syntax errors are in File.Errors.
func (p *Parser) Parse(ctx context.Context, path string, src []byte) (*File, error) {
	return p.parse(ctx, path, src, nil)
}

// ParseEdited parses src, the new bytes of the file that old was parsed
// from by a parser with KeepTrees set: the parts of the tree that the
// change (from the first to the last byte that differ) left alone are
// reused, which makes a small edit of a large file much faster to parse.
// Without old's tree it is Parse.
func (p *Parser) ParseEdited(ctx context.Context, path string, src []byte, old *File) (*File, error) {
	if old == nil || old.tree == nil {
		return p.parse(ctx, path, src, nil)
	}
	return p.parse(ctx, path, src, old)
}

func (p *Parser) parse(ctx context.Context, path string, src []byte, old *File) (*File, error) {
	in := universalNewlines(src)
	var base *cTree
	if old != nil {
		base = old.tree.edited(universalNewlines(old.Src), in)
		runtime.KeepAlive(old) // its cleanup would delete the tree being copied
		defer base.release()
	}
	f := &File{Path: path, Src: src, Lines: source.NewLines(src)}
	split := false
	if old == nil && !p.KeepTrees && p.SplitFrom > 0 && len(in) >= p.SplitFrom {
		if at := splitPoint(in); at > 0 {
			flat, ok, err := p.parseSplit(ctx, in, at)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			p.flat, split = flat, ok
		}
	}
	if !split {
		tree, err := p.ts.parse(ctx, in, base.ptr())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		p.flat = p.ts.walk(tree)
		if p.KeepTrees {
			f.tree = keepTree(f, tree)
		} else {
			// Nothing reads the C tree after the walk; freeing a large
			// one takes about a millisecond, which the other cores can
			// spend.
			go deleteTree(tree)
		}
	}
	p.collectComments(f)
	f.Root = p.build()
	if p.flat[0].flags&flagHasError != 0 {
		f.Errors = p.collectErrors(f)
	}
	return f, nil
}

// collectComments lists the file's comments. They are nodes of the
// tree-sitter tree but no child of any node of File.Root: rules read code.
func (p *Parser) collectComments(f *File) {
	for i := 1; i < len(p.flat); i++ {
		n := &p.flat[i]
		if symbolName(n.symbol) != "comment" {
			continue
		}
		start, end := int(n.start), int(n.end)
		f.Comments = append(f.Comments, Comment{
			Span:      f.Lines.Span(start, end),
			StartByte: start,
			Text:      string(f.Src[start:end]),
		})
	}
}

// build makes the Go tree of the last walk's nodes: one array, in the
// walk's (source) order. Comments (listed in File.Comments), and the
// punctuation and statement keywords ("def", "=") held under no field name,
// are left out: no rule reads them, and they are over a third of the nodes.
func (p *Parser) build() *Node {
	flat := p.flat
	p.index = append(p.index[:0], make([]int32, len(flat))...) // flat -> nodes, -1 for a node left out
	kept := 0
	for i := range flat {
		s := &flat[i]
		leaf := i+1 == len(flat) || flat[i+1].parent != int32(i) // in depth-first order
		if i > 0 && leaf && (grammar.omit[s.symbol] && s.field == 0 || symbolName(s.symbol) == "comment") {
			p.index[i] = -1
			continue
		}
		p.index[i] = int32(kept)
		kept++
	}
	// And the end node, which has no parent.
	nodes := make([]Node, kept+1)
	p.last = append(p.last[:0], make([]int32, kept)...) // node -> its last child so far, 0 for none
	for i := range flat {
		k := p.index[i]
		if k < 0 {
			continue
		}
		s := &flat[i]
		n := &nodes[k]
		n.symbol, n.field, n.Named = s.symbol, fieldID(s.field), s.flags&flagNamed != 0
		n.StartByte, n.EndByte = int32(s.start), int32(s.end)
		if s.parent >= 0 {
			pk := p.index[s.parent]
			n.parent = k - pk
			if prev := p.last[pk]; prev != 0 {
				nodes[prev].next = k - prev
			}
			p.last[pk] = k
		}
	}
	return &nodes[0]
}

// collectErrors lists the missing nodes and the innermost error nodes of
// the last walk.
func (p *Parser) collectErrors(f *File) []SyntaxError {
	flat := p.flat
	p.errs = append(p.errs[:0], make([]bool, len(flat))...)
	for i := 1; i < len(flat); i++ {
		if flat[i].flags&(flagError|flagMissing|flagHasError) != 0 {
			p.errs[flat[i].parent] = true
		}
	}
	var errs []SyntaxError
	for i := range flat {
		n := &flat[i]
		switch {
		case n.flags&flagMissing != 0:
			errs = append(errs, SyntaxError{
				Span:    f.Lines.Span(int(n.start), int(n.end)),
				Message: fmt.Sprintf("expected %q", symbolName(n.symbol)),
			})
		case n.flags&flagError != 0 && !p.errs[i]:
			// An error node can span many valid lines before the token that
			// broke the parse; point at its last line's start, not at 1:1.
			start := int(n.start)
			if line, _ := f.Lines.Position(int(n.end)); line > 1 {
				start = max(start, f.Lines.LineStart(line))
			}
			errs = append(errs, SyntaxError{
				Span:    f.Lines.Span(start, int(n.end)),
				Message: "invalid syntax",
			})
		}
	}
	return errs
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
	// The string shares Src's bytes, which are never changed once parsed
	// (the runner and the language server make new buffers for new text):
	// the rules read names by the million, and a copy of each would be
	// most of their garbage.
	b := f.Src[n.StartByte:n.EndByte]
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Span is the position of n.
func (f *File) Span(n *Node) source.Span { return f.Lines.Span(int(n.StartByte), int(n.EndByte)) }

// Child returns the first child held under the field name, or nil.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Field() == name {
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
	out := make([]*Node, 0, n.ChildCount())
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
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
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		Walk(c, fn)
	}
}
