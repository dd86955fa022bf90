package rules

import (
	"fmt"
	"strings"
)

// DebugEnv reports debug mode switched on through environment variables in
// deployment files.
var DebugEnv = &Rule{
	ID:        "FL104",
	Name:      "debug-env",
	Title:     "a deployment file turns flask debug mode on through the environment",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "debug"},
	Needles:   DeployFiles,
	Doc: Doc{
		Why: "`flask run` and `app.run()` read `FLASK_DEBUG` from the environment: any value but " +
			"`0`, `false`, `no` or empty (in any case) turns on the Werkzeug debugger, a Python " +
			"console in the browser for whoever reaches the server. Before Flask 2.3, " +
			"`FLASK_ENV=development` did the same. `FLASK_RUN_DEBUGGER` turns the debugger of " +
			"`flask run` on, and `WERKZEUG_DEBUG_PIN=off` removes the PIN that guards it (critical: " +
			"whoever reaches the debugger gets a console without even guessing a PIN).\n\n" +
			"flasklint reads these variables in Dockerfile `ENV` and `ARG`, compose `environment` " +
			"(list and map forms; YAML `FLASK_DEBUG: 0` is off), env files (`.env`, `.flaskenv`, " +
			"`.env.*`), assignments in front of a command (`FLASK_DEBUG=1 flask run`), Procfile " +
			"entries, systemd `Environment=` and supervisor `environment=` (reported at the command " +
			"they apply to). `FLASK_ENV` is judged by the Flask version the tree pins; with no pin the " +
			"current release is assumed, where it does nothing.\n\n" +
			"The level follows the file's role: an error where the file is in effect (a Dockerfile, " +
			"a compose file, an env file that a compose `env_file` loads or a Dockerfile copies); " +
			"a warning in development files (`docker-compose.dev.yml`, `.env.dev`, a committed " +
			"sample of the env file a compose service loads); a note for samples " +
			"(`.env.example`) and env files that nothing loads but `flask run` itself. An env file " +
			"line that turns debug on for a `flask run` launch that loads it is reported once, at " +
			"that launch, by FL105.",
		Fix: "Leave debug mode out of anything that can be deployed: set `FLASK_DEBUG=0` (or " +
			"nothing) in production files, and turn it on for local work only, with " +
			"`flask run --debug` or an uncommitted `.env`.",
		Limitations: "Values filled in at run time (`FLASK_DEBUG=${DEBUG}`, a compose variable) are " +
			"unknown and not reported. Which env file a platform loads outside the tree is not " +
			"known.",
	},
	Check: checkDebugEnv,
}

// debugOff tells whether a FLASK_DEBUG value leaves debug mode off.
func debugOff(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no":
		return true
	}
	return false
}

func checkDebugEnv(p *Pass) error {
	atLaunch := map[Pos]bool{} // reported by FL105 at the flask run it feeds
	for _, r := range p.Project.envDebugRuns() {
		atLaunch[r.Setting.Pos] = true
	}
	for _, s := range p.Project.EnvSettings() {
		if runtimeValue(s.Value) || atLaunch[s.Pos] {
			continue // filled in at run time, or reported at its launch
		}
		var msg string
		var related []Related
		sev := p.Rule.Severity
		switch strings.ToUpper(s.Key) {
		case "FLASK_DEBUG":
			if debugOff(s.Value) {
				continue
			}
			msg = fmt.Sprintf(
				"FLASK_DEBUG=%s in the %s turns on debug mode and the werkzeug debugger",
				s.Value,
				s.Where,
			)
		case "FLASK_ENV":
			if !strings.EqualFold(s.Value, "development") {
				continue
			}
			v := p.Project.VersionOf(s.Pos.File, "flask")
			if newer, _ := v.AtLeast("2.3"); newer || !v.Pinned {
				continue // Flask 2.3 ignores FLASK_ENV
			}
			_, why := v.AtLeast("2.3")
			msg = fmt.Sprintf("FLASK_ENV=development in the %s turns on debug mode and the werkzeug debugger "+
				"(%s, before 2.3 where FLASK_ENV was removed)", s.Where, why)
			related = v.Related("the Flask version is pinned here")
		case "FLASK_RUN_DEBUGGER":
			if debugOff(s.Value) {
				continue
			}
			msg = fmt.Sprintf(
				"FLASK_RUN_DEBUGGER=%s in the %s turns on the werkzeug debugger of flask run",
				s.Value,
				s.Where,
			)
		case "WERKZEUG_DEBUG_PIN":
			if !strings.EqualFold(s.Value, "off") {
				continue
			}
			msg = fmt.Sprintf(
				"WERKZEUG_DEBUG_PIN=off in the %s removes the PIN that guards the werkzeug debugger",
				s.Where,
			)
			sev = Critical // the debugger wired in with no guard at all
		default:
			continue
		}
		if s.Level != 0 && s.Level < sev {
			sev = s.Level
			msg += " (" + s.Why + ")"
		}
		p.Report(Finding{Severity: sev, Pos: s.Pos, Message: msg, Related: related})
	}
	return nil
}
