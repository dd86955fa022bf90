package rules

import (
	"fmt"
	"strings"
)

// HardcodedSecretKey reports secret keys written into the source.
var HardcodedSecretKey = &Rule{
	ID:        "FL701",
	Name:      "hardcoded-secret-key",
	Title:     "the secret key is written in the source",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "secrets"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "Flask signs the session cookie with `SECRET_KEY`. Whoever knows the key forges " +
			"sessions: logs in as any user, sets any session value. A key in the source is known " +
			"to everyone who can read the repository, its forks and its history. flasklint follows " +
			"the value into the configuration the app really loads: `app.secret_key = ...`, " +
			"`app.config[\"SECRET_KEY\"]`, `update`/`from_mapping`, the class `from_object` loads, " +
			"`from_pyfile` files. `JWT_SECRET_KEY` and `SECURITY_PASSWORD_SALT` are read the same " +
			"way.\n\n" +
			"Not reported: values read from the environment without a default, " +
			"`secrets.token_hex()` and other generated values, test files and test configuration " +
			"classes. A literal default of an environment read " +
			"(`os.environ.get(\"SECRET_KEY\", \"dev\")`) is low: it is the key whenever the variable " +
			"is missing. A literal that a later load the model cannot follow may replace (the " +
			"`from_pyfile(\"config.py\", silent=True)` of Flask's tutorial) is low as well.",
		Fix: "Read the key from the environment or a secret store and fail when it is missing: " +
			"`SECRET_KEY = os.environ[\"SECRET_KEY\"]`. Generate it with `python -c 'import secrets; " +
			"print(secrets.token_hex())'`, and rotate a key that was committed.",
		Limitations: "Keys in Dockerfile `ENV` and env files are read by a later issue.",
	},
	Check: checkHardcodedSecretKey,
}

// secretKeys are the configuration keys that hold signing secrets.
var secretKeys = map[string]bool{"SECRET_KEY": true, "JWT_SECRET_KEY": true, "SECURITY_PASSWORD_SALT": true}

func checkHardcodedSecretKey(p *Pass) error {
	m := p.Project.AppModel()
	var out []Finding
	for _, app := range m.Apps {
		for _, ev := range app.Config {
			if !secretKeys[ev.Key] || ev.Conditional || !literalSecret(ev.Value) {
				continue
			}
			if f, ok := secretFinding(m, app, ev); ok {
				out = append(out, f)
			}
		}
	}
	reportOnce(p, out)
	return nil
}

// literalSecret tells whether a value is a non-empty string written in the
// source (fully, or as an environment default).
func literalSecret(v Value) bool {
	return v.Kind == StrVal && !v.Partial && strings.TrimSpace(v.Str) != ""
}

func secretFinding(m *AppModel, app *App, ev *ConfigEvent) (Finding, bool) {
	state, later := laterState(app, ev)
	if state == overridden || inTestConfig(m, ev) {
		return Finding{}, false
	}
	pos, related := configSite(ev)
	if NonProductionKind(pos.File) == "test" {
		return Finding{}, false
	}
	v := ev.Value
	f := Finding{Pos: pos, Related: related}
	switch {
	case v.Override != "":
		f.Severity = Low
		f.Message = fmt.Sprintf("%s falls back to the literal %s when %s is not set: every deployment that "+
			"forgets the variable signs sessions with a key anyone can read", ev.Key, redact(v.Str), v.Override)
	default:
		f.Message = fmt.Sprintf("%s of %s is the literal %s: anyone who reads the source can forge its session "+
			"cookies", ev.Key, appLabel(app), redact(v.Str))
	}
	if o := v.Origin; o.Valid() && (o.File.Path != pos.File || o.Line() != pos.StartLine) {
		f.Message += " (value set at " + lineRef(o, pos.File) + ")"
		f.Related = append(f.Related, Related{Pos: o.Pos(), Message: "the key is written here"})
	}
	if state == mayOverride {
		f.Severity = Low
		f.Message += mayOverrideNote(later, pos)
	}
	return f, true
}

// redact shows the beginning of a secret only.
func redact(s string) string {
	if len(s) <= 10 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q", s[:4]+"...")
}

// inTestConfig tells whether the value of an event is written in a test
// configuration class: one named like Test*/Testing*, or one that sets
// TESTING = True.
func inTestConfig(m *AppModel, ev *ConfigEvent) bool {
	o := ev.Value.Origin
	if !o.Valid() {
		return false
	}
	for p := o.Node.Parent(); p != nil; p = p.Parent() {
		if p.Type() != "class_definition" {
			continue
		}
		if strings.Contains(strings.ToLower(o.File.Text(p.Child("name"))), "test") {
			return true
		}
		e := &evaluator{r: m.Resolver}
		v, _ := e.classAttr(Def{o.File, p}, "TESTING")
		return v.IsOn()
	}
	if ev.isLoader() && strings.Contains(strings.ToLower(ev.Via), "test") {
		return true // from_object(TestConfig) of a class outside the tree
	}
	return false
}
