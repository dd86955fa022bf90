package rules

import "fmt"

// WerkzeugDebugger reports the Werkzeug debugger wired in directly, and its
// PIN turned off.
var WerkzeugDebugger = &Rule{
	ID:        "FL103",
	Name:      "werkzeug-debugger",
	Title:     "the werkzeug debugger is wired in or its pin is off",
	Severity:  Critical,
	Precision: HighPrecision,
	Tags:      []string{"security", "debug"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "`DebuggedApplication(app, evalex=True)` puts Werkzeug's interactive debugger in front " +
			"of the app under any server, gunicorn included: an exception page becomes a Python " +
			"console. `run_simple(..., use_debugger=True)` does the same for the development server " +
			"(its `use_evalex` defaults to True). The console is guarded by a PIN; " +
			"`pin_security=False` or `WERKZEUG_DEBUG_PIN=off` removes it, so anyone who reaches an " +
			"error page runs code. From Werkzeug 3.0.3 the debugger only answers requests whose Host " +
			"is `localhost`, `*.localhost` or `127.0.0.1`: that stops DNS rebinding, not a client " +
			"that sends that Host itself, and `ProxyFix(x_host=...)` voids it.\n\n" +
			"`DebuggedApplication(app)` without `evalex` (it defaults to False) shows tracebacks with " +
			"source code but no console: medium. `WERKZEUG_DEBUG_PIN=off` with no debugger start " +
			"in the tree is medium: it takes effect the day one is turned on.",
		Fix: "Remove `DebuggedApplication` and `use_debugger` from anything that can be deployed; " +
			"use `flask run --debug` on a developer's machine. Never disable the PIN.",
		Limitations: "`WERKZEUG_DEBUG_PIN` set in launch files or env files is left to the " +
			"deployment-file rules.",
	},
	Check: checkWerkzeugDebugger,
}

func checkWerkzeugDebugger(p *Pass) error {
	m := p.Project.AppModel()
	for _, d := range m.Debuggers {
		if f, ok := debuggedAppFinding(m, d); ok {
			p.Report(f)
		}
	}
	for _, run := range m.Runs {
		if run.Simple {
			run, launch, launchRel := launchedRun(p.Project, run)
			if f, ok := runSimpleFinding(m, run); ok {
				f.Message += launch
				f.Related = append(f.Related, launchRel...)
				p.Report(f)
			}
		}
	}
	debuggerOn := hasDebuggerStart(m)
	for _, s := range m.PinOff {
		msg := fmt.Sprintf("%s disables the werkzeug debugger's PIN: whoever reaches an error page of a "+
			"debugging app gets a python console without one", shortText(s.File, s.Call))
		sev := Critical
		if !debuggerOn {
			sev = Medium
			msg += "; no debugger start was found in the tree, so it takes effect once one is turned on"
		}
		p.Report(Finding{Severity: sev, Pos: nodePos(s.File, s.Call), Message: msg})
	}
	return nil
}

func debuggedAppFinding(m *AppModel, d *CallSite) (Finding, bool) {
	f, args := d.File, argsOf(d.File, d.Call)
	if args.splat {
		return Finding{}, false
	}
	evalex := Value{Kind: BoolVal, Origin: Origin{f, d.Call}}
	if e := args.at(1, "evalex"); e != nil {
		evalex = m.Resolver.Resolve(f, e)
	}
	pin := Value{Kind: BoolVal, Bool: true}
	if ps := args.at(5, "pin_security"); ps != nil {
		pin = m.Resolver.Resolve(f, ps)
	}
	on, known := evalex.Truthy()
	if !known {
		return Finding{}, false
	}
	out := Finding{Pos: nodePos(f, d.Call), Related: relatedOrigin(evalex, f, d.Call, "evalex is set here")}
	if !on {
		out.Severity = Medium
		out.Message = "DebuggedApplication(...) without evalex shows every client tracebacks with source code " +
			"and local names (evalex defaults to False, so there is no console)"
		return out, true
	}
	out.Message = fmt.Sprintf("DebuggedApplication(...) with evalex=%s%s serves the werkzeug debugger's python "+
		"console under any server", evalex.Python(), originNote(evalex, f, d.Call))
	out.Message += pinNote(pin)
	return out, true
}

// pinNote is the message fragment for a pin_security value.
func pinNote(pin Value) string {
	if on, known := pin.Truthy(); known && !on {
		return ", and pin_security=False removes the PIN that guards it"
	}
	return ""
}

func runSimpleFinding(m *AppModel, run *RunCall) (Finding, bool) {
	dbg, on := m.DebugOf(run)
	if !on {
		return Finding{}, false
	}
	f := run.File
	evalex := Value{Kind: BoolVal, Bool: true}
	if run.Evalex != nil {
		evalex = m.Resolver.Resolve(f, run.Evalex)
	}
	out := Finding{
		Pos:     nodePos(f, run.Call),
		Related: relatedOrigin(dbg.Value, f, run.Call, "use_debugger is set here"),
	}
	if on, known := evalex.Truthy(); known && !on {
		out.Severity = Medium
		out.Message = fmt.Sprintf("run_simple(...) with %s%s shows every client tracebacks with source code "+
			"(use_evalex=False, so there is no console)", dbg.Phrase, originNote(dbg.Value, f, run.Call))
	} else {
		out.Message = fmt.Sprintf("run_simple(...) with %s%s serves the werkzeug debugger's python console "+
			"(use_evalex defaults to True)", dbg.Phrase, originNote(dbg.Value, f, run.Call))
	}
	if _, host, ok := m.HostOf(run); ok && !loopbackHost(host) {
		out.Message += ", and the server binds " + hostPhrase(host)
	}
	if run.MainGuard {
		out.Severity = Low // no launch file runs the module (launchedRun)
		out.Message += mainGuardNote
	}
	return out, true
}

// hasDebuggerStart tells whether anything in the tree starts the debugger.
func hasDebuggerStart(m *AppModel) bool {
	if len(m.Debuggers) > 0 {
		return true
	}
	for _, run := range m.Runs {
		if _, on := m.DebugOf(run); on {
			return true
		}
	}
	return false
}
