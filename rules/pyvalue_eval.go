package rules

import (
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/flasklint/flasklint/parsers/python"
)

// Resolver turns Python expressions into values with provenance (RULES.md
// principle 2): literals, module and class constants with inheritance,
// os.environ defaults, f-strings, bool()/int() wrappers, comparisons, dict
// displays and names imported from other modules of the scanned tree.
// Anything it cannot follow is Unknown, and Unknown is never a finding.
//
// A Resolver is built once per run and never changes afterwards, so rules
// may share it between goroutines.
type Resolver struct {
	files  []*python.File
	byPath map[string]*python.File
	// bySuffix indexes files by the module paths they can be imported by.
	bySuffix map[string][]*python.File
	scopes   map[*python.Node]*scope
	// calls indexes the calls of the tree by the name they call (f(...)
	// and x.f(...) under "f"), to find the arguments a function is given.
	calls map[string][]callSite
}

// NewResolver indexes the names bound in every scope of files.
func NewResolver(files []*python.File) *Resolver {
	r := &Resolver{
		files:    files,
		byPath:   map[string]*python.File{},
		bySuffix: map[string][]*python.File{},
		scopes:   map[*python.Node]*scope{},
		calls:    map[string][]callSite{},
	}
	// Each file's scopes and calls are indexed on its own, on every core,
	// then joined in file order.
	type index struct {
		scopes map[*python.Node]*scope
		calls  map[string][]callSite
	}
	indexes := make([]index, len(files))
	eachFile(len(files), func(i int) {
		if f := files[i]; f != nil && f.Root != nil {
			indexes[i] = index{map[*python.Node]*scope{}, map[string][]callSite{}}
			indexScopes(f, indexes[i].scopes)
			indexCalls(f, indexes[i].calls)
		}
	})
	for i, f := range files {
		if f == nil || f.Root == nil {
			continue
		}
		r.byPath[f.Path] = f
		for _, suffix := range moduleSuffixes(f.Path) {
			r.bySuffix[suffix] = append(r.bySuffix[suffix], f)
		}
		maps.Copy(r.scopes, indexes[i].scopes)
		for name, sites := range indexes[i].calls {
			r.calls[name] = append(r.calls[name], sites...)
		}
	}
	return r
}

// eachFile calls fn for 0..n-1 on one goroutine per core.
func eachFile(n int, fn func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// maxDepth bounds how deep one resolution may recurse, so that import
// cycles and self-referencing names end as Unknown.
const maxDepth = 48

// evaluator is one resolution in progress.
type evaluator struct {
	r     *Resolver
	depth int
	// truncated is set when maxDepth cut the resolution short, so that
	// its partial results are not memoized.
	truncated bool
}

// enter counts one level of recursion; it is false past maxDepth.
func (e *evaluator) enter() bool {
	if e.depth > maxDepth {
		e.truncated = true
		return false
	}
	e.depth++
	return true
}

func (e *evaluator) leave() { e.depth-- }

// Resolve resolves the expression n of file f.
func (r *Resolver) Resolve(f *python.File, n *python.Node) Value {
	e := &evaluator{r: r}
	return e.eval(f, n)
}

// Definition follows a plain name to the expression last assigned to it
// before n, in n's scope or an enclosing one. It is how rules trace a local
// variable back to the call that produced it.
func (r *Resolver) Definition(f *python.File, n *python.Node) (*python.File, *python.Node, bool) {
	if n == nil || n.Type() != "identifier" {
		return nil, nil, false
	}
	b, _ := r.bindingAt(f, f.Text(n), n)
	if b == nil || b.kind != bindAssign || b.value == nil {
		return nil, nil, false
	}
	return f, b.value, true
}

func (e *evaluator) eval(f *python.File, n *python.Node) Value {
	if n == nil || f == nil || !e.enter() {
		return Value{}
	}
	defer e.leave()

	here := Origin{f, n}
	switch n.Type() {
	case "true", "false":
		return Value{Kind: BoolVal, Bool: n.Type() == "true", Origin: here}
	case "none":
		return Value{Kind: NoneVal, Origin: here}
	case "integer":
		return intLiteral(f.Text(n), here)
	case "string":
		return e.str(f, n)
	case "concatenated_string":
		return e.concat(f, n)
	case "parenthesized_expression":
		if c := n.NamedChildren(); len(c) == 1 {
			return e.eval(f, c[0])
		}
	case "assignment":
		return e.eval(f, n.Child("right"))
	case "named_expression":
		return e.eval(f, n.Child("value"))
	case "identifier":
		return e.name(f, f.Text(n), n)
	case "attribute":
		return e.attr(e.eval(f, n.Child("object")), f.Text(n.Child("attribute")))
	case "subscript":
		return e.subscript(f, n)
	case "call":
		return e.call(f, n)
	}
	return e.operator(f, n)
}

// operator evaluates the operator and display expressions.
func (e *evaluator) operator(f *python.File, n *python.Node) Value {
	switch n.Type() {
	case "binary_operator":
		return e.binary(f, n)
	case "boolean_operator":
		return e.boolean(f, n)
	case "not_operator":
		v := e.eval(f, n.Child("argument"))
		if on, known := v.Truthy(); known {
			return Value{Kind: BoolVal, Bool: !on, Origin: Origin{f, n}, Override: v.Override}
		}
	case "unary_operator":
		v := e.eval(f, n.Child("argument"))
		if v.Kind == IntVal && f.Text(n.Child("operator")) == "-" {
			v.Int = -v.Int
			return v
		}
	case "comparison_operator":
		return e.comparison(f, n)
	case "conditional_expression":
		return e.conditional(f, n)
	case "list", "tuple", "set", "expression_list":
		return e.sequence(f, n)
	case "dictionary":
		return e.dict(f, n)
	}
	return Value{}
}

// name resolves a plain name used at n.
func (e *evaluator) name(f *python.File, name string, n *python.Node) Value {
	b, state := e.r.bindingAt(f, name, n)
	switch {
	case state == nameBuiltin:
		return Value{Kind: ExternalVal, Str: "builtins." + name, Origin: Origin{f, n}}
	case state == nameOpaque:
		return e.paramDefault(f, name, n)
	case b == nil:
		return Value{}
	}
	return e.bindingValue(f, b)
}

// nameState says why bindingAt found no binding.
type nameState int

const (
	nameBound   nameState = iota
	nameOpaque            // bound in a way that cannot be followed
	nameBuiltin           // bound nowhere: a builtin, if anything
)

// bindingAt finds the binding of name in effect at n, following Python's
// scoping: enclosing functions, then the module, then the builtins.
func (r *Resolver) bindingAt(f *python.File, name string, n *python.Node) (*binding, nameState) {
	if boundInExpression(f, n, name) {
		return nil, nameOpaque
	}
	global := false
	for _, sn := range enclosingScopes(n) {
		s := r.scopes[sn]
		if s == nil || global && sn.Parent() != nil {
			continue
		}
		if s.param(name) {
			return nil, nameOpaque
		}
		if s.global(name) {
			global = true
			continue
		}
		last := s.last(name)
		if last == nil {
			if len(s.wildcards) > 0 && sn.Parent() == nil {
				return r.wildcardBinding(f, s, name)
			}
			continue
		}
		b := pickBinding(last, n, runsInline(n, sn))
		if b == nil || conditionalBinding(f, b, n) {
			return nil, nameOpaque
		}
		return b, nameBound
	}
	return nil, nameBuiltin
}

// wildcardBinding finds which from m import * of a module binds name: the
// last one whose module, in the tree, binds it at module level. A wildcard
// import from outside the tree could bind anything but the builtins.
func (r *Resolver) wildcardBinding(f *python.File, s *scope, name string) (*binding, nameState) {
	for i := len(s.wildcards) - 1; i >= 0; i-- {
		w := s.wildcards[i]
		m := r.findModule(f, w.module, int(w.level))
		switch {
		case m == nil && !isBuiltinName(name):
			return nil, nameOpaque
		case m == nil || strings.HasPrefix(name, "_"):
			continue
		}
		if r.moduleBinds(m, name) {
			if conditionalBinding(f, w, nil) {
				return nil, nameOpaque
			}
			return &binding{kind: bindFromImport, stmt: w.stmt, module: w.module, level: w.level,
				attr: name, synthetic: true}, nameBound
		}
	}
	return nil, nameBuiltin
}

// starExports lists the names from m import * brings in when m sets
// __all__ to a list or tuple of string literals; ok is false otherwise
// (every public name).
func (r *Resolver) starExports(m *python.File) (names []string, ok bool) {
	ms := r.scopes[m.Root]
	if ms == nil {
		return nil, false
	}
	b := ms.last("__all__")
	if b == nil || b.kind != bindAssign || b.value == nil ||
		b.value.Type() != "list" && b.value.Type() != "tuple" {
		return nil, false
	}
	for _, item := range b.value.NamedChildren() {
		if item.Type() != "string" {
			return nil, false
		}
		text := strings.TrimLeft(m.Text(item), "rRuU")
		if len(text) < 2 || text[0] != text[len(text)-1] || text[0] != '"' && text[0] != '\'' {
			return nil, false
		}
		names = append(names, text[1:len(text)-1])
	}
	return names, true
}

// moduleBinds tells whether module m binds name at module level, itself or
// through its own from x import * of modules of the tree (a package that
// re-exports its submodules' names).
func (r *Resolver) moduleBinds(m *python.File, name string) bool {
	return r.binds(m, name, map[*python.File]bool{})
}

// binds is moduleBinds, each module looked at once (star imports may form
// cycles).
func (r *Resolver) binds(m *python.File, name string, seen map[*python.File]bool) bool {
	ms := r.scopes[m.Root]
	if ms == nil || seen[m] {
		return false
	}
	seen[m] = true
	if all, ok := r.starExports(m); ok && !slices.Contains(all, name) {
		return false
	}
	if ms.bound(name) {
		return true
	}
	for _, w := range ms.wildcards {
		if sub := r.findModule(m, w.module, int(w.level)); sub != nil && r.binds(sub, name, seen) {
			return true
		}
	}
	return false
}

// configNames lists the upper-case names module m binds at module level,
// itself or through its from x import * of modules of the tree.
func (r *Resolver) configNames(m *python.File, seen map[*python.File]bool) []string {
	ms := r.scopes[m.Root]
	if ms == nil || seen[m] {
		return nil
	}
	seen[m] = true
	var out []string
	for _, nb := range ms.names {
		if isConfigKey(nb.name) {
			out = append(out, nb.name)
		}
	}
	for _, w := range ms.wildcards {
		sub := r.findModule(m, w.module, int(w.level))
		if sub == nil {
			continue
		}
		all, restricted := r.starExports(sub)
		for _, name := range r.configNames(sub, seen) {
			if (!restricted || slices.Contains(all, name)) && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// isBuiltinName tells whether a name is one of the builtins that a wildcard
// import from outside the tree is assumed not to shadow.
func isBuiltinName(name string) bool {
	switch name {
	case "bool", "int", "str", "float", "dict", "list", "tuple", "set", "frozenset", "len",
		"object", "__name__", "isinstance", "getattr", "range", "print":
		return true
	}
	return false
}

// bindingValue is the value a binding gives its name, memoized.
func (e *evaluator) bindingValue(f *python.File, b *binding) Value {
	if b.kind == bindDef || b.kind == bindOther {
		return e.resolveBinding(f, b) // as cheap as a memo, and smaller
	}
	if v := b.memo.Load(); v != nil {
		return *v
	}
	outer := e.truncated
	e.truncated = false
	v := e.resolveBinding(f, b)
	if !e.truncated && !b.synthetic {
		b.memo.Store(&v)
	}
	e.truncated = e.truncated || outer
	return v
}

func (e *evaluator) resolveBinding(f *python.File, b *binding) Value {
	switch b.kind {
	case bindAssign:
		return e.eval(f, b.value)
	case bindDef:
		kind := FuncVal
		if b.value.Type() == "class_definition" {
			kind = ClassVal
		}
		return Value{Kind: kind, Def: Def{f, b.value}, Origin: Origin{f, b.value}}
	case bindImport:
		if m := e.r.findModule(f, b.module, 0); m != nil {
			return moduleValue(m)
		}
		return Value{Kind: ExternalVal, Str: b.module, Origin: Origin{f, b.stmt}}
	case bindFromImport:
		m := e.r.findModule(f, b.module, int(b.level))
		switch {
		case m == f: // from . import views, in the package's own __init__
			if sub := e.r.submodule(m, b.attr); sub != nil {
				return moduleValue(sub)
			}
			return Value{}
		case m != nil:
			return e.moduleAttr(m, b.attr)
		}
		if b.level == 0 {
			return Value{Kind: ExternalVal, Str: b.module + "." + b.attr, Origin: Origin{f, b.stmt}}
		}
	}
	return Value{}
}

func moduleValue(m *python.File) Value {
	return Value{Kind: ModuleVal, Def: Def{m, m.Root}, Origin: Origin{m, m.Root}}
}

// moduleAttr is the value of name after module m has run: its last
// module-level binding, one of its from x import *, or a submodule of a
// package.
func (e *evaluator) moduleAttr(m *python.File, name string) Value {
	if !e.enter() {
		return Value{}
	}
	defer e.leave()

	if s := e.r.scopes[m.Root]; s != nil {
		b := s.last(name)
		if b != nil && len(s.wildcards) > 0 && !strings.HasPrefix(name, "_") {
			// A star import of the tree after the last binding that
			// binds the name again.
			for i := len(s.wildcards) - 1; i >= 0 && s.wildcards[i].stmt.StartByte > b.stmt.StartByte; i-- {
				w := s.wildcards[i]
				if sub := e.r.findModule(m, w.module, int(w.level)); sub != nil && e.r.moduleBinds(sub, name) {
					if conditionalBinding(m, w, nil) {
						return Value{}
					}
					return e.moduleAttr(sub, name)
				}
			}
		}
		if b != nil {
			if conditionalBinding(m, b, nil) {
				return Value{}
			}
			return e.bindingValue(m, b)
		}
		if len(s.wildcards) > 0 && !strings.HasPrefix(name, "_") {
			switch b, state := e.r.wildcardBinding(m, s, name); state {
			case nameBound:
				return e.bindingValue(m, b)
			case nameOpaque:
				return Value{}
			}
		}
	}
	if sub := e.r.submodule(m, name); sub != nil {
		return moduleValue(sub)
	}
	return Value{}
}

// attr resolves obj.name.
func (e *evaluator) attr(obj Value, name string) Value {
	switch obj.Kind {
	case ModuleVal:
		return e.moduleAttr(obj.Def.File, name)
	case ClassVal, InstVal:
		v, _ := e.classAttr(obj.Def, name)
		return v
	case ExternalVal:
		obj.Str += "." + name
		return obj
	case ResultVal:
		if obj.Str == argparseNamespace && obj.Def.Node != nil {
			return e.argparseDefault(obj.Def, name)
		}
	}
	return Value{}
}

// classAttr finds a class attribute, looking through the bases written in
// the tree. found is false when no class of the chain binds it.
func (e *evaluator) classAttr(class Def, name string) (v Value, found bool) {
	if !e.enter() {
		return Value{}, true
	}
	defer e.leave()

	if s := e.r.scopes[class.Node]; s != nil {
		if b := s.last(name); b != nil {
			if conditionalBinding(class.File, b, nil) {
				return Value{}, true
			}
			return e.bindingValue(class.File, b), true
		}
	}
	for _, base := range e.bases(class) {
		if base.Kind != ClassVal {
			continue
		}
		if v, found := e.classAttr(base.Def, name); found {
			return v, true
		}
	}
	return Value{}, false
}

// bases resolves the base classes of a class, in order.
func (e *evaluator) bases(class Def) []Value {
	var out []Value
	for _, b := range class.Node.Child("superclasses").NamedChildren() {
		if b.Type() != "keyword_argument" {
			out = append(out, e.eval(class.File, b))
		}
	}
	return out
}

func (e *evaluator) subscript(f *python.File, n *python.Node) Value {
	obj := e.eval(f, n.Child("value"))
	key := e.eval(f, n.Child("subscript"))
	switch {
	case obj.Is(ExternalVal, "os.environ") && key.Kind == StrVal && !key.Partial:
		return Value{Override: key.Str, Origin: Origin{f, n}}
	case obj.Kind == DictVal:
		return dictGet(obj, key)
	case obj.Kind == ListVal && key.Kind == IntVal:
		i := key.Int
		if i < 0 {
			i += int64(len(obj.Items))
		}
		if i >= 0 && i < int64(len(obj.Items)) {
			return obj.Items[i].withOverride(key)
		}
	}
	return Value{}
}

// dictGet looks a resolved key up in a resolved dict.
func dictGet(d, key Value) Value {
	for i := len(d.Entries) - 1; i >= 0; i-- {
		if eq, known := pyEqual(d.Entries[i].Key, key); known && eq {
			return d.Entries[i].Value.withOverride(key)
		}
	}
	return Value{}
}

func (e *evaluator) conditional(f *python.File, n *python.Node) Value {
	parts := n.NamedChildren()
	if len(parts) != 3 {
		return Value{}
	}
	cond := e.eval(f, parts[1])
	on, known := cond.Truthy()
	switch {
	case !known:
		return Value{}
	case on:
		return e.eval(f, parts[0]).withOverride(cond)
	}
	return e.eval(f, parts[2]).withOverride(cond)
}

func (e *evaluator) sequence(f *python.File, n *python.Node) Value {
	out := Value{Kind: ListVal, Origin: Origin{f, n}}
	for _, c := range n.NamedChildren() {
		if c.Type() == "list_splat" || c.Type() == "parenthesized_list_splat" {
			return Value{}
		}
		out.Items = append(out.Items, e.eval(f, c))
	}
	return out
}

func (e *evaluator) dict(f *python.File, n *python.Node) Value {
	out := Value{Kind: DictVal, Origin: Origin{f, n}}
	for _, c := range n.NamedChildren() {
		switch c.Type() {
		case "pair":
			out.Entries = append(out.Entries, DictEntry{
				Key: e.eval(f, c.Child("key")), Value: e.eval(f, c.Child("value")), Node: c,
			})
		case "dictionary_splat":
			inner := Value{}
			if kids := c.NamedChildren(); len(kids) == 1 {
				inner = e.eval(f, kids[0])
			}
			if inner.Kind != DictVal {
				return Value{}
			}
			out.Entries = append(out.Entries, inner.Entries...)
		default:
			return Value{}
		}
	}
	return out
}

func intLiteral(text string, at Origin) Value {
	text = strings.ReplaceAll(strings.ToLower(text), "_", "")
	i, err := strconv.ParseInt(text, 0, 64)
	if err != nil && len(text) > 1 && text[0] == '0' && strings.Trim(text, "0") == "" {
		i, err = 0, nil
	}
	if err != nil {
		return Value{}
	}
	return Value{Kind: IntVal, Int: i, Origin: at}
}

// ModuleBinding finds the statement that last binds name at module level
// in f and the value it gives, as the module leaves it after running. ok is
// false when nothing binds it.
func (r *Resolver) ModuleBinding(f *python.File, name string) (stmt *python.Node, v Value, ok bool) {
	s := r.scopes[f.Root]
	if s == nil || !s.bound(name) {
		return nil, Value{}, false
	}
	e := &evaluator{r: r}
	return s.last(name).stmt, e.moduleAttr(f, name), true
}
