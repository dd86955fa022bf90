package rules

import "fmt"

// CSRFDisabled reports Flask-WTF's CSRF protection turned off outside test
// configuration.
var CSRFDisabled = &Rule{
	ID:        "FL703",
	Name:      "csrf-disabled",
	Title:     "csrf protection is turned off",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "csrf"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "`WTF_CSRF_ENABLED = False` turns off Flask-WTF's CSRF tokens for every form and " +
			"`CSRFProtect` view: any website a logged-in user visits can post forms to the app as " +
			"that user. It is the usual setting in test configuration, which is not reported: test " +
			"files, classes named like `TestConfig`/`TestingConfig`, and classes that set " +
			"`TESTING = True`.",
		Fix: "Keep `WTF_CSRF_ENABLED` on (its default) in every configuration that serves users; " +
			"exempt single API views with `@csrf.exempt` instead.",
		Limitations: "`WTF_CSRF_CHECK_DEFAULT = False` with per-view checks is not judged.",
	},
	Check: checkCSRFDisabled,
}

func checkCSRFDisabled(p *Pass) error {
	m := p.Project.AppModel()
	var out []Finding
	for _, app := range m.Apps {
		for _, ev := range app.Config {
			if ev.Key != "WTF_CSRF_ENABLED" || ev.Conditional || inTestConfig(m, ev) || appTesting(m, app, ev) {
				continue
			}
			if on, known := ev.Value.Truthy(); !known || on {
				continue
			}
			if state, _ := laterState(app, ev); state == overridden {
				continue
			}
			pos, related := configSite(ev)
			if NonProductionKind(pos.File) == "test" {
				continue
			}
			out = append(out, Finding{Pos: pos, Related: related, Message: fmt.Sprintf("WTF_CSRF_ENABLED=%s turns "+
				"off CSRF protection for %s outside test configuration: any site can submit its forms as a "+
				"logged-in user", ev.Value.Python(), appLabel(app))})
		}
	}
	reportOnce(p, out)
	return nil
}

// appTesting tells whether the app is in testing mode where the event
// happens: TESTING is set to a true value by then.
func appTesting(m *AppModel, app *App, ev *ConfigEvent) bool {
	t, state := m.ConfigAt(app, "TESTING", ev.File, ev.Node)
	return state == ConfigSet && t.Value.IsOn() || ev.Key != "TESTING" && ev.isLoader() && sameLoadSetsTesting(app, ev)
}

// sameLoadSetsTesting tells whether the load of ev also sets TESTING on.
func sameLoadSetsTesting(app *App, ev *ConfigEvent) bool {
	for _, other := range app.Config {
		if other.Node == ev.Node && other.Key == "TESTING" && other.Value.IsOn() {
			return true
		}
	}
	return false
}
