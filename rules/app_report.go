package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// nodePos is the finding position of node n of file f.
func nodePos(f *python.File, n *python.Node) Pos {
	return Pos{File: f.Path, Span: f.Span(n)}
}

// shortText is the source of n on one line, shortened for a message.
func shortText(f *python.File, n *python.Node) string {
	s := strings.Join(strings.Fields(f.Text(n)), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// isElsewhere tells whether a value's origin lies outside the line range of
// the node that uses it, so that it deserves a related location.
func isElsewhere(v Value, f *python.File, at *python.Node) bool {
	if !v.Origin.Valid() {
		return false
	}
	if v.Origin.File != f {
		return true
	}
	o, here := v.Origin.Pos().Span, f.Span(at)
	return o.StartLine < here.StartLine || o.StartLine > here.EndLine
}

// setAt is the message fragment naming where a value was set, relative to
// the file of the finding: "line 4" or "config.py:4".
func setAt(o Origin, f *python.File) string {
	if o.File == f {
		return fmt.Sprintf("line %d", o.Line())
	}
	return fmt.Sprintf("%s:%d", o.File.Path, o.Line())
}

// originNote is " (value set at line N)" for a value set elsewhere, with
// its environment variable if any, or "".
func originNote(v Value, f *python.File, at *python.Node) string {
	var parts []string
	if isElsewhere(v, f, at) {
		parts = append(parts, "value set at "+setAt(v.Origin, f))
	}
	if v.Override != "" {
		parts = append(parts, v.OverrideNote())
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// relatedOrigin is the related location for a value set elsewhere.
func relatedOrigin(v Value, f *python.File, at *python.Node, what string) []Related {
	if !isElsewhere(v, f, at) {
		return nil
	}
	return []Related{{Pos: v.Origin.Pos(), Message: what}}
}

// argPhrase renders name=expr with its resolved value when the expression
// is not the literal itself: `debug=True`, `host=HOST ("0.0.0.0")`.
func argPhrase(name string, f *python.File, expr *python.Node, v Value) string {
	text := shortText(f, expr)
	lit := v.Python()
	if v.Kind == StrVal && !v.Partial && (text == lit || text == "'"+v.Str+"'") || text == lit {
		return name + "=" + text
	}
	return fmt.Sprintf("%s=%s (%s)", name, text, lit)
}

// mainGuardNote is appended to findings on calls that only run under
// if __name__ == "__main__":.
const mainGuardNote = `; the call only runs under if __name__ == "__main__" ` +
	"and no launch file is known to run the module"

// allInterfacesHost tells whether a host string means every interface.
func allInterfacesHost(h string) bool {
	switch strings.Trim(strings.ToLower(h), "[]") {
	case "0.0.0.0", "::", "::0", "0:0:0:0:0:0:0:0":
		return true
	}
	return false
}

// loopbackHost tells whether a host string is the loopback interface.
func loopbackHost(h string) bool {
	h = strings.Trim(strings.ToLower(h), "[]")
	return h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.")
}

// underFunction returns the innermost function_definition around n, or the
// module root.
func underFunction(n *python.Node) *python.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == "function_definition" || p.Parent() == nil {
			return p
		}
	}
	return n
}

// isType tells whether n exists and has one of the types; a tree with
// syntax errors may lack a node that a field normally holds.
func isType(n *python.Node, types ...string) bool {
	if n == nil {
		return false
	}
	for _, t := range types {
		if n.Type() == t {
			return true
		}
	}
	return false
}

// methodName is the attribute a call invokes (x.strip() gives "strip"), or
// "" when the callee is not an attribute.
func methodName(f *python.File, call *python.Node) string {
	fn := call.Child("function")
	if !isType(fn, "attribute") {
		return ""
	}
	return f.Text(fn.Child("attribute"))
}
