package rules

import (
	"path"
	"sort"
	"strings"
	"unicode"

	"github.com/flasklint/flasklint/parsers/python"
)

// ConfigEvent is one thing that sets an app's configuration: a key set to a
// value, or a load the model could not follow (Opaque), which may set any
// key.
type ConfigEvent struct {
	Key    string // "" for an opaque load
	Value  Value
	Opaque bool
	File   *python.File
	Node   *python.Node // the statement or call that sets the key
	Via    string       // how it is set, for messages: `app.config["DEBUG"]`, `from_object(Settings)`
	// Conditional is set when the event only happens on some paths (inside
	// an if, loop or except branch).
	Conditional bool
}

// ConfigState says what ConfigAt found.
type ConfigState int

const (
	// ConfigUnset: nothing sets the key; Flask's default applies.
	ConfigUnset ConfigState = iota
	// ConfigSet: the returned event sets the key (its value may still be
	// Unknown).
	ConfigSet
	// ConfigUnknown: the key may be set by something the model cannot
	// follow, or only on some paths.
	ConfigUnknown
)

// configAttrKey is the configuration key that a Flask attribute proxies
// (app.debug is DEBUG), or "".
func configAttrKey(attr string) string {
	switch attr {
	case "debug", "testing", "secret_key":
		return strings.ToUpper(attr)
	}
	return ""
}

// ConfigAt is the event that decides key for app when code at n of file f
// runs: the last one that has happened by then. Events of other files come
// first. An event counts for sure when it runs with the app's creation (at
// module level, or in the factory that creates it) or before n in n's own
// function; an event in any other function may or may not have run, so when
// it is the last one the key is unknown.
func (m *AppModel) ConfigAt(app *App, key string,
	f *python.File, n *python.Node) (*ConfigEvent, ConfigState) {
	if app == nil {
		return nil, ConfigUnknown
	}
	var last *ConfigEvent
	maybe := false
	for _, ev := range app.Config {
		if ev.Key != key && !ev.Opaque {
			continue
		}
		switch {
		case n != nil && ev.File == f && sameFunction(ev.Node, n):
			if ev.Node.EndByte > n.StartByte {
				continue // not yet run at n
			}
			last, maybe = ev, false
		case ev.File == app.File && sameFunction(ev.Node, app.Call):
			last, maybe = ev, false
		default:
			last, maybe = ev, true
		}
	}
	switch {
	case last == nil:
		return nil, ConfigUnset
	case last.Opaque || last.Conditional || maybe:
		return last, ConfigUnknown
	}
	return last, ConfigSet
}

// sameFunction tells whether two nodes of one file run in the same function
// body (or both at module level).
func sameFunction(a, b *python.Node) bool {
	fn := func(n *python.Node) *python.Node {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == "function_definition" {
				return p
			}
		}
		return nil
	}
	return fn(a) == fn(b)
}

// collectConfig records every configuration event of f for the apps it can
// resolve.
func (m *AppModel) collectConfig(f *python.File) {
	python.Walk(f.Root, func(n *python.Node) bool {
		switch n.Type() {
		case "assignment":
			m.configAssignment(f, n)
		case "call":
			m.configCall(f, n)
		}
		return true
	})
}

// sortConfig puts the app's configuration events in file and source order.
func (app *App) sortConfig() {
	sort.SliceStable(app.Config, func(i, j int) bool {
		a, b := app.Config[i], app.Config[j]
		if a.File != b.File {
			return a.File.Path < b.File.Path
		}
		return a.Node.StartByte < b.Node.StartByte
	})
}

// configAssignment records app.config["KEY"] = value and app.debug = value.
func (m *AppModel) configAssignment(f *python.File, n *python.Node) {
	left := n.Child("left")
	if left == nil {
		return
	}
	var app *App
	key := ""
	switch left.Type() {
	case "subscript":
		cfg := left.Child("value")
		if !isType(cfg, "attribute") || f.Text(cfg.Child("attribute")) != "config" {
			return
		}
		app = m.appAt(f, cfg.Child("object"))
		if k := m.Resolver.Resolve(f, left.Child("subscript")); k.Kind == StrVal && !k.Partial {
			key = k.Str
		}
	case "attribute":
		key = configAttrKey(f.Text(left.Child("attribute")))
		if key != "" {
			app = m.appAt(f, left.Child("object"))
		}
	}
	if app == nil || testOverride(f, app) {
		return
	}
	ev := &ConfigEvent{Key: key, Opaque: key == "", File: f, Node: n, Via: f.Text(left),
		Conditional: conditionalStatement(f, n)}
	if !ev.Opaque {
		ev.Value = m.Resolver.Resolve(f, n.Child("right"))
		if ev.Value.Origin.File == f && ev.Value.Origin.Node == n.Child("right") {
			ev.Value.Origin.Node = n // point at the whole assignment
		}
	}
	app.Config = append(app.Config, ev)
}

// configCall records app.config.update / from_mapping / from_object and
// the other loaders.
func (m *AppModel) configCall(f *python.File, n *python.Node) {
	fn := n.Child("function")
	if !isType(fn, "attribute") {
		return
	}
	cfg := fn.Child("object")
	if !isType(cfg, "attribute") || f.Text(cfg.Child("attribute")) != "config" {
		return
	}
	app := m.appAt(f, cfg.Child("object"))
	if app == nil || testOverride(f, app) {
		return
	}
	base := ConfigEvent{File: f, Node: n, Conditional: conditionalStatement(f, n)}
	var events []*ConfigEvent
	switch method := f.Text(fn.Child("attribute")); method {
	case "update", "from_mapping":
		events = m.mappingEvents(f, n, base)
	case "from_object":
		events = m.objectEvents(f, n, base)
	case "from_pyfile":
		events = m.pyfileEvents(f, n, base, app)
	case "setdefault", "get", "keys", "items", "values", "copy", "get_namespace":
		return
	}
	if events == nil {
		ev := base
		ev.Opaque, ev.Via = true, f.Text(fn)
		events = []*ConfigEvent{&ev}
	}
	app.Config = append(app.Config, events...)
}

// mappingEvents reads update(dict, KEY=value) and from_mapping(...).
func (m *AppModel) mappingEvents(f *python.File, n *python.Node, base ConfigEvent) []*ConfigEvent {
	args := argsOf(f, n)
	if args.splat || len(args.pos) > 1 {
		return nil
	}
	e := &evaluator{r: m.Resolver}
	d := e.dictCall(f, n, args)
	if d.Kind != DictVal {
		return nil
	}
	via := f.Text(n.Child("function")) + "(...)"
	out := []*ConfigEvent{}
	for _, en := range d.Entries {
		if en.Key.Kind != StrVal || en.Key.Partial {
			return nil
		}
		ev := base
		ev.Key, ev.Value, ev.Via = en.Key.Str, en.Value, via
		out = append(out, &ev)
	}
	return out
}

// objectEvents reads from_object(Class | instance | "pkg.mod.Class" |
// module | __name__): every upper-case attribute, as Flask does.
func (m *AppModel) objectEvents(f *python.File, n *python.Node, base ConfigEvent) []*ConfigEvent {
	arg := argsOf(f, n).at(0, "obj")
	if arg == nil {
		return nil
	}
	e := &evaluator{r: m.Resolver}
	attrs, complete := map[string]Value(nil), false
	picked := m.Resolver.Resolve(f, arg)
	switch v := picked; {
	case isType(arg, "identifier") && f.Text(arg) == "__name__":
		attrs, complete = e.moduleConstants(f), true
	case v.Kind == ClassVal || v.Kind == InstVal:
		attrs, complete = e.classConstants(v.Def, 0)
	case v.Kind == ModuleVal:
		attrs, complete = e.moduleConstants(v.Def.File), true
	case v.Kind == StrVal && !v.Partial:
		attrs, complete = e.importString(f, v.Str)
	}
	if attrs == nil {
		return nil
	}
	via := "from_object(" + f.Text(arg) + ")"
	var out []*ConfigEvent
	if !complete {
		ev := base
		ev.Opaque, ev.Via = true, via
		out = append(out, &ev)
	}
	for _, k := range sortedKeys(attrs) {
		ev := base
		// A class picked by an environment variable's default is
		// overridable by that variable, and so is each of its values.
		ev.Key, ev.Value, ev.Via = k, attrs[k].withOverride(picked), via
		out = append(out, &ev)
	}
	return out
}

// pyfileEvents reads from_pyfile("settings.py") when the file, relative to
// the app's root path, is a Python file of the tree.
func (m *AppModel) pyfileEvents(f *python.File, n *python.Node, base ConfigEvent,
	app *App) []*ConfigEvent {
	name := m.Resolver.Resolve(f, argsOf(f, n).at(0, "filename"))
	instance := m.Resolver.Resolve(app.File, argsOf(app.File, app.Call).at(-1, "instance_relative_config"))
	if name.Kind != StrVal || name.Partial || path.IsAbs(name.Str) || instance.IsOn() {
		return nil
	}
	target := m.Resolver.byPath[path.Join(path.Dir(app.File.Path), name.Str)]
	if target == nil {
		return nil
	}
	e := &evaluator{r: m.Resolver}
	attrs := e.moduleConstants(target)
	out := []*ConfigEvent{}
	for _, k := range sortedKeys(attrs) {
		ev := base
		ev.Key, ev.Value, ev.Via = k, attrs[k], "from_pyfile("+name.Python()+")"
		out = append(out, &ev)
	}
	return out
}

// importString resolves the "pkg.mod.Class" or "pkg.mod" string that
// from_object imports.
func (e *evaluator) importString(f *python.File, s string) (map[string]Value, bool) {
	if m := e.r.findModule(f, s, 0); m != nil {
		return e.moduleConstants(m), true
	}
	i := strings.LastIndex(s, ".")
	if i < 0 {
		return nil, false
	}
	m := e.r.findModule(f, s[:i], 0)
	if m == nil {
		return nil, false
	}
	if v := e.moduleAttr(m, s[i+1:]); v.Kind == ClassVal {
		return e.classConstants(v.Def, 0)
	}
	return nil, false
}

// classConstants lists a class's upper-case attributes, inherited ones
// included. complete is false when a base class is outside the tree.
func (e *evaluator) classConstants(class Def, depth int) (map[string]Value, bool) {
	out, complete := map[string]Value{}, true
	if depth > 8 {
		return out, false
	}
	for _, b := range e.bases(class) {
		switch {
		case b.Kind == ClassVal:
			inherited, ok := e.classConstants(b.Def, depth+1)
			complete = complete && ok
			for k, v := range inherited {
				out[k] = v
			}
		case !b.Is(ExternalVal, "builtins.object"):
			complete = false
		}
	}
	if s := e.r.scopes[class.Node]; s != nil {
		for _, nb := range s.names {
			if isConfigKey(nb.name) {
				out[nb.name], _ = e.classAttr(class, nb.name)
			}
		}
	}
	return out, complete
}

// moduleConstants lists a module's upper-case module-level names, those
// its from x import * of modules of the tree bind included.
func (e *evaluator) moduleConstants(m *python.File) map[string]Value {
	out := map[string]Value{}
	for _, name := range e.r.configNames(m, map[*python.File]bool{}) {
		out[name] = e.moduleAttr(m, name)
	}
	return out
}

// isConfigKey is Flask's test for a configuration attribute: str.isupper().
func isConfigKey(name string) bool {
	hasUpper := false
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		hasUpper = hasUpper || unicode.IsUpper(r)
	}
	return hasUpper
}

func sortedKeys(m map[string]Value) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// conditionalStatement tells whether n only runs on some paths through its
// function or module.
func conditionalStatement(f *python.File, n *python.Node) bool {
	for p := n.Parent(); p != nil && p.Type() != "function_definition"; p = p.Parent() {
		if isBranch(f, p) {
			return true
		}
	}
	return false
}

// testOverride tells whether f is test, example or documentation code that
// reconfigures an app defined in application code, as a conftest.py does:
// what a test sets does not change how the deployed app runs.
func testOverride(f *python.File, app *App) bool {
	return app.File != nil && NonProductionKind(f.Path) != "" && NonProductionKind(app.File.Path) == ""
}
