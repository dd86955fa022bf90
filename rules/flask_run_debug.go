package rules

import (
	"fmt"
	"strings"
)

// FlaskRunDebug reports "flask run --debug" in launch files.
var FlaskRunDebug = &Rule{
	ID:        "FL105",
	Name:      "flask-run-debug",
	Title:     "a launch file starts flask run with the debugger on",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "debug"},
	Needles:   FlaskCLIFiles,
	Doc: Doc{
		Why: "`flask run --debug` (and `flask --debug run`, `flask run --debugger`) starts the " +
			"development server with the interactive Werkzeug debugger: a Python console in the " +
			"browser for whoever reaches it. flasklint reads the commands of Dockerfile `CMD` and " +
			"`ENTRYPOINT` (exec and shell form), compose `command` and `entrypoint`, Procfile " +
			"entries, shell scripts, systemd `ExecStart=` and supervisor `command=` with a real " +
			"shell parser, and `python manage.py run` when " +
			"`manage.py` is a Flask CLI (`FlaskGroup`).\n\n" +
			"An error in files that deploy; a warning in development files (a compose file " +
			"beside a production one, `Dockerfile.dev`).",
		Fix: "Run the app under a WSGI server (gunicorn, waitress, uWSGI) in anything that can be " +
			"deployed, and keep `flask run --debug` for local work.",
		Limitations: "Commands built at run time (`$CMD`, `eval`) are not followed.",
	},
	Check: checkFlaskRunDebug,
}

// manageIsFlask tells whether a manage.py the launch names is a Flask CLI.
func (p *Project) manageIsFlask(string) bool {
	for _, f := range p.Python {
		if strings.HasSuffix(f.Path, "manage.py") && strings.Contains(string(f.Src), "FlaskGroup") {
			return true
		}
	}
	return false
}

func checkFlaskRunDebug(p *Pass) error {
	for _, l := range p.Project.Launches() {
		fr, ok := flaskRunOf(l.Words, p.Project.manageIsFlask)
		if !ok || fr.Debug == "" {
			continue
		}
		msg := fmt.Sprintf("%s %s in the %s starts the development server with the werkzeug debugger",
			fr.Via, fr.Debug, l.Where)
		sev := p.Rule.Severity
		if l.Level != 0 && l.Level < sev {
			sev = l.Level
			msg += " (" + l.Why + ")"
		}
		p.Report(Finding{Severity: sev, Pos: l.Pos, Message: msg})
	}
	return nil
}
