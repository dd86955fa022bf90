package rules

import (
	"fmt"
	"strings"
)

// FlaskRunAllInterfaces reports "flask run --host 0.0.0.0" and
// FLASK_RUN_HOST=0.0.0.0 in deployment files.
var FlaskRunAllInterfaces = &Rule{
	ID:        "FL205",
	Name:      "flask-run-all-interfaces",
	Title:     "a launch file runs the development server on all interfaces",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "exposure"},
	Needles:   FlaskCLIFiles,
	Doc: Doc{
		Why: "`flask run --host 0.0.0.0` (also `-h 0.0.0.0`, `--host=0.0.0.0`, `::`) and " +
			"`FLASK_RUN_HOST=0.0.0.0` make the development server answer on every interface. That " +
			"server is not built for traffic, and with debug on it is a remote shell.\n\n" +
			"Inside a container `0.0.0.0` is the only way to be reached at all, so what decides the " +
			"exposure is the port publishing: when the compose service that runs the container " +
			"publishes no port on all host interfaces (only `expose`, or `127.0.0.1:5000:5000`), the " +
			"finding is a note, unless the debugger is on: whatever reaches the container, a proxy " +
			"in front of it, reaches the debugger. A port published on every host interface, or a container whose " +
			"publishing is not known, keeps it an error; the compose port is a related location. A " +
			"compose override (`compose.override.yaml`) is merged over its base service: a port it " +
			"publishes counts, at the level of a development file. With debug mode on, from a flag " +
			"or the launch's environment (Dockerfile `ENV`, compose `environment` and `env_file`), " +
			"the finding is critical and the setting a related location; development files " +
			"(overrides, `dev`/`debug`/`test` profiles, `dev` scripts of `package.json`) cap it at " +
			"a warning.",
		Fix: "Serve the app with a WSGI server in anything that can be deployed. Locally, keep " +
			"`flask run` on its default `127.0.0.1`; in compose, publish on `127.0.0.1` or put the " +
			"service behind a proxy with `expose` only.",
		Limitations: "`docker run -p` flags and orchestrators outside the tree are not known: a " +
			"Dockerfile with no compose service counts as published.",
	},
	Check: checkFlaskRunAllInterfaces,
}

func checkFlaskRunAllInterfaces(p *Pass) error {
	pr := p.Project
	for _, l := range pr.Launches() {
		fr, ok := flaskRunOf(l.Words, pr.manageIsFlask)
		if !ok || fr.Host == "" || !allInterfacesHost(fr.Host) {
			continue
		}
		msg := fmt.Sprintf("%s --host %s in the %s makes the development server listen on all interfaces",
			fr.Via, fr.Host, l.Where)
		p.Report(exposureFinding(p, l, msg, fr.Debug))
	}
	for _, s := range pr.EnvSettings() {
		if !strings.EqualFold(s.Key, "FLASK_RUN_HOST") || !allInterfacesHost(s.Value) {
			continue
		}
		l := Launch{Pos: s.Pos, Where: s.Where, Level: s.Level, Why: s.Why, Compose: s.Compose, Docker: s.Docker}
		if s.Compose != nil {
			for _, c := range pr.Compose {
				for _, svc := range c.Services {
					if svc == s.Compose {
						l.ComposeFile = c
					}
				}
			}
		}
		msg := fmt.Sprintf("FLASK_RUN_HOST=%s in the %s makes flask run listen on all interfaces", s.Value, s.Where)
		p.Report(exposureFinding(p, l, msg, ""))
	}
	return nil
}

// exposureFinding levels a dev-server bind by the container's publishing
// and by debug mode, from a flag (debugFlag) or the launch's environment:
// debug on, all interfaces and a port published on every host interface
// is critical; a container whose ports are not published on all host
// interfaces makes it a note.
func exposureFinding(p *Pass, l Launch, msg, debugFlag string) Finding {
	sev := p.Rule.Severity
	var related []Related
	exp, rel, devWhy := p.Project.exposureDetail(l)
	switch exp {
	case ExposureAll:
		msg += ", and compose publishes its port on all host interfaces"
		related = append(related, *rel)
	case ExposureLimited:
		msg += " inside a container whose ports are not published on all host interfaces"
	}
	if sev == High {
		if debugFlag != "" {
			sev = Critical
			msg += ", with the werkzeug debugger on (" + debugFlag + ")"
		} else if s, on := p.Project.envDebug(p.Project.LaunchEnv(l), true); on {
			sev = Critical
			msg += fmt.Sprintf(", with the werkzeug debugger on (%s=%s at %s:%d)", s.Key, s.Value,
				s.Pos.File, s.Pos.StartLine)
			related = append(related, Related{Pos: s.Pos, Message: "debug mode is turned on here"})
		}
	}
	if exp == ExposureLimited && sev == High {
		sev = Low // without the debugger, only what reaches the container reaches the server
	} else if exp == ExposureLimited {
		msg += ": whatever reaches the container (a proxy in front of it) reaches the debugger"
	}
	sev, why := capBy(sev, l.Level, l.Why, Medium, devWhy)
	return Finding{Severity: sev, Pos: l.Pos, Message: msg + why, Related: related}
}
