package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// TrustedHostsSuspicious reports TRUSTED_HOSTS entries that do not do what
// they seem to.
var TrustedHostsSuspicious = &Rule{
	ID:        "FL504",
	Name:      "trusted-hosts-suspicious",
	Title:     "a trusted_hosts entry never matches or matches too much",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "host"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "Flask's `TRUSTED_HOSTS` (and Werkzeug's `Request.trusted_hosts`) compares host names: " +
			"an entry is an exact name, or a name with a leading dot that also admits its " +
			"subdomains; ports are ignored. An entry with a scheme or a path " +
			"(`https://app.example.com`, `app.example.com/api`) never matches, so the app refuses " +
			"the host it meant to admit and someone is tempted to drop the check. `\"*\"` is no " +
			"wildcard: it only matches a Host of `*`. A bare suffix such as `.com` admits every " +
			"host under that top-level domain, attackers' included.",
		Fix: "List host names only: `TRUSTED_HOSTS = [\"app.example.com\", \".example.com\"]`.",
	},
	Check: checkTrustedHostsSuspicious,
}

func checkTrustedHostsSuspicious(p *Pass) error {
	m := p.Project.AppModel()
	var out []Finding
	for _, app := range m.Apps {
		for _, ev := range app.Config {
			if ev.Key == "TRUSTED_HOSTS" && !ev.Opaque {
				pos, _ := configSite(ev)
				out = append(out, suspiciousHosts(ev.Value, ev.File, ev.Node, pos, "TRUSTED_HOSTS")...)
			}
		}
	}
	for _, c := range m.HostChecks {
		if c.Node.Type() == "class_definition" {
			if stmt, v, ok := classBinding(m, c.File, c.Node, "trusted_hosts"); ok {
				out = append(out, suspiciousHosts(v, c.File, stmt, nodePos(c.File, stmt), "trusted_hosts")...)
			}
		}
	}
	seen := map[string]bool{}
	for _, f := range out {
		if k := siteKey(f.Pos) + f.Message; !seen[k] {
			seen[k] = true
			p.Report(f)
		}
	}
	return nil
}

// classBinding is a class attribute's statement and value.
func classBinding(m *AppModel, f *python.File, class *python.Node, name string) (*python.Node, Value, bool) {
	s := m.Resolver.scopes[class]
	if s == nil || !s.bound(name) {
		return nil, Value{}, false
	}
	b := s.last(name)
	e := &evaluator{r: m.Resolver}
	return b.stmt, e.bindingValue(f, b), true
}

func suspiciousHosts(v Value, f *python.File, at *python.Node, pos Pos, key string) []Finding {
	entries, ok := v.Strings()
	if !ok || v.Kind != ListVal {
		return nil
	}
	var out []Finding
	for _, e := range entries {
		problem := hostEntryProblem(e.Str)
		if e.Partial || problem == "" {
			continue
		}
		out = append(out, Finding{
			Pos:     pos,
			Message: fmt.Sprintf("%s entry %s %s%s", key, e.Python(), problem, originNote(e, f, at)),
			Related: relatedOrigin(e, f, at, "the entry is set here"),
		})
	}
	return out
}

// hostEntryProblem says what is wrong with one trusted host entry, or "".
func hostEntryProblem(h string) string {
	switch {
	case strings.Contains(h, "://"):
		return "has a scheme, so it never matches a host name: list the name alone"
	case strings.Contains(h, "/"):
		return "has a path, so it never matches a host name: list the name alone"
	case h == "*" || strings.HasPrefix(h, "*."):
		return "is not a wildcard (trusted hosts have none), so it only matches that literal text: " +
			"list the names, or a leading dot for subdomains (.example.com)"
	case strings.HasPrefix(h, ".") && !strings.Contains(h[1:], "."):
		return fmt.Sprintf("admits every host under the top-level domain %s, any attacker's included", h)
	}
	return ""
}
