package rules

import "fmt"

// ServerNameAllInterfaces reports SERVER_NAME values whose host is the
// all-interfaces address.
var ServerNameAllInterfaces = &Rule{
	ID:        "FL203",
	Name:      "server-name-all-interfaces",
	Title:     "server_name names the all-interfaces address",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "exposure"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "`app.run()` with no host (or a falsy one) binds the host part of `SERVER_NAME`, so " +
			"`SERVER_NAME = \"0.0.0.0:5000\"` makes the development server listen on every " +
			"interface although the run call names no address. FL201 reports that run call; this " +
			"rule reports the configuration line itself, high when an `app.run()` outside a " +
			"`__main__` guard falls back to it. Otherwise it is low: `SERVER_NAME` is also the " +
			"host Flask builds external URLs with, and `0.0.0.0` is no name a client can use.",
		Fix: "Set `SERVER_NAME` to the public host name the app is reached by (or leave it unset), " +
			"and pass the bind address to the server: `app.run(host=\"127.0.0.1\")` locally, the " +
			"WSGI server's `bind` in production.",
	},
	Check: checkServerNameAllInterfaces,
}

func checkServerNameAllInterfaces(p *Pass) error {
	m := p.Project.AppModel()
	var out []Finding
	for _, app := range m.Apps {
		for _, ev := range app.Config {
			v := ev.Value
			if ev.Key != "SERVER_NAME" || v.Kind != StrVal || v.Partial || !allInterfacesHost(serverNameHost(v.Str)) {
				continue
			}
			if state, _ := laterState(app, ev); state == overridden {
				continue
			}
			out = append(out, serverNameFinding(m, app, ev))
		}
	}
	reportOnce(p, out)
	return nil
}

func serverNameFinding(m *AppModel, app *App, ev *ConfigEvent) Finding {
	pos, related := configSite(ev)
	host := serverNameHost(ev.Value.Str)
	msg := fmt.Sprintf("SERVER_NAME=%s names the all-interfaces address %q", ev.Value.Python(), host)
	if note := ev.Value.OverrideNote(); note != "" {
		msg += " (" + note + ")"
	}
	sev := Low
	if run := runFallingBack(m, app, ev); run != nil {
		at := lineRef(Origin{run.File, run.Call}, pos.File)
		msg += fmt.Sprintf(": %s() at %s binds it because it passes no host", run.Via, at)
		related = append(
			related,
			Related{Pos: nodePos(run.File, run.Call), Message: "the development server starts here"},
		)
		if run.MainGuard {
			msg += mainGuardNote
		} else {
			sev = High
		}
	} else {
		msg += "; no app.run() falls back to it, but it is the host of every external URL the app builds"
	}
	return Finding{Severity: sev, Pos: pos, Message: msg, Related: related}
}

// runFallingBack finds an app.run() of app that binds the host of the
// SERVER_NAME set by ev, preferring one outside a __main__ guard.
func runFallingBack(m *AppModel, app *App, ev *ConfigEvent) *RunCall {
	var guarded *RunCall
	for _, run := range m.Runs {
		if run.App != app {
			continue
		}
		if hs, _, ok := m.HostOf(run); ok && hs.Config == ev {
			if !run.MainGuard {
				return run
			}
			guarded = run
		}
	}
	return guarded
}
