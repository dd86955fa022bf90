package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// WSGIBindAllInterfaces reports WSGI servers configured in Python to listen
// on every interface.
var WSGIBindAllInterfaces = &Rule{
	ID:        "FL202",
	Name:      "wsgi-bind-all-interfaces",
	Title:     "a wsgi server binds all interfaces",
	Severity:  Low,
	Precision: HighPrecision,
	Tags:      []string{"security", "exposure"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "A WSGI server that binds `0.0.0.0`, `[::]` or an empty host before the port " +
			"(gunicorn's `bind = \":8000\"`) accepts connections on every interface of the " +
			"machine. On a host with a public address that bypasses the proxy in front of the app. " +
			"Inside a container it is the normal set-up: the container's only way in is its " +
			"network, and the published ports decide who can reach it. So this is a note on its " +
			"own; the cross-file rules use it with the port publishing and the proxy.\n\n" +
			"flasklint reads `bind` in gunicorn configuration files (`gunicorn.conf.py`, " +
			"`gunicorn_config.py`, `gunicorn*.py`), following constants and environment " +
			"defaults, and waitress's `serve(app, host=..., listen=...)`, whose default is " +
			"`0.0.0.0:8080`. Unix sockets (`unix:/run/app.sock`) are never reported.",
		Fix: "Outside a container, bind loopback (`127.0.0.1:8000`) or a unix socket and let the " +
			"proxy reach the app there. In a container, keep the bind and publish the port only to " +
			"the proxy (`expose:` in compose, or `127.0.0.1:8000:8000`).",
		Limitations: "gunicorn's `-b` on the command line, `GUNICORN_CMD_ARGS` and the implicit " +
			"`0.0.0.0:$PORT` bind are read from launch files by other rules, not here. uWSGI " +
			"ini files are not read.",
	},
	Check: checkWSGIBindAllInterfaces,
}

func checkWSGIBindAllInterfaces(p *Pass) error {
	m := p.Project.AppModel()
	for _, f := range p.Project.Python {
		if isGunicornConfig(f.Path) {
			checkGunicornBind(p, m, f)
		}
	}
	for _, s := range m.Serves {
		checkWaitressServe(p, m, s.File, s.Call)
	}
	return nil
}

// isGunicornConfig tells whether a file is a gunicorn configuration module.
func isGunicornConfig(p string) bool {
	base := path.Base(p)
	return strings.HasPrefix(base, "gunicorn") && strings.HasSuffix(base, ".py")
}

func checkGunicornBind(p *Pass, m *AppModel, f *python.File) {
	stmt, v, ok := m.Resolver.ModuleBinding(f, "bind")
	if !ok {
		return
	}
	addrs, ok := v.Strings()
	if !ok {
		return
	}
	for _, a := range addrs {
		host, known := gunicornHost(a)
		if !known || host != "" && !allInterfacesHost(host) {
			continue
		}
		p.Report(Finding{
			Pos: nodePos(f, stmt),
			Message: fmt.Sprintf("gunicorn binds %s%s, which listens on %s; inside a container this is "+
				"expected and the published ports decide the exposure",
				a.Python(), originNote(a, f, stmt), allIfacesReason(host)),
			Related: relatedOrigin(a, f, stmt, "the bind address is set here"),
		})
		return
	}
}

// gunicornHost is the host part of a gunicorn bind address, as gunicorn
// parses it. known is false for a unix or fd socket and for an address
// whose host part is not fully known.
func gunicornHost(a Value) (host string, known bool) {
	s := strings.TrimPrefix(a.Str, "tcp://")
	if strings.HasPrefix(s, "unix:") || strings.HasPrefix(s, "fd://") {
		return "", false
	}
	if strings.HasPrefix(s, "[") {
		i := strings.Index(s, "]")
		return s[:max(i+1, 0)], i > 0
	}
	host, _, found := strings.Cut(s, ":")
	if !found && a.Partial {
		return "", false
	}
	if !found && host == "" {
		return "", true // gunicorn binds 0.0.0.0 for an empty address
	}
	return host, found || !a.Partial
}

func allIfacesReason(host string) string {
	if host == "" || host == "*" {
		return "every interface (an empty host means all of them)"
	}
	return "every interface"
}

// checkWaitressServe reports waitress.serve(app, ...) on all interfaces,
// its default.
func checkWaitressServe(p *Pass, m *AppModel, f *python.File, call *python.Node) {
	args := argsOf(f, call)
	if args.splat || args.at(-1, "unix_socket") != nil || args.at(-1, "sockets") != nil {
		return
	}
	var what string
	var v Value
	switch listen, host := args.at(-1, "listen"), args.at(-1, "host"); {
	case listen != nil:
		v = m.Resolver.Resolve(f, listen)
		if v.Kind != StrVal || v.Partial || !waitressListensEverywhere(v.Str) {
			return
		}
		what = argPhrase("listen", f, listen, v)
	case host != nil:
		v = m.Resolver.Resolve(f, host)
		if v.Kind != StrVal || v.Partial || !allInterfacesHost(v.Str) && v.Str != "*" {
			return
		}
		what = argPhrase("host", f, host, v)
	default:
		what = "no host or listen: waitress defaults to 0.0.0.0:8080"
	}
	p.Report(Finding{
		Pos: nodePos(f, call),
		Message: fmt.Sprintf("waitress serve() listens on every interface (%s)%s; inside a container this "+
			"is expected and the published ports decide the exposure", what, originNote(v, f, call)),
		Related: relatedOrigin(v, f, call, "the address is set here"),
	})
}

// waitressListensEverywhere tells whether any address of a waitress listen
// string ("*:8080 [::1]:8080") is on all interfaces.
func waitressListensEverywhere(listen string) bool {
	for _, a := range strings.Fields(listen) {
		host, known := gunicornHost(Value{Kind: StrVal, Str: a})
		if known && (host == "*" || allInterfacesHost(host)) {
			return true
		}
	}
	return false
}
