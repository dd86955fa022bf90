package rules

import "fmt"

// ServerNameNotAGuard reports SERVER_NAME set as if it restricted hosts,
// on Flask versions where it no longer does.
var ServerNameNotAGuard = &Rule{
	ID:        "FL505",
	Name:      "server-name-not-a-guard",
	Title:     "server_name no longer restricts which hosts flask answers",
	Severity:  Info,
	Precision: MediumPrec,
	Tags:      []string{"security", "host"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "Before Flask 3.1, setting `SERVER_NAME` made the app answer 404 to requests for " +
			"other hosts, and it was often set for that reason. Since 3.1 `SERVER_NAME` only names " +
			"the host for URL building and subdomain matching; requests for any host are served. " +
			"The host check moved to `TRUSTED_HOSTS`. Reported when `SERVER_NAME` names a host, " +
			"`TRUSTED_HOSTS` is not set, and the pinned Flask (or, without a pin, the current " +
			"release) is 3.1 or newer.",
		Fix: "Add `TRUSTED_HOSTS = [\"app.example.com\"]` next to `SERVER_NAME`.",
	},
	Check: checkServerNameNotAGuard,
}

func checkServerNameNotAGuard(p *Pass) error {
	m := p.Project.AppModel()
	var out []Finding
	for _, app := range m.Apps {
		ev, state := m.ConfigAt(app, "SERVER_NAME", nil, nil)
		if state != ConfigSet || ev.Value.Kind != StrVal || ev.Value.Partial || !namesHost(ev.Value.Str) {
			continue
		}
		if th, thState := m.ConfigAt(app, "TRUSTED_HOSTS", nil, nil); thState != ConfigUnset &&
			!(thState == ConfigSet && th.Value.Kind == NoneVal) || m.hostChecked(app) {
			continue
		}
		modern, why := p.Project.VersionOf(app.File.Path, "flask").AtLeast("3.1")
		if !modern {
			continue
		}
		pos, related := configSite(ev)
		out = append(out, Finding{
			Pos: pos,
			Message: fmt.Sprintf(
				"SERVER_NAME=%s does not restrict which hosts the app %s answers since Flask 3.1 (%s), "+
					"and TRUSTED_HOSTS is not set; add TRUSTED_HOSTS = [%q]",
				ev.Value.Python(),
				appLabel(app),
				why,
				serverNameHost(ev.Value.Str),
			),
			Related: related,
		})
	}
	reportOnce(p, out)
	return nil
}

// namesHost tells whether a SERVER_NAME value names a host by name (not an
// address, not localhost).
func namesHost(sn string) bool {
	h := serverNameHost(sn)
	if h == "" || allInterfacesHost(h) || loopbackHost(h) {
		return false
	}
	for _, r := range h {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}
