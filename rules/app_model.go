package rules

import (
	"slices"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// AppModel is the model of the Flask application code: the app objects and
// their configuration, the calls that start the development server, the
// CORS set-up and the ProxyFix middleware. It is built once per run, never
// changes afterwards, and is read by many rules.
type AppModel struct {
	// Resolver resolves any expression of the tree to a value.
	Resolver   *Resolver
	Apps       []*App
	Runs       []*RunCall
	CORS       []*CORSUse
	ProxyFixes []*ProxyFixCall
	// Serves are the waitress serve(app, ...) calls.
	Serves []*CallSite
	// Debuggers are the DebuggedApplication(...) middlewares.
	Debuggers []*CallSite
	// PinOff are the places that set WERKZEUG_DEBUG_PIN to "off".
	PinOff []*CallSite
	// HostChecks are the places that validate the Host header: a
	// before_request hook that tests request.host, a Request subclass with
	// trusted_hosts, a host_is_trusted or get_host(..., trusted_hosts) call.
	HostChecks []*HostCheck
	// ExternalURLs are the url_for(..., _external=True) calls.
	ExternalURLs []*CallSite

	appByCall map[*python.Node]*App
}

// App is one Flask application object, created by a Flask(...) call.
type App struct {
	File *python.File
	Call *python.Node // the Flask(...) call
	Name string       // the name it is assigned to, or ""
	// Config lists what sets the app's configuration, in source order.
	Config []*ConfigEvent
}

// CallSite is one call of the tree.
type CallSite struct {
	File *python.File
	Call *python.Node
}

// RunCall is a call that starts the development server: app.run(...) or
// socketio.run(app, ...).
type RunCall struct {
	File *python.File
	Call *python.Node
	App  *App   // nil when the app object could not be followed
	Via  string // the callee as written: "app.run", "socketio.run"
	// Host, Port and Debug are the argument expressions, nil when absent.
	Host, Port, Debug *python.Node
	// UseDebugger is the use_debugger= argument, nil when absent.
	UseDebugger *python.Node
	// Splat is set when *args or **kwargs may pass more arguments.
	Splat bool
	// Simple is set for Werkzeug's run_simple(host, port, app, ...), whose
	// debugger is use_debugger and whose evalex is use_evalex.
	Simple bool
	// Evalex is run_simple's use_evalex= argument, nil when absent.
	Evalex *python.Node
	// SocketIO is set for socketio.run(app, ...), which binds 127.0.0.1 for
	// a missing host without looking at SERVER_NAME.
	SocketIO bool
	// MainGuard is set when the call only runs under
	// if __name__ == "__main__":, directly or through a function that is
	// only called there.
	MainGuard bool
}

func buildAppModel(files []*python.File) *AppModel {
	files = slices.DeleteFunc(slices.Clone(files), func(f *python.File) bool {
		return f == nil || f.Root == nil
	})
	m := &AppModel{Resolver: NewResolver(files), appByCall: map[*python.Node]*App{}}
	fileCalls := make([][]*python.Node, len(files))
	eachFile(len(files), func(i int) {
		python.Walk(files[i].Root, func(n *python.Node) bool {
			if n.Type() == "call" {
				fileCalls[i] = append(fileCalls[i], n)
			}
			return true
		})
	})
	calls := make(map[*python.File][]*python.Node, len(files))
	for i, f := range files {
		calls[f] = fileCalls[i]
	}

	// Apps first: every other part of the model refers to them.
	flaskClass := map[*python.Node]bool{}
	for _, f := range files {
		for _, c := range calls[f] {
			if m.isFlaskClass(m.Resolver.Resolve(f, c.Child("function")), flaskClass) {
				m.addApp(f, c)
			}
		}
	}
	for _, f := range files {
		m.collectConfig(f)
	}
	for _, app := range m.Apps {
		app.sortConfig()
	}
	for _, f := range files {
		for _, c := range calls[f] {
			m.classifyCall(f, c)
		}
		m.collectHostChecks(f)
		m.collectPinOff(f)
	}
	return m
}

func (m *AppModel) addApp(f *python.File, call *python.Node) {
	app := &App{File: f, Call: call}
	if p := call.Parent(); p.Type() == "assignment" && isType(p.Child("left"), "identifier") {
		app.Name = f.Text(p.Child("left"))
	}
	m.Apps = append(m.Apps, app)
	m.appByCall[call] = app
}

// isFlaskClass tells whether v is flask.Flask or a class of the tree that
// derives from it. known caches the answer per class; a class being looked
// at counts as no, which ends inheritance cycles.
func (m *AppModel) isFlaskClass(v Value, known map[*python.Node]bool) bool {
	switch {
	case v.Is(ExternalVal, "flask.Flask") || v.Is(ExternalVal, "flask.app.Flask"):
		return true
	case v.Kind != ClassVal:
		return false
	}
	if is, ok := known[v.Def.Node]; ok {
		return is
	}
	known[v.Def.Node] = false
	e := &evaluator{r: m.Resolver}
	for _, b := range e.bases(v.Def) {
		if m.isFlaskClass(b, known) {
			known[v.Def.Node] = true
			return true
		}
	}
	return false
}

// AppOf returns the app a resolved value is, or nil.
func (m *AppModel) AppOf(v Value) *App {
	if v.Kind != ResultVal && v.Kind != InstVal || !v.Origin.Valid() {
		return nil
	}
	return m.appByCall[v.Origin.Node]
}

// appAt resolves the expression n to an app, or nil.
func (m *AppModel) appAt(f *python.File, n *python.Node) *App {
	if n == nil {
		return nil
	}
	return m.AppOf(m.Resolver.Resolve(f, n))
}

// classifyCall records the calls the model keeps: server starts, CORS
// set-up and ProxyFix.
func (m *AppModel) classifyCall(f *python.File, c *python.Node) {
	fn := c.Child("function")
	if isType(fn, "attribute") && f.Text(fn.Child("attribute")) == "run" {
		m.addRun(f, c)
		return
	}
	callee := m.Resolver.Resolve(f, fn)
	switch {
	case isProxyFix(callee):
		m.addProxyFix(f, c)
	case callee.Is(ExternalVal, "flask_cors.CORS") || callee.Is(ExternalVal, "flask_cors.extension.CORS"):
		m.addCORSConstructor(f, c)
	case callee.Is(ExternalVal, "flask_cors.cross_origin") ||
		callee.Is(ExternalVal, "flask_cors.decorator.cross_origin"):
		m.addCrossOrigin(f, c)
	case callee.Is(ExternalVal, "waitress.serve"):
		m.Serves = append(m.Serves, &CallSite{File: f, Call: c})
	case isWerkzeugName(callee, "run_simple"):
		m.addRunSimple(f, c)
	case isWerkzeugName(callee, "DebuggedApplication"):
		m.Debuggers = append(m.Debuggers, &CallSite{File: f, Call: c})
	case isURLFor(f, fn, callee):
		m.addURLFor(f, c)
	case isWerkzeugName(callee, "host_is_trusted") || isWerkzeugName(callee, "get_host") &&
		argsOf(f, c).at(1, "trusted_hosts") != nil:
		m.HostChecks = append(m.HostChecks, &HostCheck{File: f, Node: c})
	case isType(fn, "attribute") && f.Text(fn.Child("attribute")) == "init_app":
		m.addCORSInitApp(f, c)
	}
}

// addRun records obj.run(...) when obj is a Flask app or a SocketIO object.
func (m *AppModel) addRun(f *python.File, c *python.Node) {
	obj := c.Child("function").Child("object")
	v := m.Resolver.Resolve(f, obj)
	args := argsOf(f, c)
	run := &RunCall{File: f, Call: c, Via: f.Text(c.Child("function")), Splat: args.splat,
		UseDebugger: args.at(-1, "use_debugger"), MainGuard: runsOnlyAsMain(f, c)}
	switch {
	case v.Is(ResultVal, "flask_socketio.SocketIO"):
		run.App, run.SocketIO = m.appAt(f, args.at(0, "app")), true
		run.Host, run.Port, run.Debug = args.at(1, "host"), args.at(2, "port"), args.at(-1, "debug")
	case m.AppOf(v) != nil || looksLikeApp(f, obj, v):
		run.App = m.AppOf(v)
		run.Host, run.Port, run.Debug = args.at(0, "host"), args.at(1, "port"), args.at(2, "debug")
	default:
		return
	}
	m.Runs = append(m.Runs, run)
}

// looksLikeApp accepts a receiver the resolver could not follow to a
// Flask(...) call when it is an app by every other sign: a name like app or
// application bound outside the tree, or the result of a create_app()
// factory from outside the tree.
func looksLikeApp(f *python.File, obj *python.Node, v Value) bool {
	appName := func(s string) bool {
		s = s[strings.LastIndex(s, ".")+1:]
		return s == "app" || s == "application" || strings.HasSuffix(s, "_app")
	}
	switch v.Kind {
	case ExternalVal:
		return appName(v.Str)
	case ResultVal:
		s := v.Str[strings.LastIndex(v.Str, ".")+1:]
		return s == "create_app" || s == "make_app"
	case Unknown:
		return isType(obj, "identifier") && appName(f.Text(obj))
	}
	return false
}

// runsOnlyAsMain tells whether n only runs when its module is the main
// program: it sits under if __name__ == "__main__":, or in a module-level
// function that is only called from there.
func runsOnlyAsMain(f *python.File, n *python.Node) bool {
	if underMainGuard(f, n) {
		return true
	}
	fn := n.Parent()
	for fn != nil && !isType(fn, "function_definition") {
		fn = fn.Parent()
	}
	if fn == nil || !isModuleLevel(fn) {
		return false
	}
	name, calls := f.Text(fn.Child("name")), 0
	guarded := true
	python.Walk(f.Root, func(c *python.Node) bool {
		if fn := c.Child("function"); c.Type() == "call" && isType(fn, "identifier") && f.Text(fn) == name {
			calls++
			guarded = guarded && underMainGuard(f, c)
		}
		return true
	})
	return calls > 0 && guarded
}

// isModuleLevel tells whether a definition sits at module level (possibly
// decorated, possibly inside a module-level if or try).
func isModuleLevel(def *python.Node) bool {
	for p := def.Parent(); p != nil; p = p.Parent() {
		if p.Type() == "function_definition" || p.Type() == "class_definition" {
			return false
		}
	}
	return true
}
