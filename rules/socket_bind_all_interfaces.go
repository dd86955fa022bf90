package rules

import (
	"fmt"

	"github.com/flasklint/flasklint/parsers/python"
)

// SocketBindAllInterfaces reports sockets bound to every interface.
var SocketBindAllInterfaces = &Rule{
	ID:        "FL204",
	Name:      "socket-bind-all-interfaces",
	Title:     "a socket binds all interfaces",
	Severity:  Low,
	Precision: MediumPrec,
	Tags:      []string{"security", "exposure"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "`sock.bind((\"\", port))` or `(\"0.0.0.0\", port)` accepts connections on every " +
			"interface. For a socket an empty host means all interfaces, unlike `app.run(host=\"\")`, " +
			"which Flask turns into loopback. Like a WSGI server's bind, this is expected inside a " +
			"container and decided by the published ports, so it is a note; the cross-file rules " +
			"use it with the port publishing.",
		Fix: "Bind `127.0.0.1` unless the service must be reachable from other machines, and then " +
			"restrict who reaches it with the network set-up.",
		Limitations: "The socket is recognised when it comes from `socket.socket(...)` in the same " +
			"scope, through `with socket.socket(...) as s`, or is `socket.create_server(...)`; " +
			"addresses built at run time are not followed. Sockets are checked in a tree that holds " +
			"Flask code (a Python file that names flask, werkzeug, gunicorn or waitress, or a " +
			"gunicorn.conf.py or wsgi.py): a socket server in a tree without any is not a Flask " +
			"deployment, and its files are not read.",
	},
	Check: checkSocketBindAllInterfaces,
}

func checkSocketBindAllInterfaces(p *Pass) error {
	m := p.Project.AppModel()
	for _, f := range p.Project.Python {
		python.Walk(f.Root, func(n *python.Node) bool {
			if n.Type() != "call" {
				return true
			}
			if addr := socketBindAddress(m, f, n); addr != nil {
				if fd, ok := socketBindFinding(m, f, n, addr); ok {
					p.Report(fd)
				}
			}
			return true
		})
	}
	return nil
}

// socketBindAddress returns the address argument of sock.bind(addr) on a
// socket.socket, or of socket.create_server(addr).
func socketBindAddress(m *AppModel, f *python.File, call *python.Node) *python.Node {
	fn, args := call.Child("function"), argsOf(f, call)
	callee := m.Resolver.Resolve(f, fn)
	if callee.Is(ExternalVal, "socket.create_server") {
		return args.at(0, "address")
	}
	if methodName(f, call) != "bind" || len(args.pos) != 1 || len(args.kw) > 0 {
		return nil
	}
	if isSocket(m, f, fn.Child("object")) {
		return args.pos[0]
	}
	return nil
}

// isSocket tells whether n is a socket.socket object: its result, or a
// name bound by with socket.socket(...) as name.
func isSocket(m *AppModel, f *python.File, n *python.Node) bool {
	v := m.Resolver.Resolve(f, n)
	if v.Is(ResultVal, "socket.socket") {
		return true
	}
	if !isType(n, "identifier") {
		return false
	}
	name, found := f.Text(n), false
	python.Walk(underFunction(n), func(c *python.Node) bool {
		if c.Type() == "as_pattern" && !found {
			alias := c.Child("alias")
			val := c.NamedChildren()
			found = alias != nil && f.Text(alias) == name && len(val) > 0 &&
				m.Resolver.Resolve(f, val[0]).Is(ResultVal, "socket.socket")
		}
		return !found
	})
	return found
}

func socketBindFinding(m *AppModel, f *python.File, call, addr *python.Node) (Finding, bool) {
	v := m.Resolver.Resolve(f, addr)
	if v.Kind != ListVal || len(v.Items) < 2 {
		return Finding{}, false
	}
	host := v.Items[0]
	if host.Kind != StrVal || host.Partial || host.Str != "" && !allInterfacesHost(host.Str) {
		return Finding{}, false
	}
	what := fmt.Sprintf("%q", host.Str)
	if host.Str == "" {
		what = `"" (an empty host means all of them)`
	}
	return Finding{
		Pos: nodePos(f, call),
		Message: fmt.Sprintf("%s binds the host %s: the socket listens on every interface%s; inside a container "+
			"this is expected and the published ports decide the exposure", shortText(f, call.Child("function")), what,
			originNote(host, f, call)),
		Related: relatedOrigin(host, f, call, "the address is set here"),
	}, true
}
