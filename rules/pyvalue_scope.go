package rules

import (
	"path"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/flasklint/flasklint/parsers/python"
)

// scope is one Python namespace: a module, a class body or a function body,
// with every name bound in it directly (not in nested functions or classes).
// Most scopes bind a few names, so they are a list, indexed once it grows.
type scope struct {
	node *python.Node // the module root, a class_definition or a function_definition
	// names holds each name with its last binding, which leads back
	// through prev to the earlier ones, in the order first bound.
	names     []nameBinding
	index     map[string]int32 // name -> its place in names, past indexFrom names
	params    []string
	globals   []string   // names declared global or nonlocal
	wildcards []*binding // from m import *, each of which could bind any name
}

type nameBinding struct {
	name string
	last *binding
}

// indexFrom is the number of names past which a scope's are indexed.
const indexFrom = 12

// bindingKind is how a name got bound.
type bindingKind uint8

const (
	bindOther      bindingKind = iota // for target, with ... as, +=: not evaluated
	bindAssign                        // name = value
	bindDef                           // def or class
	bindImport                        // import a.b [as c]
	bindFromImport                    // from m import x [as y]
)

// binding is one place that binds a name.
type binding struct {
	// stmt orders the binding: it is in effect for uses after stmt ends.
	stmt *python.Node
	// value is the assigned expression (bindAssign, nil when it cannot be
	// told apart, as in a, b = f()) or the definition (bindDef).
	value *python.Node
	// prev is the binding of the same name in the same scope before this
	// one, or nil.
	prev   *binding
	module string // bindImport, bindFromImport: the dotted module name
	attr   string // bindFromImport: the imported name
	level  int32  // bindFromImport: the number of leading dots
	kind   bindingKind
	// synthetic marks a binding made up for one lookup (a name found
	// through a wildcard import); its value is not memoized.
	synthetic bool
	// memo is the binding's value once resolved: it does not depend on
	// where the name is used.
	memo atomic.Pointer[Value]
}

func newScope(n *python.Node) *scope { return &scope{node: n} }

func (s *scope) add(name string, b *binding) {
	if name == "" {
		return
	}
	if i := s.find(name); i >= 0 {
		b.prev = s.names[i].last
		s.names[i].last = b
		return
	}
	s.names = append(s.names, nameBinding{name, b})
	switch {
	case s.index != nil:
		s.index[name] = int32(len(s.names) - 1)
	case len(s.names) > indexFrom:
		s.index = make(map[string]int32, len(s.names))
		for i, nb := range s.names {
			s.index[nb.name] = int32(i)
		}
	}
}

// find is the place of name in s.names, or -1.
func (s *scope) find(name string) int {
	if s.index != nil {
		if i, ok := s.index[name]; ok {
			return int(i)
		}
		return -1
	}
	for i := range s.names {
		if s.names[i].name == name {
			return i
		}
	}
	return -1
}

// bound tells whether the scope binds name.
func (s *scope) bound(name string) bool { return s.find(name) >= 0 }

// last is the last binding of name in the scope, or nil.
func (s *scope) last(name string) *binding {
	if i := s.find(name); i >= 0 {
		return s.names[i].last
	}
	return nil
}

// param tells whether name is a parameter of the scope's function.
func (s *scope) param(name string) bool { return slices.Contains(s.params, name) }

// global tells whether the scope declares name global or nonlocal.
func (s *scope) global(name string) bool { return slices.Contains(s.globals, name) }

// indexScopes builds the scope of f's module and of every class and
// function in it, keyed by their node.
func indexScopes(f *python.File, out map[*python.Node]*scope) {
	mod := newScope(f.Root)
	out[f.Root] = mod
	for c := range f.Root.Children() {
		collectBindings(f, mod, c, out)
	}
}

// collectBindings records the names n binds in s, descending into compound
// statements but opening a new scope for each def and class.
func collectBindings(f *python.File, s *scope, n *python.Node, out map[*python.Node]*scope) {
	switch n.Type() {
	case "function_definition", "class_definition":
		s.add(f.Text(n.Child("name")), &binding{kind: bindDef, stmt: n, value: n})
		inner := newScope(n)
		out[n] = inner
		if n.Type() == "function_definition" {
			collectParams(f, inner, n.Child("parameters"))
		}
		for c := range n.Child("body").Children() {
			collectBindings(f, inner, c, out)
		}
		return
	case "lambda", "list_comprehension", "set_comprehension",
		"dictionary_comprehension", "generator_expression":
		return
	case "assignment":
		collectAssignment(f, s, n)
	case "augmented_assignment":
		bindTargets(f, s, n.Child("left"), n)
	case "named_expression":
		s.add(f.Text(n.Child("name")), &binding{kind: bindAssign, stmt: n, value: n.Child("value")})
	case "for_statement":
		bindTargets(f, s, n.Child("left"), n.Child("left"))
	case "as_pattern_target":
		bindTargets(f, s, n, n)
	case "import_statement":
		collectImport(f, s, n)
	case "import_from_statement":
		collectFromImport(f, s, n)
	case "global_statement", "nonlocal_statement":
		for _, id := range n.NamedChildren() {
			s.globals = append(s.globals, f.Text(id))
		}
	}
	for c := range n.Children() {
		collectBindings(f, s, c, out)
	}
}

func collectParams(f *python.File, s *scope, params *python.Node) {
	for _, p := range params.NamedChildren() {
		python.Walk(p, func(n *python.Node) bool {
			if n.Field() == "type" || n.Field() == "value" {
				return false
			}
			if n.Type() == "identifier" {
				s.params = append(s.params, f.Text(n))
				return false
			}
			return true
		})
	}
}

// collectAssignment binds the names of name = value, a, b = x, y and
// chained a = b = value.
func collectAssignment(f *python.File, s *scope, n *python.Node) {
	left, right := n.Child("left"), n.Child("right")
	if left == nil || right == nil {
		return // a bare annotation binds nothing
	}
	for isType(right, "assignment") && right.Child("right") != nil {
		right = right.Child("right")
	}
	switch left.Type() {
	case "identifier":
		s.add(f.Text(left), &binding{kind: bindAssign, stmt: n, value: right})
		return
	case "attribute", "subscript":
		return
	}
	targets, values := left.NamedChildren(), right.NamedChildren()
	isSeq := isType(right, "expression_list") || isType(right, "tuple") || isType(right, "list")
	for i, t := range targets {
		if isType(t, "identifier") && isSeq && len(values) == len(targets) {
			s.add(f.Text(t), &binding{kind: bindAssign, stmt: n, value: values[i]})
			continue
		}
		bindTargets(f, s, t, n)
	}
}

// bindTargets binds every plain name inside a target as not evaluable.
func bindTargets(f *python.File, s *scope, target, stmt *python.Node) {
	python.Walk(target, func(n *python.Node) bool {
		switch n.Type() {
		case "identifier":
			s.add(f.Text(n), &binding{kind: bindOther, stmt: stmt})
			return false
		case "attribute", "subscript":
			return false
		}
		return true
	})
}

func collectImport(f *python.File, s *scope, n *python.Node) {
	for _, c := range n.NamedChildren() {
		switch c.Type() {
		case "dotted_name":
			mod := f.Text(c)
			first, _, _ := strings.Cut(mod, ".")
			s.add(first, &binding{kind: bindImport, stmt: n, module: first})
		case "aliased_import":
			s.add(f.Text(c.Child("alias")), &binding{kind: bindImport, stmt: n, module: f.Text(c.Child("name"))})
		}
	}
}

func collectFromImport(f *python.File, s *scope, n *python.Node) {
	mod, level := importModule(f, n.Child("module_name"))
	for c := range n.Children() {
		switch {
		case c.Type() == "wildcard_import":
			s.wildcards = append(s.wildcards, &binding{kind: bindFromImport, stmt: n, module: mod, level: int32(level)})
		case c.Field() != "name":
		case c.Type() == "dotted_name":
			s.add(f.Text(c), &binding{kind: bindFromImport, stmt: n, module: mod, level: int32(level), attr: f.Text(c)})
		case c.Type() == "aliased_import":
			s.add(f.Text(c.Child("alias")), &binding{kind: bindFromImport, stmt: n,
				module: mod, level: int32(level), attr: f.Text(c.Child("name"))})
		}
	}
}

// importModule reads the module of a from-import: its dotted name and the
// number of leading dots of a relative import.
func importModule(f *python.File, n *python.Node) (string, int) {
	if n == nil {
		return "", 0
	}
	if n.Type() != "relative_import" {
		return f.Text(n), 0
	}
	level, mod := 0, ""
	for c := range n.Children() {
		switch c.Type() {
		case "import_prefix":
			level = strings.Count(f.Text(c), ".")
		case "dotted_name":
			mod = f.Text(c)
		}
	}
	return mod, level
}

// isScopeNode tells whether n opens a namespace of its own.
func isScopeNode(n *python.Node) bool {
	return n.Parent() == nil || n.Type() == "function_definition" || n.Type() == "class_definition"
}

// enclosingScopes lists the scope nodes whose names a use at n can see,
// innermost first: the enclosing functions, the class whose body n is
// directly in, and the module.
func enclosingScopes(n *python.Node) []*python.Node {
	var out []*python.Node
	for c, p := n, n.Parent(); p != nil; c, p = p, p.Parent() {
		if !isScopeNode(p) || c.Field() != "body" {
			continue
		}
		if p.Type() == "class_definition" && len(out) > 0 {
			continue // methods do not see class attributes as names
		}
		out = append(out, p)
	}
	for n.Parent() != nil {
		n = n.Parent()
	}
	return append(out, n)
}

// runsInline tells whether code at n runs while the body of scope node s
// executes, rather than later inside a function or lambda.
func runsInline(n, s *python.Node) bool {
	for p := n.Parent(); p != nil && p != s; p = p.Parent() {
		if p.Type() == "function_definition" || p.Type() == "lambda" {
			return false
		}
	}
	return true
}

// boundInExpression tells whether name is bound by a lambda or
// comprehension around n, which the scope index does not record.
func boundInExpression(f *python.File, n *python.Node, name string) bool {
	for p := n.Parent(); p != nil && !isScopeNode(p); p = p.Parent() {
		var targets []*python.Node
		switch p.Type() {
		case "lambda":
			targets = append(targets, p.Child("parameters"))
		case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression":
			for _, c := range p.NamedChildren() {
				if c.Type() == "for_in_clause" {
					targets = append(targets, c.Child("left"))
				}
			}
		}
		for _, t := range targets {
			if containsName(f, t, name) {
				return true
			}
		}
	}
	return false
}

func containsName(f *python.File, n *python.Node, name string) bool {
	found := false
	python.Walk(n, func(c *python.Node) bool {
		if c.Type() == "identifier" && f.Text(c) == name {
			found = true
		}
		return !found
	})
	return found
}

// pickBinding chooses among last and the bindings before it the one in
// effect at n: the last one that ends before n when n runs inline in the
// scope, else the last one.
func pickBinding(last *binding, n *python.Node, inline bool) *binding {
	if !inline || n == nil {
		return last
	}
	for b := last; b != nil; b = b.prev {
		if b.stmt.EndByte <= n.StartByte {
			return b
		}
	}
	return nil
}

// conditionalBinding tells whether b only takes effect on some paths to n:
// an if, loop, except or match branch lies between b and the innermost
// node enclosing both. An if __name__ == "__main__" guard is not a branch.
// A nil n stands for "after the scope has run".
func conditionalBinding(f *python.File, b *binding, n *python.Node) bool {
	for p := b.stmt.Parent(); p != nil && !encloses(p, n) && !isScopeNode(p); p = p.Parent() {
		if isBranch(f, p) {
			return true
		}
	}
	return false
}

// encloses tells whether node a of a tree holds node n of the same tree.
func encloses(a, n *python.Node) bool {
	return n != nil && a.StartByte <= n.StartByte && n.EndByte <= a.EndByte
}

func isBranch(f *python.File, n *python.Node) bool {
	switch n.Type() {
	case "if_statement":
		return !isMainGuard(f, n)
	case "elif_clause", "else_clause", "for_statement", "while_statement", "except_clause",
		"except_group_clause", "case_clause", "conditional_expression", "boolean_operator":
		return true
	}
	return false
}

// isMainGuard tells whether n is an if __name__ == "__main__": statement.
func isMainGuard(f *python.File, n *python.Node) bool {
	if n.Type() != "if_statement" {
		return false
	}
	cond := n.Child("condition")
	if cond == nil || cond.Type() != "comparison_operator" {
		return false
	}
	ops := cond.NamedChildren()
	if len(ops) != 2 || cond.Child("operators") == nil || f.Text(cond.Child("operators")) != "==" {
		return false
	}
	a, b := f.Text(ops[0]), f.Text(ops[1])
	isMain := func(s string) bool { return s == `"__main__"` || s == `'__main__'` }
	return a == "__name__" && isMain(b) || b == "__name__" && isMain(a)
}

// underMainGuard tells whether n sits in the body of an
// if __name__ == "__main__": statement.
func underMainGuard(f *python.File, n *python.Node) bool {
	for c, p := n, n.Parent(); p != nil; c, p = p, p.Parent() {
		if c.Field() == "consequence" && isMainGuard(f, p) {
			return true
		}
	}
	return false
}

// findModule finds the file of a module imported from f: relative imports
// from f's package, absolute ones from f's directory upwards, then a module
// path that only one file of the tree ends with.
func (r *Resolver) findModule(f *python.File, dotted string, level int) *python.File {
	rel := strings.ReplaceAll(dotted, ".", "/")
	dir := path.Dir(f.Path)
	if level > 0 {
		for i := 1; i < level; i++ {
			dir = path.Dir(dir)
		}
		return r.moduleIn(dir, rel)
	}
	for {
		if m := r.moduleIn(dir, rel); m != nil {
			return m
		}
		if dir == "." || dir == "/" || dir == "" {
			break
		}
		dir = path.Dir(dir)
	}
	return r.moduleBySuffix(rel)
}

// moduleIn finds dir/rel.py or the package dir/rel/__init__.py.
func (r *Resolver) moduleIn(dir, rel string) *python.File {
	if rel == "" {
		return r.byPath[path.Join(dir, "__init__.py")]
	}
	if m := r.byPath[path.Join(dir, rel+".py")]; m != nil {
		return m
	}
	return r.byPath[path.Join(dir, rel, "__init__.py")]
}

// moduleBySuffix finds the one file whose path ends with the module path.
func (r *Resolver) moduleBySuffix(rel string) *python.File {
	if m := r.bySuffix[rel]; len(m) == 1 {
		return m[0]
	}
	return nil
}

// moduleSuffixes lists the module paths a file can be imported by, from
// any directory above it: a/b/c.py gives c, b/c and a/b/c; a/b/__init__.py
// gives b and a/b.
func moduleSuffixes(p string) []string {
	p = strings.TrimSuffix(p, ".py")
	p = strings.TrimSuffix(p, "/__init__")
	if p == "__init__" {
		return nil
	}
	var out []string
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			out = append(out, p[i+1:])
		}
	}
	return append(out, p)
}

// submodule finds the module name inside the package whose __init__.py is f.
func (r *Resolver) submodule(f *python.File, name string) *python.File {
	if path.Base(f.Path) != "__init__.py" {
		return nil
	}
	return r.moduleIn(path.Dir(f.Path), name)
}
