package rules

import (
	"fmt"
	"strings"
)

// WSGIBindCLI reports WSGI servers started on all interfaces from launch files.
var WSGIBindCLI = &Rule{
	ID:        "FL206",
	Name:      "wsgi-bind-cli",
	Title:     "a launch file binds a wsgi server to all interfaces",
	Severity:  Low,
	Precision: HighPrecision,
	Tags:      []string{"security", "exposure"},
	Needles:   DeployFiles,
	Doc: Doc{
		Why: "gunicorn `-b 0.0.0.0:8000`, `-b :8000` (an empty host is every interface), " +
			"`-b [::]:8000`, the same in `GUNICORN_CMD_ARGS`, gunicorn without `-b` where `PORT` is " +
			"set (a Procfile platform, a Dockerfile `ENV PORT`: gunicorn then binds `0.0.0.0:$PORT`), and uWSGI " +
			"`--http :8000` or `http = :8000` in a `[uwsgi]` `.ini` listen on " +
			"every interface. Inside a container that is normal and expected, and on a platform " +
			"such as Heroku `-b 0.0.0.0:$PORT` is required: the exposure is decided by the port " +
			"publishing and the proxy in front. So this is a note that records the bind; the " +
			"cross-file rules judge the publishing.",
		Fix: "Bind `127.0.0.1` or a unix socket (`-b unix:/run/app.sock`) when a proxy on the same " +
			"host fronts the app; in a container, publish the port only to the proxy (`expose`).",
		Limitations: "gunicorn's implicit `$PORT` bind (no `-b`, no `-c`, `PORT` set) is assumed for " +
			"Procfile entries, the platforms that set `PORT`, and elsewhere only where the launch's " +
			"environment in the tree sets `PORT` (Dockerfile `ENV`, compose, an assignment before the " +
			"command); a `PORT` set by an orchestrator outside the tree is not known. uWSGI is read from the command " +
			"line and from `.ini` files " +
			"whose first section is `[uwsgi]`; its XML, YAML and JSON configurations are not.",
	},
	Check: checkWSGIBindCLI,
}

func checkWSGIBindCLI(p *Pass) error {
	for _, l := range p.Project.Launches() {
		name, args := program(l.Words)
		var binds []string
		switch name {
		case "gunicorn":
			binds = flagValues(args, "-b", "--bind")
		case "uwsgi":
			binds = flagValues(args, "--http", "--http-socket")
		default:
			continue
		}
		if name == "gunicorn" && len(binds) == 0 && len(flagValues(args, "-c", "--config")) == 0 {
			if f, ok := implicitPortBind(p.Project, l); ok {
				p.Report(f)
			}
		}
		for _, b := range binds {
			if allInterfacesBind(b) {
				p.Report(Finding{Pos: l.Pos, Message: fmt.Sprintf("%s binds %s in the %s: all interfaces; "+
					"the port publishing and the proxy decide who reaches it", name, b, l.Where)})
			}
		}
	}
	for _, u := range p.Project.Units {
		for _, b := range u.Binds {
			if allInterfacesBind(b.Text) {
				p.Report(Finding{Pos: lineAt(u.Path, b.Line), Message: fmt.Sprintf("uwsgi %s = %s binds all "+
					"interfaces; the port publishing and the proxy decide who reaches it", b.Key, b.Text)})
			}
		}
	}
	for _, s := range p.Project.EnvSettings() {
		if !strings.EqualFold(s.Key, "GUNICORN_CMD_ARGS") {
			continue
		}
		for _, b := range flagValues(strings.Fields(s.Value), "-b", "--bind") {
			if allInterfacesBind(b) {
				p.Report(Finding{Pos: s.Pos, Message: fmt.Sprintf("GUNICORN_CMD_ARGS in the %s makes gunicorn "+
					"bind %s: all interfaces", s.Where, b)})
			}
		}
	}
	return nil
}

// flagValues collects the values of a flag in its "-b X", "--bind X",
// "--bind=X" and "-bX" forms.
func flagValues(args []string, short, long string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case (a == short || a == long) && i+1 < len(args):
			out = append(out, args[i+1])
			i++
		case strings.HasPrefix(a, long+"="):
			out = append(out, strings.TrimPrefix(a, long+"="))
		case len(short) == 2 && strings.HasPrefix(a, short) && len(a) > 2 && !strings.HasPrefix(a, "--"):
			out = append(out, a[2:])
		}
	}
	return out
}

// implicitPortBind reports a gunicorn with no bind and no configuration
// file where PORT is set: gunicorn then binds 0.0.0.0:$PORT. Procfile hosts
// always set PORT; elsewhere the launch's environment must.
func implicitPortBind(p *Project, l Launch) (Finding, bool) {
	if strings.HasPrefix(l.Where, "Procfile") {
		return Finding{Pos: l.Pos, Message: fmt.Sprintf("gunicorn has no -b in the %s: where the "+
			"platform sets PORT (Heroku and the other Procfile hosts do), it binds 0.0.0.0:$PORT, all "+
			"interfaces", l.Where)}, true
	}
	env := p.LaunchEnv(l)
	port, ok := env["PORT"]
	if !ok {
		return Finding{}, false
	}
	if args, ok := env["GUNICORN_CMD_ARGS"]; ok && len(flagValues(strings.Fields(args.Value), "-b", "--bind")) > 0 {
		return Finding{}, false
	}
	return Finding{Pos: l.Pos, Message: fmt.Sprintf("gunicorn has no -b in the %s, and PORT=%s is set (%s:%d): "+
		"it binds 0.0.0.0:$PORT, all interfaces", l.Where, port.Value, port.Pos.File, port.Pos.StartLine),
		Related: []Related{{Pos: port.Pos, Message: "PORT is set here"}}}, true
}
