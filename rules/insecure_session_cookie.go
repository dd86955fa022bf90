package rules

import (
	"fmt"
	"strings"
)

// InsecureSessionCookie reports session cookie flags that let the cookie
// travel where it should not.
var InsecureSessionCookie = &Rule{
	ID:        "FL702",
	Name:      "insecure-session-cookie",
	Title:     "the session cookie is sent without secure",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "cookies"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "A cookie without the `Secure` flag is also sent over plain HTTP, where anyone on the " +
			"network path reads it. When nginx in the tree terminates TLS (`listen 443 ssl`), the " +
			"site is meant to be HTTPS-only, and `SESSION_COOKIE_SECURE = False` or " +
			"`REMEMBER_COOKIE_SECURE = False` (Flask-Login) set explicitly gives the session away on " +
			"the first plain request. `SESSION_COOKIE_SAMESITE = \"None\"` without " +
			"`SESSION_COOKIE_SECURE = True` sends the session along with cross-site requests, and " +
			"browsers reject such a cookie altogether.",
		Fix: "Set `SESSION_COOKIE_SECURE = True` (and `REMEMBER_COOKIE_SECURE = True`) in production " +
			"configuration; keep `SESSION_COOKIE_SAMESITE` at `\"Lax\"` unless a cross-site flow needs " +
			"`\"None\"`, and then set Secure too.",
		Limitations: "An unset `SESSION_COOKIE_SECURE` (Flask's default is False) is not reported.",
	},
	Check: checkInsecureSessionCookie,
}

func checkInsecureSessionCookie(p *Pass) error {
	m := p.Project.AppModel()
	tls := nginxTLS(p.Project.NginxModel())
	var out []Finding
	for _, app := range m.Apps {
		for _, ev := range app.Config {
			if ev.Conditional || ev.Opaque || inTestConfig(m, ev) {
				continue
			}
			if state, _ := laterState(app, ev); state != stays {
				continue
			}
			if f, ok := cookieFinding(m, app, ev, tls); ok {
				out = append(out, f)
			}
		}
	}
	reportOnce(p, out)
	return nil
}

// nginxTLS finds a listen socket with ssl, or nil.
func nginxTLS(m *NginxModel) *NginxListen {
	for _, s := range m.Servers {
		for i, l := range s.Listens {
			if l.SSL && l.Dir != nil {
				return &s.Listens[i]
			}
		}
	}
	return nil
}

func cookieFinding(m *AppModel, app *App, ev *ConfigEvent, tls *NginxListen) (Finding, bool) {
	pos, related := configSite(ev)
	v := ev.Value
	switch {
	case (ev.Key == "SESSION_COOKIE_SECURE" || ev.Key == "REMEMBER_COOKIE_SECURE") && tls != nil:
		if on, known := v.Truthy(); !known || on {
			return Finding{}, false
		}
		related = append(related, Related{Pos: nginxPos(tls.Dir), Message: "nginx terminates TLS here"})
		return Finding{Pos: pos, Related: related, Message: fmt.Sprintf(
			"%s=%s lets %s's cookie travel over plain "+
				"HTTP although nginx terminates TLS (listen %s at %s:%d): anyone on the path can read it",
			ev.Key,
			v.Python(),
			appLabel(app),
			strings.Join(tls.Dir.Args, " "),
			tls.Dir.File,
			tls.Dir.Span.StartLine,
		)}, true
	case ev.Key == "SESSION_COOKIE_SAMESITE" && v.Kind == StrVal && strings.EqualFold(v.Str, "none"):
		sec, state := m.ConfigAt(app, "SESSION_COOKIE_SECURE", nil, nil)
		if state == ConfigUnknown || state == ConfigSet && sec.Value.IsOn() {
			return Finding{}, false
		}
		return Finding{Pos: pos, Related: related, Message: fmt.Sprintf("SESSION_COOKIE_SAMESITE=%s sends %s's "+
			"session cookie with cross-site requests, and SESSION_COOKIE_SECURE is not True: browsers reject "+
			"SameSite=None without Secure, and over HTTP the cookie is readable", v.Python(), appLabel(app))}, true
	}
	return Finding{}, false
}
