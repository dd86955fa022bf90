package rules

import "github.com/flasklint/flasklint/parsers/python"

// callSite is one call of the tree, for the call index.
type callSite struct {
	file *python.File
	call *python.Node
}

// indexCalls records the calls of f by the name they call.
func indexCalls(f *python.File, calls map[string][]callSite) {
	python.Walk(f.Root, func(n *python.Node) bool {
		if n.Type() != "call" {
			return true
		}
		fn := n.Child("function")
		switch {
		case isType(fn, "identifier"):
			calls[f.Text(fn)] = append(calls[f.Text(fn)], callSite{f, n})
		case isType(fn, "attribute"):
			name := f.Text(fn.Child("attribute"))
			calls[name] = append(calls[name], callSite{f, n})
		}
		return true
	})
}

// paramDefault resolves a parameter of a module-level function to its
// default value when no call of the function in the tree passes that
// argument, as with def create_app(config_class=Config) called as
// create_app() (calls from test files do not count: they do not run in
// production). Anything else is Unknown.
func (e *evaluator) paramDefault(f *python.File, name string, n *python.Node) Value {
	fn := paramOwner(e.r, f, name, n)
	if fn == nil || !isModuleLevel(fn) {
		return Value{}
	}
	idx, def := paramIndex(f, fn, name)
	if def == nil {
		return Value{}
	}
	for _, c := range e.r.calls[f.Text(fn.Child("name"))] {
		if NonProductionKind(c.file.Path) == "test" {
			continue
		}
		callee := e.eval(c.file, c.call.Child("function"))
		if callee.Kind != FuncVal || callee.Def.Node != fn {
			continue
		}
		args := argsOf(c.file, c.call)
		if args.splat || args.kw[name] != nil || idx >= 0 && len(args.pos) > idx {
			return Value{}
		}
	}
	return e.eval(f, def)
}

// paramOwner finds the function whose parameter name is, as seen from n.
func paramOwner(r *Resolver, f *python.File, name string, n *python.Node) *python.Node {
	if boundInExpression(f, n, name) {
		return nil
	}
	for _, sn := range enclosingScopes(n) {
		s := r.scopes[sn]
		switch {
		case s == nil:
		case s.param(name) && !s.bound(name):
			return sn
		case s.param(name):
			return nil // reassigned in the body
		case s.bound(name):
			return nil
		}
	}
	return nil
}

// paramIndex finds a parameter's position (-1 for a keyword-only one) and
// its default expression (nil when it has none).
func paramIndex(f *python.File, fn *python.Node, name string) (int, *python.Node) {
	idx := 0
	for _, p := range fn.Child("parameters").NamedChildren() {
		switch p.Type() {
		case "list_splat_pattern", "keyword_separator", "dictionary_splat_pattern":
			idx = -1 << 20 // the parameters after * are keyword-only
			continue
		case "default_parameter", "typed_default_parameter":
			if f.Text(p.Child("name")) == name {
				return max(idx, -1), p.Child("value")
			}
		case "identifier", "typed_parameter":
			if f.Text(p) == name || p.Type() == "typed_parameter" && f.Text(p.NamedChildren()[0]) == name {
				return max(idx, -1), nil
			}
		}
		idx++
	}
	return -1, nil
}
