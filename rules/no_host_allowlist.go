package rules

import (
	"fmt"
	"strings"
)

// NoHostAllowlist reports apps that answer requests for any host name,
// with nothing in the chain in front of them refusing unknown names.
var NoHostAllowlist = &Rule{
	ID:        "FL503",
	Name:      "no-host-allowlist",
	Title:     "nothing checks the host header before the app",
	Severity:  Medium,
	Precision: MediumPrec,
	Tags:      []string{"security", "host"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "An app that answers any Host is the target of DNS rebinding (a website makes the " +
			"visitor's browser talk to an app on loopback or an intranet under the attacker's host " +
			"name) and of Host-header poisoning: absolute URLs (`url_for(..., _external=True)`, " +
			"password-reset mails, redirects) are built from the Host the client sent. A host " +
			"allowlist anywhere in the chain stops both: `TRUSTED_HOSTS` (Flask 3.1 and newer), a " +
			"`before_request` hook that checks `request.host`, a `Request` subclass with " +
			"`trusted_hosts`, or an nginx default server that refuses unknown names (`return 444`) " +
			"while the proxying servers list exact names.\n\n" +
			"Reported once per app, at its `Flask(...)` call, when the tree shows the app is " +
			"reached through nginx that accepts any name, or when the app builds absolute URLs. " +
			"Before Flask 3.1 `TRUSTED_HOSTS` does not exist (the message then says what to use), " +
			"and a `SERVER_NAME` still makes Flask refuse other hosts. When the nginx in front sends " +
			"its own `Host` (`proxy_pass` without `proxy_set_header Host $host`, a `uwsgi_param HTTP_HOST " +
			"$server_name`), the app cannot tell " +
			"the names apart, and the message says to refuse unknown names in nginx instead.",
		Fix: "On Flask 3.1 or newer set `TRUSTED_HOSTS = [\"app.example.com\"]`. On older versions " +
			"set `trusted_hosts` on a `Request` subclass (`app.request_class`) or check " +
			"`request.host` in a `before_request` hook and `abort(400)`. In nginx, list the real " +
			"names in `server_name` and add a default server that returns 444.",
		Limitations: "`TRUSTED_HOSTS` from the environment through `from_prefixed_env()` " +
			"(`FLASK_TRUSTED_HOSTS`) or any other load the model cannot follow counts as set, so the " +
			"app is not reported. Proxies outside the tree (a load balancer with a host rule) are " +
			"not known. The nginx in front of the app is found by matching proxy targets with the " +
			"app's launches; a target known only at run time links by place in the tree and gives a " +
			"note. An app with neither an nginx proxy in the tree nor absolute URLs is not reported.",
	},
	Check: checkNoHostAllowlist,
}

// nginxHostGuard is what the tree's nginx does about unknown host names.
type nginxHostGuard struct {
	proxies  bool         // some location proxies to an app
	catchAll *NginxServer // a proxying server that takes any name, nil when all refuse unknown names
	pass     *LocationLink
}

// nginxGuard judges the proxying locations in front of an app: each must
// check the host itself or sit in a server that only gets requests for its
// own names. A location linked by address counts before one linked by
// place in the tree.
func nginxGuard(locs []*LocationLink) nginxHostGuard {
	var g nginxHostGuard
	for _, l := range locs {
		g.proxies = true
		if l.Loc.HostCheck == nil && l.Loc.Server.IsDefault() &&
			(g.catchAll == nil || g.pass.State == LinkOpaque && l.State != LinkOpaque) {
			g.catchAll, g.pass = l.Loc.Server, l
		}
	}
	return g
}

func checkNoHostAllowlist(p *Pass) error {
	m := p.Project.AppModel()
	for _, app := range m.Apps {
		guard := nginxGuard(FrontingLinks(p.Project, app.File.Path))
		if guard.proxies && guard.catchAll == nil || m.hostChecked(app) {
			continue // nginx refuses unknown names, or the app checks the host itself
		}
		if f, ok := noAllowlistFinding(p, m, app, guard); ok {
			p.Report(f)
		}
	}
	return nil
}

func noAllowlistFinding(p *Pass, m *AppModel, app *App, guard nginxHostGuard) (Finding, bool) {
	ext := externalURLFor(p.Project, m, app)
	if guard.catchAll == nil && ext == nil {
		return Finding{}, false
	}
	fact := p.Project.VersionOf(app.File.Path, "flask")
	modern, why := fact.AtLeast("3.1")
	th, state := m.ConfigAt(app, "TRUSTED_HOSTS", nil, nil)
	var reasons []string
	switch {
	case state == ConfigUnknown:
		return Finding{}, false
	case state == ConfigSet && th.Value.Kind != NoneVal && modern:
		return Finding{}, false
	case state == ConfigSet && th.Value.Kind != NoneVal:
		reasons = append(reasons, fmt.Sprintf("TRUSTED_HOSTS at %s has no effect before Flask 3.1 (%s)",
			lineRef(Origin{th.File, th.Node}, app.File.Path), why))
	default:
		reasons = append(reasons, "TRUSTED_HOSTS is not set")
	}
	if !modern && serverNameGuards(m, app) {
		return Finding{}, false // before 3.1, SERVER_NAME refuses other hosts
	}
	reasons = append(reasons, "no before_request hook checks the Host header")

	f := Finding{Pos: nodePos(app.File, app.Call)}
	ownHost := false // nginx sends its own Host: only nginx can tell the names apart
	if guard.catchAll != nil {
		s := guard.catchAll
		ownHost = !passesClientHost(guard.pass.Loc)
		what := "any host name"
		if ownHost {
			what = "requests for any host name"
		}
		reason := fmt.Sprintf("nginx passes %s to it (%s at %s:%d is the default server and accepts every name)",
			what, s.NamesText(), s.Where().File, s.Where().Span.StartLine)
		if guard.pass.State == LinkOpaque && ext == nil {
			f.Severity = Low
			reason += fmt.Sprintf(" if its proxy target %s, only known at run time, is this app", guard.pass.Target)
		}
		if ownHost {
			reason += ", with its own Host header (the client's is not passed on), so the app " +
				"cannot tell the names apart"
		}
		reasons = append(reasons, reason)
		f.Related = append(
			f.Related,
			Related{Pos: nginxPos(s.Where()), Message: "this nginx server accepts any host name"},
			Related{Pos: nginxPos(guard.pass.Loc.Pass.Dir), Message: "and passes the request to the app here"},
		)
		f.Related = append(f.Related, guard.pass.Related()...)
	}
	msg := fmt.Sprintf("this app answers requests for any host name: %s", strings.Join(reasons, ", "))
	if ext != nil {
		msg += fmt.Sprintf("; url_for(..., _external=True) at %s builds absolute links from the Host the client sends",
			lineRef(Origin{ext.File, ext.Call}, app.File.Path))
		f.Related = append(
			f.Related,
			Related{Pos: nodePos(ext.File, ext.Call), Message: "an absolute URL is built here"},
		)
	}
	switch {
	case ownHost:
		msg += "; list the real names in server_name and let a separate default server return 444"
	case modern:
		msg += `; set TRUSTED_HOSTS = ["your.host.name"]`
	default:
		msg += fmt.Sprintf("; %s, which has no TRUSTED_HOSTS: set Request.trusted_hosts or check request.host in "+
			"a before_request hook", why)
		f.Related = append(f.Related, fact.Related("Flask is pinned here")...)
	}
	f.Message = msg
	return f, true
}

// passesClientHost tells whether the location hands the app the Host the
// client sent: proxy_pass sends its own ($proxy_host) unless a
// proxy_set_header Host says otherwise; uwsgi, FastCGI and SCGI pass the
// request's headers on, unless a param sets HTTP_HOST.
func passesClientHost(l *NginxLocation) bool {
	if l.Pass == nil || l.Pass.Module == "grpc" {
		return true
	}
	name, own := "HTTP_HOST", false
	if l.Pass.Module == "proxy" {
		name, own = "host", true
	}
	for _, d := range l.Effective(l.Pass.HeaderDirective()).Dirs {
		if len(d.Args) >= 2 && strings.EqualFold(d.Args[0], name) {
			vars := nginxVars(d.Args[1])
			v, _ := clientControlledVar(d.Args[1])
			return containsString(vars, "host") || containsString(vars, "http_host") || v != ""
		}
	}
	return !own
}

// externalURLFor is the first url_for(..., _external=True) of the app's
// project: url_for builds with whatever app is current, so every call in
// the app's project (see projectKey), or in the whole tree or repository
// for an app at its top, counts.
func externalURLFor(p *Project, m *AppModel, app *App) *CallSite {
	ka := p.projectOf(app.File.Path)
	for _, u := range m.ExternalURLs {
		if ku := p.projectOf(u.File.Path); ku == ka || ka.top == "" && (ka.repo == "" || ka.repo == ku.repo) {
			return u
		}
	}
	return nil
}

// serverNameGuards tells whether the app sets a SERVER_NAME, which before
// Flask 3.1 made it refuse requests for other hosts.
func serverNameGuards(m *AppModel, app *App) bool {
	ev, state := m.ConfigAt(app, "SERVER_NAME", nil, nil)
	return state == ConfigSet && ev.Value.Kind == StrVal && ev.Value.Str != ""
}
