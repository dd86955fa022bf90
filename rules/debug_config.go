package rules

import "fmt"

// DebugConfig reports debug mode turned on in an app's configuration.
var DebugConfig = &Rule{
	ID:        "FL102",
	Name:      "debug-config",
	Title:     "the app's configuration turns debug mode on",
	Severity:  Low,
	Precision: HighPrecision,
	Tags:      []string{"security", "debug"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "`DEBUG = True` in configuration is what `app.run()` reads when its call passes no " +
			"`debug`: the development server then serves the interactive Werkzeug debugger, a " +
			"Python console in the browser. flasklint follows the value to where it is written: " +
			"`app.debug = True`, `app.config[\"DEBUG\"] = True`, `config.update(...)`, " +
			"`from_mapping(...)`, the class that `from_object` really loads (for a class picked from " +
			"a mapping by an environment variable, the entry its default selects), a module " +
			"constant with `from_object(__name__)`, and `from_pyfile` files of the tree. A " +
			"`DevelopmentConfig` that nothing selects is not reported.\n\n" +
			"The finding is on the line that writes the value; FL101 reports the `app.run()` that " +
			"uses it. High when an `app.run()` outside a `__main__` guard uses the value; low " +
			"otherwise: under gunicorn or `flask run` (which ignores `DEBUG` in configuration) it " +
			"only makes exceptions propagate and templates reload.",
		Fix: "Keep `DEBUG` out of the configuration that production loads, or read it from the " +
			"environment and parse it (`DEBUG = os.environ.get(\"APP_DEBUG\") == \"1\"`). For local " +
			"work use `flask run --debug`.",
		Limitations: "A value set in a function other than the app factory may or may not run; it " +
			"is reported at low. A load the model cannot follow (`from_envvar`, `from_object` of a " +
			"class chosen at run time) after the value may replace it; the finding then says so.",
	},
	Check: checkDebugConfig,
}

func checkDebugConfig(p *Pass) error {
	m := p.Project.AppModel()
	var out []Finding
	for _, app := range m.Apps {
		for _, ev := range app.Config {
			if ev.Key != "DEBUG" || ev.Conditional || !ev.Value.IsOn() {
				continue
			}
			if f, ok := debugConfigFinding(p, m, app, ev); ok {
				out = append(out, f)
			}
		}
	}
	reportOnce(p, out)
	return nil
}

func debugConfigFinding(p *Pass, m *AppModel, app *App, ev *ConfigEvent) (Finding, bool) {
	state, later := laterState(app, ev)
	if state == overridden {
		return Finding{}, false
	}
	pos, related := configSite(ev)
	msg := fmt.Sprintf("%s turns debug mode on for %s", configSubject(ev, pos), appLabel(app))
	if note := ev.Value.OverrideNote(); note != "" {
		msg += " (" + note + ")"
	}
	sev := Low
	run := runUsingDebug(m, app, ev)
	switch {
	case state == mayOverride:
		msg += mayOverrideNote(later, pos)
	case run != nil && (!run.MainGuard || p.Project.LaunchedBy(run.File.Path) != ""):
		sev = High
		msg += fmt.Sprintf(
			"; %s() at %s starts the werkzeug debugger with it",
			run.Via,
			lineRef(Origin{run.File, run.Call}, pos.File),
		)
		related = append(
			related,
			Related{Pos: nodePos(run.File, run.Call), Message: "the development server starts here"},
		)
	case run != nil:
		msg += fmt.Sprintf(
			"; %s() at %s uses it",
			run.Via,
			lineRef(Origin{run.File, run.Call}, pos.File),
		) + mainGuardNote
	default:
		msg += "; no app.run() uses it, and under gunicorn or flask run it only makes exceptions propagate"
	}
	return Finding{Severity: sev, Pos: pos, Message: msg, Related: related}, true
}

// runUsingDebug finds an app.run() of app whose debug setting is ev,
// preferring one outside a __main__ guard.
func runUsingDebug(m *AppModel, app *App, ev *ConfigEvent) *RunCall {
	var guarded *RunCall
	for _, run := range m.Runs {
		if run.App != app || run.Simple {
			continue
		}
		if dbg, on := m.DebugOf(run); on && dbg.Config == ev {
			if !run.MainGuard {
				return run
			}
			guarded = run
		}
	}
	return guarded
}
