package rules

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// isWerkzeugName tells whether v is the Werkzeug callable name, imported
// from any of its modules (werkzeug.serving.run_simple, werkzeug.run_simple).
func isWerkzeugName(v Value, name string) bool {
	return v.Kind == ExternalVal && strings.HasPrefix(v.Str, "werkzeug.") && strings.HasSuffix(v.Str, "."+name)
}

// addRunSimple records run_simple(hostname, port, application,
// use_reloader, use_debugger, use_evalex, ...).
func (m *AppModel) addRunSimple(f *python.File, c *python.Node) {
	args := argsOf(f, c)
	m.Runs = append(m.Runs, &RunCall{
		File: f, Call: c, Via: "run_simple", Simple: true, Splat: args.splat,
		App:  m.appAt(f, args.at(2, "application")),
		Host: args.at(0, "hostname"), Port: args.at(1, "port"),
		UseDebugger: args.at(4, "use_debugger"), Evalex: args.at(5, "use_evalex"),
		MainGuard: runsOnlyAsMain(f, c),
	})
}

// debugPinVar is the environment variable that sets or disables the
// debugger's PIN.
const debugPinVar = "WERKZEUG_DEBUG_PIN"

// collectPinOff records the statements of f that set WERKZEUG_DEBUG_PIN to
// "off": os.environ[K] = "off", os.environ.setdefault(K, "off"),
// os.putenv(K, "off") and os.environ.update(K="off").
func (m *AppModel) collectPinOff(f *python.File) {
	python.Walk(f.Root, func(n *python.Node) bool {
		switch n.Type() {
		case "assignment":
			l := n.Child("left")
			if isType(l, "subscript") && m.isEnviron(f, l.Child("value")) &&
				m.isString(f, l.Child("subscript"), debugPinVar) && m.isPinOff(f, n.Child("right")) {
				m.PinOff = append(m.PinOff, &CallSite{File: f, Call: n})
			}
		case "call":
			if m.setsPinOff(f, n) {
				m.PinOff = append(m.PinOff, &CallSite{File: f, Call: n})
			}
		}
		return true
	})
}

func (m *AppModel) setsPinOff(f *python.File, c *python.Node) bool {
	fn, args := c.Child("function"), argsOf(f, c)
	switch methodName(f, c) {
	case "setdefault":
		return m.isEnviron(f, fn.Child("object")) && m.isString(f, args.at(0, ""), debugPinVar) &&
			m.isPinOff(f, args.at(1, ""))
	case "putenv":
		return m.Resolver.Resolve(f, fn.Child("object")).Is(ExternalVal, "os") &&
			m.isString(f, args.at(0, ""), debugPinVar) && m.isPinOff(f, args.at(1, ""))
	case "update":
		if !m.isEnviron(f, fn.Child("object")) {
			return false
		}
		e := &evaluator{r: m.Resolver}
		d := e.dictCall(f, c, args)
		en, ok := d.Lookup(debugPinVar)
		return ok && strings.EqualFold(en.Value.Str, "off") && en.Value.Kind == StrVal
	}
	return false
}

func (m *AppModel) isEnviron(f *python.File, n *python.Node) bool {
	return n != nil && m.Resolver.Resolve(f, n).Is(ExternalVal, "os.environ")
}

func (m *AppModel) isString(f *python.File, n *python.Node, s string) bool {
	v := m.Resolver.Resolve(f, n)
	return n != nil && v.Kind == StrVal && !v.Partial && v.Str == s
}

// isPinOff tells whether n is the value "off", which disables the PIN.
func (m *AppModel) isPinOff(f *python.File, n *python.Node) bool {
	v := m.Resolver.Resolve(f, n)
	return n != nil && v.Kind == StrVal && !v.Partial && strings.EqualFold(strings.TrimSpace(v.Str), "off")
}
