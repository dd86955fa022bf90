package rules

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// ProxyFixCall is one ProxyFix(...) middleware and the proxy counts it
// trusts.
type ProxyFixCall struct {
	File *python.File
	Call *python.Node
	App  *App // the app it wraps (ProxyFix(app.wsgi_app) or ProxyFix(app)), nil if unknown
	// Counts holds x_for, x_proto, x_host, x_port and x_prefix, in that
	// order, with Werkzeug's defaults for the absent ones.
	Counts []ProxyCount
}

// ProxyCount is one header count of a ProxyFix.
type ProxyCount struct {
	Header string       // "x_for"
	Value  Value        // the resolved count
	Arg    *python.Node // the argument, nil for a default
}

// proxyFixParams are ProxyFix's count parameters in positional order after
// the app, with their defaults.
type proxyFixParam struct {
	name string
	def  int64
}

func proxyFixParams() []proxyFixParam {
	return []proxyFixParam{{"x_for", 1}, {"x_proto", 1}, {"x_host", 0}, {"x_port", 0}, {"x_prefix", 0}}
}

// isProxyFix tells whether a callee is Werkzeug's ProxyFix, current or the
// old werkzeug.contrib.fixers one.
func isProxyFix(v Value) bool {
	return v.Kind == ExternalVal && strings.HasPrefix(v.Str, "werkzeug.") &&
		strings.HasSuffix(v.Str, ".ProxyFix")
}

func (m *AppModel) addProxyFix(f *python.File, c *python.Node) {
	args := argsOf(f, c)
	pf := &ProxyFixCall{File: f, Call: c}
	wrapped := args.at(0, "app")
	if isType(wrapped, "attribute") && f.Text(wrapped.Child("attribute")) == "wsgi_app" {
		pf.App = m.appAt(f, wrapped.Child("object"))
	} else {
		pf.App = m.appAt(f, wrapped)
	}
	for i, p := range proxyFixParams() {
		arg := args.at(i+1, p.name)
		if arg == nil && p.name == "x_for" {
			arg = args.at(-1, "num_proxies") // Werkzeug < 0.15
		}
		count := ProxyCount{Header: p.name, Arg: arg}
		switch {
		case arg != nil:
			count.Value = m.Resolver.Resolve(f, arg)
		case !args.splat:
			count.Value = Value{Kind: IntVal, Int: p.def, Origin: Origin{f, c}}
		}
		pf.Counts = append(pf.Counts, count)
	}
	m.ProxyFixes = append(m.ProxyFixes, pf)
}
