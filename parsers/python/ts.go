package python

/*
#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>

// The part of the tree-sitter C interface this package calls. The library
// itself is compiled and linked by the go-tree-sitter module, whose version
// go.mod pins; these declarations follow that version's api.h.
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct TSLanguage TSLanguage;
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct { uint32_t row, column; } TSPoint;
typedef struct {
	uint32_t start_byte, old_end_byte, new_end_byte;
	TSPoint start_point, old_end_point, new_end_point;
} TSInputEdit;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *);
bool ts_parser_set_language(TSParser *, const TSLanguage *);
void ts_parser_set_cancellation_flag(TSParser *, const size_t *);
void ts_parser_reset(TSParser *);
TSTree *ts_parser_parse_string(TSParser *, const TSTree *, const char *, uint32_t);
TSTree *ts_tree_copy(const TSTree *);
void ts_tree_delete(TSTree *);
void ts_tree_edit(TSTree *, const TSInputEdit *);
TSNode ts_tree_root_node(const TSTree *);
TSTreeCursor ts_tree_cursor_new(TSNode);
void ts_tree_cursor_delete(TSTreeCursor *);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *);
bool ts_tree_cursor_goto_parent(TSTreeCursor *);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *);
TSSymbol ts_node_symbol(TSNode);
uint32_t ts_node_start_byte(TSNode);
uint32_t ts_node_end_byte(TSNode);
bool ts_node_is_named(TSNode);
bool ts_node_is_missing(TSNode);
bool ts_node_has_error(TSNode);
const char *ts_language_symbol_name(const TSLanguage *, TSSymbol);
const char *ts_language_field_name_for_id(const TSLanguage *, TSFieldId);
uint32_t ts_language_symbol_count(const TSLanguage *);
uint32_t ts_language_field_count(const TSLanguage *);
const TSLanguage *tree_sitter_python(void);

enum { FL_NAMED = 1, FL_MISSING = 2, FL_ERROR = 4, FL_HAS_ERROR = 8 };

// One node of a walked tree, in depth-first order; parent is an index
// into the same list, -1 for the root. The layout matches flatNode.
typedef struct {
	uint32_t start, end;
	int32_t parent;
	uint16_t symbol, field;
	uint32_t flags;
} fl_node;

static TSParser *fl_parser_new(void) {
	TSParser *p = ts_parser_new();
	if (p != NULL && !ts_parser_set_language(p, tree_sitter_python())) {
		ts_parser_delete(p);
		return NULL;
	}
	return p;
}

static void fl_cancel(size_t *flag) { __atomic_store_n(flag, 1, __ATOMIC_SEQ_CST); }
static void fl_uncancel(size_t *flag) { __atomic_store_n(flag, 0, __ATOMIC_SEQ_CST); }

// A growing list of walked nodes, kept by a parser from file to file.
typedef struct {
	fl_node *nodes;
	size_t cap;
} fl_buf;

static void fl_buf_free(fl_buf *b) {
	free(b->nodes);
	b->nodes = NULL;
	b->cap = 0;
}

// fl_walk lists the nodes of the tree in b and returns how many there are,
// or -1 when memory ran out.
static long fl_walk(const TSTree *tree, fl_buf *b) {
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	size_t n = 0;
	int32_t cur = -1;
	for (;;) {
		if (n == b->cap) {
			size_t cap = b->cap < 1024 ? 1024 : 2 * b->cap;
			fl_node *nodes = realloc(b->nodes, cap * sizeof(fl_node));
			if (nodes == NULL) {
				ts_tree_cursor_delete(&c);
				return -1;
			}
			b->nodes = nodes;
			b->cap = cap;
		}
		TSNode node = ts_tree_cursor_current_node(&c);
		fl_node *f = &b->nodes[n];
		f->start = ts_node_start_byte(node);
		f->end = ts_node_end_byte(node);
		f->parent = cur;
		f->symbol = ts_node_symbol(node);
		f->field = ts_tree_cursor_current_field_id(&c);
		f->flags = (ts_node_is_named(node) ? FL_NAMED : 0) |
			(ts_node_is_missing(node) ? FL_MISSING : 0) |
			(f->symbol == (TSSymbol)-1 ? FL_ERROR : 0) |
			(ts_node_has_error(node) ? FL_HAS_ERROR : 0);
		int32_t self = (int32_t)n;
		n++;
		if (ts_tree_cursor_goto_first_child(&c)) {
			cur = self;
			continue;
		}
		// The next node is a sibling of this one or of an ancestor; cur
		// climbs with the cursor.
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return (long)n;
			}
			cur = b->nodes[cur].parent;
		}
	}
}
*/
import "C"

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"unsafe"

	// The tree-sitter library and its Python grammar are compiled by these
	// packages; this package calls them through the declarations above.
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/smacker/go-tree-sitter/python"
)

// flatNode is fl_node on the Go side.
type flatNode struct {
	start, end    uint32
	parent        int32
	symbol, field uint16
	flags         uint32
}

const (
	flagNamed    = 1
	flagMissing  = 2
	flagError    = 4
	flagHasError = 8
)

var errCancelled = errors.New("parse cancelled")

// tsParser owns one C parser, the cancellation flag it watches and the
// list its walks fill.
type tsParser struct {
	p    *C.TSParser
	flag *C.size_t
	buf  C.fl_buf
}

func newTSParser() *tsParser {
	p := C.fl_parser_new()
	if p == nil {
		panic("python: the tree-sitter Python grammar does not load")
	}
	flag := (*C.size_t)(C.calloc(1, C.size_t(unsafe.Sizeof(C.size_t(0)))))
	C.ts_parser_set_cancellation_flag(p, flag)
	return &tsParser{p: p, flag: flag}
}

func (t *tsParser) close() {
	if t.p != nil {
		C.ts_parser_delete(t.p)
		C.free(unsafe.Pointer(t.flag))
		C.fl_buf_free(&t.buf)
		t.p, t.flag = nil, nil
	}
}

// parse parses src, reusing old (already edited to match src) when not
// nil. The caller deletes the tree.
func (t *tsParser) parse(ctx context.Context, src []byte, old *C.TSTree) (*C.TSTree, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	C.fl_uncancel(t.flag)
	if done := ctx.Done(); done != nil {
		finished := make(chan struct{})
		defer close(finished)
		go func() {
			select {
			case <-done:
				C.fl_cancel(t.flag)
			case <-finished:
			}
		}()
	}
	var p *C.char
	if len(src) > 0 {
		p = (*C.char)(unsafe.Pointer(&src[0]))
	}
	tree := C.ts_parser_parse_string(t.p, old, p, C.uint32_t(len(src)))
	if tree == nil {
		C.ts_parser_reset(t.p)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, errCancelled
	}
	return tree, nil
}

// walk lists the nodes of tree in depth-first order. The list is the
// parser's: it is valid until the next walk or close.
func (t *tsParser) walk(tree *C.TSTree) []flatNode {
	n := C.fl_walk(tree, &t.buf)
	if n < 0 {
		panic("python: out of memory walking a syntax tree")
	}
	return unsafe.Slice((*flatNode)(unsafe.Pointer(t.buf.nodes)), int(n))
}

func deleteTree(tree *C.TSTree) { C.ts_tree_delete(tree) }

// cTree is a C syntax tree that a File keeps for the next parse of the
// same file; a cleanup deletes it once the File is unreachable.
type cTree struct{ t *C.TSTree }

func keepTree(f *File, tree *C.TSTree) *cTree {
	ct := &cTree{t: tree}
	runtime.AddCleanup(f, func(t *C.TSTree) { C.ts_tree_delete(t) }, tree)
	return ct
}

func (ct *cTree) ptr() *C.TSTree {
	if ct == nil {
		return nil
	}
	return ct.t
}

// release deletes a tree that edited made.
func (ct *cTree) release() {
	if ct != nil {
		C.ts_tree_delete(ct.t)
	}
}

// edited returns a copy of the tree (the File keeps its own unchanged),
// told that its source before became after: the bytes between the common
// prefix and the common suffix were replaced. The caller releases it.
func (ct *cTree) edited(before, after []byte) *cTree {
	prefix := 0
	for prefix < len(before) && prefix < len(after) && before[prefix] == after[prefix] {
		prefix++
	}
	suffix := 0
	for suffix < len(before)-prefix && suffix < len(after)-prefix &&
		before[len(before)-1-suffix] == after[len(after)-1-suffix] {
		suffix++
	}
	oldEnd, newEnd := len(before)-suffix, len(after)-suffix
	e := C.TSInputEdit{
		start_byte:    C.uint32_t(prefix),
		old_end_byte:  C.uint32_t(oldEnd),
		new_end_byte:  C.uint32_t(newEnd),
		start_point:   point(before, prefix),
		old_end_point: point(before, oldEnd),
		new_end_point: point(after, newEnd),
	}
	t := C.ts_tree_copy(ct.t)
	C.ts_tree_edit(t, &e)
	return &cTree{t: t}
}

// point is the row and byte column of an offset.
func point(src []byte, off int) C.TSPoint {
	row := bytes.Count(src[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(src[:off], '\n') + 1)
	return C.TSPoint{row: C.uint32_t(row), column: C.uint32_t(col)}
}

// grammar names the Python grammar's node types and fields, read once.
var grammar = func() (g struct {
	symbols, fields []string
	omit            [1 << 16]bool // punctuation and keywords, left out of the Go tree
}) {
	lang := C.tree_sitter_python()
	for i := range C.uint32_t(C.ts_language_symbol_count(lang)) {
		name := C.GoString(C.ts_language_symbol_name(lang, C.TSSymbol(i)))
		g.symbols = append(g.symbols, name)
		switch name {
		case "(", ")", "[", "]", "{", "}", ",", ":", ";", ".",
			"=", "->", "@", "def", "class", "import", "from", "return":
			g.omit[i] = true
		}
	}
	g.fields = append(g.fields, "")
	for i := C.uint32_t(1); i <= C.ts_language_field_count(lang); i++ {
		g.fields = append(g.fields, C.GoString(C.ts_language_field_name_for_id(lang, C.TSFieldId(i))))
	}
	if len(g.fields) > 256 {
		panic("python: the grammar has more fields than a Node can name")
	}
	return g
}()

// symbolName is the node type of a symbol; the error symbol lies beyond
// the grammar's own.
func symbolName(s uint16) string {
	switch {
	case int(s) < len(grammar.symbols):
		return grammar.symbols[s]
	case s == 0xfffe:
		return "_ERROR"
	}
	return "ERROR"
}

// fieldID is a field as a Node keeps it.
func fieldID(f uint16) uint8 {
	if int(f) < len(grammar.fields) {
		return uint8(f)
	}
	return 0
}
