package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// DebugRun reports development-server starts with the Werkzeug debugger on.
var DebugRun = &Rule{
	ID:        "FL101",
	Name:      "debug-run",
	Title:     "the development server runs with the werkzeug debugger on",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "debug"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "With `debug=True`, `app.run()` serves the interactive Werkzeug debugger: any " +
			"exception page becomes a Python console in the browser. Whoever reaches it, or guesses " +
			"or bypasses the PIN, runs code as the app. Loopback is no protection by itself: DNS " +
			"rebinding reaches it from a browser unless Werkzeug is 3.0.3 or newer.\n\n" +
			"The flag does not have to be a literal. flasklint follows it through constants, class " +
			"attributes (also inherited), `app.config[\"DEBUG\"]`, `app.debug`, `config.update`, " +
			"`from_mapping`, `from_object`, `from_pyfile`, argparse defaults and environment reads. " +
			"`Flask.run` passes `debug` through " +
			"`bool()`, so `debug=os.environ.get(\"DEBUG\", \"False\")` is on: the string `\"False\"` " +
			"is not empty. Without a default, `debug=os.environ.get(\"DEBUG\")` is off until DEBUG is " +
			"set, and then `DEBUG=false` turns it on: that is reported as a warning.\n\n" +
			"The finding is critical when the same call also binds a non-loopback address, and a " +
			"note when the call only runs under `if __name__ == \"__main__\":` and no launch file " +
			"is known to run the module.",
		Fix: "Never start the development server with the debugger in anything that can be " +
			"deployed. Run the app under a WSGI server (gunicorn, waitress, uWSGI), and enable debug " +
			"mode for local work with `flask run --debug` instead of in code. If the flag must come " +
			"from the environment, parse it: `debug=os.environ.get(\"APP_DEBUG\") == \"1\"`.",
		Limitations: "`FLASK_DEBUG`, which `app.run()` also reads from the environment, is left to " +
			"the deployment-file rules. Configuration loaded from outside the tree (`from_envvar`, " +
			"`from_object` of a class chosen at run time, a `from_pyfile` file that is not in the tree) " +
			"makes `DEBUG` unknown, and " +
			"unknown is never reported. A launch file (Dockerfile " +
			"`CMD`, compose `command`, Procfile, shell script) that runs the module as a program " +
			"(`python app.py`, `python -m pkg`) raises a `__main__` call to critical; an importer " +
			"such as `gunicorn wsgi:app` does not run the block and leaves it a note.",
	},
	Check: checkDebugRun,
}

func checkDebugRun(p *Pass) error {
	m := p.Project.AppModel()
	for _, run := range m.Runs {
		dbg, on := m.DebugOf(run)
		if run.Simple {
			continue // run_simple(use_debugger=True) is FL103's
		}
		run, launch, launchRel := launchedRun(p.Project, run)
		if !on {
			if f, ok := rawEnvDebug(m, run); ok {
				f.Message += launch
				f.Related = append(f.Related, launchRel...)
				p.Report(f)
			}
			continue
		}
		f := debugRunFinding(m, run, dbg)
		if launch != "" {
			// A launch file starts the debugger: as bad as a public bind.
			f.Severity = Critical
			f.Message += launch
			f.Related = append(f.Related, launchRel...)
			if l, ok := p.Project.launchOf(run.File.Path); ok {
				if exp, rel, _ := p.Project.exposureDetail(l); exp == ExposureAll {
					f.Message += "; compose publishes its port on all host interfaces"
					f.Related = append(f.Related, *rel)
				}
			}
		}
		if _, host, ok := m.HostOf(run); ok && loopbackHost(host) {
			f.Message += rebindingNote(p, m, run)
		}
		p.Report(f)
	}
	return nil
}

func debugRunFinding(m *AppModel, run *RunCall, dbg RunSetting) Finding {
	f, v := run.File, dbg.Value
	var msg strings.Builder
	switch {
	case dbg.Config != nil:
		fmt.Fprintf(&msg, "%s() takes %s and turns on the werkzeug debugger", run.Via, dbg.Phrase)
		msg.WriteString(originNote(v, f, run.Call))
	case v.Kind == StrVal && v.Override != "":
		fmt.Fprintf(&msg, "debug=%s is the string %s unless %s is set, and bool() turns any non-empty string on: "+
			"%s runs the werkzeug debugger", shortText(f, dbg.Expr), v.Python(), v.Override, run.Via)
		quiet := v
		quiet.Override = ""
		msg.WriteString(originNote(quiet, f, run.Call))
	default:
		fmt.Fprintf(&msg, "%s reaches the werkzeug debugger through %s", dbg.Phrase, run.Via)
		msg.WriteString(originNote(v, f, run.Call))
	}

	sev := High
	if _, host, ok := m.HostOf(run); ok && !loopbackHost(host) {
		sev = Critical
		fmt.Fprintf(&msg, ", and the same call binds %s", hostPhrase(host))
	}
	if run.MainGuard {
		sev = Low // no launch file runs the module (launchedRun)
		msg.WriteString(mainGuardNote)
	}
	return Finding{
		Severity: sev,
		Pos:      nodePos(f, run.Call),
		Message:  msg.String(),
		Related:  relatedOrigin(v, f, run.Call, "the debug value is set here"),
		Fix:      debugLiteralFix(f, dbg),
	}
}

// debugLiteralFix turns a literal debug=True (or use_debugger=True) of the
// call itself into False.
func debugLiteralFix(f *python.File, dbg RunSetting) *Fix {
	if dbg.Expr == nil || dbg.Config != nil || dbg.Expr.Type() != "true" {
		return nil
	}
	return replaceNode(f, dbg.Expr, "False", "turn the werkzeug debugger off (False instead of True)")
}

// hostPhrase names a bind address for a message.
func hostPhrase(host string) string {
	if allInterfacesHost(host) {
		return fmt.Sprintf("%q (all interfaces)", host)
	}
	return fmt.Sprintf("%q", host)
}

// rebindingNote says why a debugger on loopback is still reachable: a
// Werkzeug older than 3.0.3 has no host check against DNS rebinding, and
// ProxyFix(x_host=...) lets a client pass that check.
func rebindingNote(p *Pass, m *AppModel, run *RunCall) string {
	if ok, why := p.Project.VersionOf(run.File.Path, "werkzeug").AtLeast("3.0.3"); !ok {
		return fmt.Sprintf("; loopback does not protect it: %s predates the debugger's host check (3.0.3), "+
			"so DNS rebinding reaches it from a browser", why)
	}
	for _, pf := range m.ProxyFixes {
		if pf.App != nil && pf.App == run.App && pf.Counts[2].Value.IsOn() {
			return fmt.Sprintf("; ProxyFix at %s trusts X-Forwarded-Host, which lets a client pass the "+
				"debugger's localhost host check", lineRef(Origin{pf.File, pf.Call}, run.File.Path))
		}
	}
	return ""
}

// rawEnvDebug finds debug=os.environ.get("K") with no default: off while K
// is unset, but bool() of the raw string turns DEBUG=false and DEBUG=0 on.
func rawEnvDebug(m *AppModel, run *RunCall) (Finding, bool) {
	if run.Debug == nil {
		return Finding{}, false
	}
	f := run.File
	v := m.Resolver.Resolve(f, run.Debug)
	if v.Kind != NoneVal || v.Override == "" {
		return Finding{}, false
	}
	msg := fmt.Sprintf("debug=%s passes the raw environment string to %s: %s=false or %s=0 turn the "+
		"werkzeug debugger on, since bool() of any non-empty string is True; parse it, e.g. == \"1\"",
		shortText(f, run.Debug), run.Via, v.Override, v.Override)
	sev := Medium
	if run.MainGuard {
		sev = Low // no launch file runs the module (launchedRun)
		msg += mainGuardNote
	}
	return Finding{Severity: sev, Pos: nodePos(f, run.Call), Message: msg}, true
}
