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
			"Debug mode also comes from the environment: a `flask run` with no debug flag whose " +
			"container loads an env file (compose `env_file`, or the committed sample of that file when " +
			"the file itself is not in the tree) that sets `FLASK_DEBUG`, `FLASK_RUN_DEBUGGER` or " +
			"`FLASK_ENV=development` (Flask < 2.3) is reported here, at the command, with the env file " +
			"line as a related location; FL104 then leaves that line alone, so that one cause gives one " +
			"finding. `package.json` scripts are read as launches too.\n\n" +
			"An error in files that deploy; a warning in development files (a compose file " +
			"beside a production one, a compose override, a service of a `dev`, `debug` or `test` " +
			"profile, `Dockerfile.dev`, a `dev` or `watch` script) and when the env file is a " +
			"committed sample or a development file.",
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
	for _, r := range p.Project.envDebugRuns() {
		msg := fmt.Sprintf("%s in the %s starts the development server with the werkzeug debugger: "+
			"%s=%s comes from %s:%d", r.Run.Via, r.Launch.Where, r.Setting.Key, r.Setting.Value,
			r.Setting.Pos.File, r.Setting.Pos.StartLine)
		sev, why := capBy(p.Rule.Severity, r.Launch.Level, r.Launch.Why, r.Setting.Level, r.Setting.Why)
		msg += why
		p.Report(Finding{Severity: sev, Pos: r.Launch.Pos, Message: msg,
			Related: []Related{{Pos: r.Setting.Pos, Message: "debug mode is turned on here"}}})
	}
	return nil
}

// envDebugRun is a flask run, without a debug flag, whose debug mode an
// env file turns on: one cause, reported once, at the launch (FL105), with
// the env file line as a related location; FL104 leaves that line alone.
type envDebugRun struct {
	Launch  Launch
	Run     FlaskRun
	Setting EnvSetting
}

// envDebugRuns lists the flask run launches whose debug mode comes from an
// env file they load.
func (p *Project) envDebugRuns() []envDebugRun {
	var out []envDebugRun
	for _, l := range p.Launches() {
		fr, ok := flaskRunOf(l.Words, p.manageIsFlask)
		if !ok || fr.Debug != "" {
			continue
		}
		if s, on := p.envDebug(p.LaunchEnv(l), true); on && strings.HasPrefix(s.Where, "env file") {
			out = append(out, envDebugRun{Launch: l, Run: fr, Setting: s})
		}
	}
	return out
}
