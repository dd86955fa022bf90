package rules

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// CORSUse is one place flask-cors is applied: CORS(app, ...),
// ext.init_app(app, ...) or @cross_origin(...).
type CORSUse struct {
	File *python.File
	Node *python.Node // the call that applies it
	Kind string       // "CORS", "init_app" or "cross_origin"
	App  *App         // nil when the app could not be followed
	// Options are the options set explicitly, after merging the app's
	// CORS_* configuration, the constructor's and init_app's arguments in
	// flask-cors's order. An option that is absent takes flask-cors's
	// default, unless Opaque.
	Options map[string]CORSOption
	// Opaque is set when **kwargs may set any option.
	Opaque bool
}

// CORSOption is one option of a CORS use and where it was set.
type CORSOption struct {
	Value Value
	Where Origin // the keyword argument, resource entry or configuration statement
}

// CORSPolicy is the options in effect for one resource pattern of a use.
type CORSPolicy struct {
	Resource string // the path pattern, or "" for every path of the use
	Options  map[string]CORSOption
}

// corsOptionNames are the options flask-cors reads, also as CORS_* keys.
func corsOptionNames() []string {
	return []string{
		"origins", "methods", "allow_headers", "expose_headers", "supports_credentials",
		"max_age", "send_wildcard", "vary_header", "automatic_options", "resources",
		"allow_private_network", "always_send", "intercept_exceptions",
	}
}

// option returns an option of the policy; known is false when it may be set
// by something the model cannot see.
func (u *CORSUse) option(p CORSPolicy, name string) (opt CORSOption, set, known bool) {
	opt, set = p.Options[name]
	return opt, set, set || !u.Opaque
}

// Policies lists the option sets of the use: one for the whole use, or one
// per entry of a resources={pattern: {...}} dict. A resources value that
// cannot be resolved gives no policy at all.
func (u *CORSUse) Policies() []CORSPolicy {
	res, ok := u.Options["resources"]
	if !ok || res.Value.Kind == StrVal || res.Value.Kind == ListVal {
		return []CORSPolicy{{Options: u.Options}}
	}
	if res.Value.Kind != DictVal {
		return nil
	}
	var out []CORSPolicy
	for _, en := range res.Value.Entries {
		if en.Value.Kind != DictVal || en.Key.Kind != StrVal {
			continue
		}
		p := CORSPolicy{Resource: en.Key.Str, Options: map[string]CORSOption{}}
		for k, v := range u.Options {
			p.Options[k] = v
		}
		for _, opt := range en.Value.Entries {
			if opt.Key.Kind == StrVal {
				p.Options[opt.Key.Str] = CORSOption{Value: opt.Value, Where: Origin{opt.Key.Origin.File, opt.Node}}
			}
		}
		out = append(out, p)
	}
	return out
}

// addCORSConstructor records CORS(app, ...). CORS() without an app only
// stores options for a later init_app.
func (m *AppModel) addCORSConstructor(f *python.File, c *python.Node) {
	args := argsOf(f, c)
	appArg := args.at(0, "app")
	if appArg == nil {
		return
	}
	u := m.newCORSUse(f, c, "CORS", m.appAt(f, appArg))
	m.addArgs(u, f, args)
	m.CORS = append(m.CORS, u)
}

// addCORSInitApp records ext.init_app(app, ...) when ext is a flask-cors
// CORS object, merging the constructor's options first.
func (m *AppModel) addCORSInitApp(f *python.File, c *python.Node) {
	ext := m.Resolver.Resolve(f, c.Child("function").Child("object"))
	if !ext.Is(ResultVal, "flask_cors.CORS") && !ext.Is(ResultVal, "flask_cors.extension.CORS") {
		return
	}
	args := argsOf(f, c)
	u := m.newCORSUse(f, c, "init_app", m.appAt(f, args.at(0, "app")))
	if ext.Origin.Valid() {
		m.addArgs(u, ext.Origin.File, argsOf(ext.Origin.File, ext.Origin.Node))
	}
	m.addArgs(u, f, args)
	m.CORS = append(m.CORS, u)
}

// addCrossOrigin records @cross_origin(...).
func (m *AppModel) addCrossOrigin(f *python.File, c *python.Node) {
	u := m.newCORSUse(f, c, "cross_origin", nil)
	m.addArgs(u, f, argsOf(f, c))
	m.CORS = append(m.CORS, u)
}

// newCORSUse starts a use with the app's CORS_* configuration.
func (m *AppModel) newCORSUse(f *python.File, c *python.Node, kind string, app *App) *CORSUse {
	u := &CORSUse{File: f, Node: c, Kind: kind, App: app, Options: map[string]CORSOption{}}
	if app == nil {
		return u
	}
	for _, name := range corsOptionNames() {
		switch ev, state := m.ConfigAt(app, "CORS_"+strings.ToUpper(name), f, c); state {
		case ConfigSet:
			u.Options[name] = CORSOption{Value: ev.Value, Where: Origin{ev.File, ev.Node}}
		case ConfigUnknown:
			u.Options[name] = CORSOption{Where: Origin{ev.File, ev.Node}}
		}
	}
	return u
}

// addArgs merges the keyword arguments of a call into the options.
func (m *AppModel) addArgs(u *CORSUse, f *python.File, args callArgs) {
	u.Opaque = u.Opaque || args.splat
	for _, kw := range args.kwNodes {
		if name := f.Text(kw.Child("name")); name != "app" {
			u.Options[name] = CORSOption{Value: m.Resolver.Resolve(f, kw.Child("value")), Where: Origin{f, kw}}
		}
	}
}
