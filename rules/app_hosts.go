package rules

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// HostCheck is one place that validates the Host header.
type HostCheck struct {
	File *python.File
	Node *python.Node // the hook function, the registration call, the Request subclass or the call
	App  *App         // the app it guards; nil when it may guard any
}

// Guards tells whether the check applies to app.
func (c *HostCheck) Guards(app *App) bool {
	if app != nil && testOverride(c.File, app) {
		return false // a test's Host check does not guard the deployed app
	}
	return c.App == nil || c.App == app
}

// hostChecked tells whether something validates the Host header for app.
func (m *AppModel) hostChecked(app *App) bool {
	for _, c := range m.HostChecks {
		if c.Guards(app) {
			return true
		}
	}
	return false
}

// isURLFor tells whether a callee is Flask's url_for (or an app's).
func isURLFor(f *python.File, fn *python.Node, callee Value) bool {
	if callee.Is(ExternalVal, "flask.url_for") || callee.Is(ExternalVal, "flask.helpers.url_for") {
		return true
	}
	return isType(fn, "attribute") && f.Text(fn.Child("attribute")) == "url_for"
}

// addURLFor records url_for(..., _external=True), which builds an absolute
// URL from the request's Host.
func (m *AppModel) addURLFor(f *python.File, c *python.Node) {
	ext := argsOf(f, c).at(-1, "_external")
	if ext != nil && m.Resolver.Resolve(f, ext).IsOn() {
		m.ExternalURLs = append(m.ExternalURLs, &CallSite{File: f, Call: c})
	}
}

// collectHostChecks records what validates the Host header in f: a
// before_request hook whose conditions test the host, and a Request
// subclass that sets trusted_hosts.
func (m *AppModel) collectHostChecks(f *python.File) {
	python.Walk(f.Root, func(n *python.Node) bool {
		switch n.Type() {
		case "decorated_definition":
			def := n.Child("definition")
			if hook := m.beforeRequest(f, n); hook != nil && isType(def, "function_definition") && m.testsHost(f, def) {
				m.HostChecks = append(m.HostChecks, &HostCheck{File: f, Node: def, App: m.appAt(f, hook)})
			}
		case "call":
			if fn := argsOf(f, n).at(0, ""); isHookRegistration(f, n) && isType(fn, "identifier") {
				v := m.Resolver.Resolve(f, fn)
				if v.Kind == FuncVal && m.testsHost(v.Def.File, v.Def.Node) {
					owner := m.appAt(f, n.Child("function").Child("object"))
					m.HostChecks = append(m.HostChecks, &HostCheck{File: f, Node: n, App: owner})
				}
			}
		case "class_definition":
			if m.isTrustedHostsRequest(f, n) {
				m.HostChecks = append(m.HostChecks, &HostCheck{File: f, Node: n})
			}
		}
		return true
	})
}

// isHookRegistration tells whether call is x.before_request(fn) or
// x.before_app_request(fn).
func isHookRegistration(f *python.File, call *python.Node) bool {
	name := methodName(f, call)
	return name == "before_request" || name == "before_app_request"
}

// beforeRequest returns the object of a @x.before_request (or blueprint
// @x.before_app_request) decorator of a decorated definition, or nil.
func (m *AppModel) beforeRequest(f *python.File, n *python.Node) *python.Node {
	for _, d := range n.NamedChildren() {
		expr := d.NamedChildren()
		if d.Type() != "decorator" || len(expr) != 1 || !isType(expr[0], "attribute") {
			continue
		}
		switch f.Text(expr[0].Child("attribute")) {
		case "before_request", "before_app_request":
			return expr[0].Child("object")
		}
	}
	return nil
}

// testsHost tells whether a condition in fn reads the request's host.
func (m *AppModel) testsHost(f *python.File, fn *python.Node) bool {
	found := false
	python.Walk(fn, func(n *python.Node) bool {
		for _, cond := range conditionsOf(n) {
			python.Walk(cond, func(c *python.Node) bool {
				found = found || m.isHostRead(f, c)
				return !found
			})
		}
		return !found
	})
	return found
}

// isHostRead tells whether n reads the request's Host: request.host,
// request.headers["Host"], request.environ["HTTP_HOST"], or a local
// variable assigned from one of them.
func (m *AppModel) isHostRead(f *python.File, n *python.Node) bool {
	return tracesTo(m, f, n, 0, func(c *python.Node) bool {
		if c.Type() == "attribute" {
			attr := f.Text(c.Child("attribute"))
			if attr == "host" || attr == "server_name" {
				return isRequest(m, f, c.Child("object"))
			}
		}
		name, list, ok := headerRead(m, f, c)
		return ok && !list && name == "host"
	})
}

// isTrustedHostsRequest tells whether a class derives from a Request class
// and sets trusted_hosts.
func (m *AppModel) isTrustedHostsRequest(f *python.File, class *python.Node) bool {
	s := m.Resolver.scopes[class]
	if s == nil || !s.bound("trusted_hosts") {
		return false
	}
	e := &evaluator{r: m.Resolver}
	for _, b := range e.bases(Def{f, class}) {
		if b.Kind == ExternalVal && strings.HasSuffix(b.Str, ".Request") {
			return true
		}
	}
	return false
}
