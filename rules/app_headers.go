package rules

import (
	"slices"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// maxTrace bounds how many local assignments a header trace follows.
const maxTrace = 4

// headerRead tells whether n reads a request header: X.headers["Name"],
// X.headers.get("Name", ...), X.headers.getlist("Name") (list is set),
// X.environ["HTTP_NAME"] or X.environ.get("HTTP_NAME"). The name is
// returned lower-case with dashes.
func headerRead(m *AppModel, f *python.File, n *python.Node) (name string, list, ok bool) {
	var holder, key *python.Node
	switch n.Type() {
	case "subscript":
		holder, key = n.Child("value"), n.Child("subscript")
	case "call":
		fn := n.Child("function")
		if !isType(fn, "attribute") {
			return "", false, false
		}
		switch method := f.Text(fn.Child("attribute")); method {
		case "get", "getlist", "get_all":
			holder, key, list = fn.Child("object"), argsOf(f, n).at(0, "key"), method != "get"
		default:
			return "", false, false
		}
	default:
		return "", false, false
	}
	if holder == nil || holder.Type() != "attribute" || key == nil {
		return "", false, false
	}
	k := m.Resolver.Resolve(f, key)
	if k.Kind != StrVal || k.Partial {
		return "", false, false
	}
	switch f.Text(holder.Child("attribute")) {
	case "headers":
		return strings.ToLower(k.Str), list, true
	case "environ":
		if rest, ok := strings.CutPrefix(k.Str, "HTTP_"); ok {
			return strings.ToLower(strings.ReplaceAll(rest, "_", "-")), list, true
		}
	}
	return "", false, false
}

// isRequest tells whether n is Flask's request object (or any object
// simply called request).
func isRequest(m *AppModel, f *python.File, n *python.Node) bool {
	if n == nil {
		return false
	}
	return f.Text(n) == "request" || m.Resolver.Resolve(f, n).Is(ExternalVal, "flask.request")
}

// unwrapString looks through the string wrappers that keep a header's
// value: parentheses, x.strip(), x.lower(), str(x), x or "".
func unwrapString(f *python.File, n *python.Node) []*python.Node {
	switch n.Type() {
	case "parenthesized_expression":
		return n.NamedChildren()
	case "boolean_operator":
		return []*python.Node{n.Child("left"), n.Child("right")}
	case "call":
		fn := n.Child("function")
		switch {
		case slices.Contains([]string{"strip", "lstrip", "rstrip", "lower", "replace"}, methodName(f, n)):
			return []*python.Node{fn.Child("object")}
		case isType(fn, "identifier") && f.Text(fn) == "str":
			return argsOf(f, n).pos
		}
	}
	return nil
}

// tracesTo tells whether n, through local assignments and string wrappers,
// is an expression that match accepts.
func tracesTo(m *AppModel, f *python.File, n *python.Node, depth int,
	match func(*python.Node) bool) bool {
	if n == nil || depth > maxTrace {
		return false
	}
	if match(n) {
		return true
	}
	if n.Type() == "identifier" {
		df, def, ok := m.Resolver.Definition(f, n)
		return ok && tracesTo(m, df, def, depth+1, match)
	}
	for _, c := range unwrapString(f, n) {
		if tracesTo(m, f, c, depth, match) {
			return true
		}
	}
	return false
}

// isForwardedFor tells whether n is the X-Forwarded-For header as a string.
func isForwardedFor(m *AppModel, f *python.File, n *python.Node) bool {
	return tracesTo(m, f, n, 0, func(c *python.Node) bool {
		name, list, ok := headerRead(m, f, c)
		return ok && !list && name == "x-forwarded-for"
	})
}

// isForwardedList tells whether n is the X-Forwarded-For entries as a
// list, client-written entries first: header.split(","),
// headers.getlist("X-Forwarded-For") or request.access_route.
func isForwardedList(m *AppModel, f *python.File, n *python.Node, depth int) bool {
	if n == nil || depth > maxTrace {
		return false
	}
	switch n.Type() {
	case "parenthesized_expression":
		inner := n.NamedChildren()
		return len(inner) == 1 && isForwardedList(m, f, inner[0], depth)
	case "identifier":
		df, def, ok := m.Resolver.Definition(f, n)
		return ok && isForwardedList(m, df, def, depth+1)
	case "attribute":
		return f.Text(n.Child("attribute")) == "access_route" && isRequest(m, f, n.Child("object"))
	case "call":
		fn := n.Child("function")
		if name, list, ok := headerRead(m, f, n); ok {
			return list && name == "x-forwarded-for"
		}
		if slices.Contains([]string{"split", "rsplit", "partition"}, methodName(f, n)) {
			return isForwardedFor(m, f, fn.Child("object"))
		}
	}
	return false
}

// isOriginRead tells whether n is the request's Origin header, directly
// or through local variables; names collects the variables on the way.
func isOriginRead(m *AppModel, f *python.File, n *python.Node, names map[string]bool) bool {
	return tracesTo(m, f, n, 0, func(c *python.Node) bool {
		if c.Type() == "identifier" {
			names[f.Text(c)] = true
		}
		if c.Type() == "attribute" && f.Text(c.Child("attribute")) == "origin" {
			return isRequest(m, f, c.Child("object"))
		}
		name, list, ok := headerRead(m, f, c)
		return ok && !list && name == "origin"
	})
}

// headerSet is one place that sets a response header.
type headerSet struct {
	name  string       // lower-case header name
	node  *python.Node // the statement, call or dict entry
	value *python.Node // the value expression
}

// headerSets lists the response headers set under root: resp.headers[k] = v,
// resp.headers.add/set/setdefault(k, v), {k: v} and [(k, v)] displays.
func headerSets(m *AppModel, f *python.File, root *python.Node) []headerSet {
	var out []headerSet
	add := func(node, key, value *python.Node) {
		if k := m.Resolver.Resolve(f, key); k.Kind == StrVal && !k.Partial && value != nil {
			out = append(out, headerSet{name: strings.ToLower(k.Str), node: node, value: value})
		}
	}
	python.Walk(root, func(n *python.Node) bool {
		switch n.Type() {
		case "assignment":
			if l := n.Child("left"); isType(l, "subscript") && isHeadersAttr(f, l.Child("value")) {
				add(n, l.Child("subscript"), n.Child("right"))
			}
		case "call":
			fn := n.Child("function")
			setter := []string{"add", "set", "setdefault", "add_header", "__setitem__"}
			if slices.Contains(setter, methodName(f, n)) && isHeadersAttr(f, fn.Child("object")) {
				args := argsOf(f, n)
				add(n, args.at(0, ""), args.at(1, ""))
			}
		case "pair":
			add(n, n.Child("key"), n.Child("value"))
		case "tuple":
			if items := n.NamedChildren(); len(items) == 2 && n.Parent().Type() == "list" {
				add(n, items[0], items[1])
			}
		}
		return true
	})
	return out
}

// isHeadersAttr tells whether n is some_response.headers.
func isHeadersAttr(f *python.File, n *python.Node) bool {
	return n != nil && n.Type() == "attribute" && f.Text(n.Child("attribute")) == "headers"
}
