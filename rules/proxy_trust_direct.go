package rules

import (
	"fmt"
	"path"
	"strings"
)

// ProxyTrustDirect reports forwarded-header trust (ProxyFix, gunicorn
// forwarded_allow_ips="*") on an app that clients also reach without the
// proxy.
var ProxyTrustDirect = &Rule{
	ID:        "FL408",
	Name:      "proxy-trust-reachable-directly",
	Title:     "the app trusts forwarded headers but clients reach it without the proxy",
	Severity:  High,
	Precision: MediumPrec,
	Needles:   AppNeedles,
	Tags:      []string{"security", "proxy", "exposure"},
	Doc: Doc{
		Why: "`ProxyFix` and gunicorn's `forwarded_allow_ips = \"*\"` make the app believe the " +
			"`X-Forwarded-*` headers of whoever connects, on the promise that only the proxy " +
			"connects. When the app's own port is also open to clients, that promise does not " +
			"hold: a client that goes around nginx writes the headers itself and chooses " +
			"`request.remote_addr` (allowlists, rate limits, logs), the scheme " +
			"(`request.is_secure`, secure cookies, redirects) and, with `x_host`, the host of " +
			"absolute URLs. The app is reachable directly when compose publishes its container " +
			"port on every host interface (`\"5000:5000\"`), or when a launch outside any " +
			"container binds it on all interfaces (`gunicorn -b 0.0.0.0:8000` in a systemd unit). " +
			"`forwarded_allow_ips` is read from gunicorn configuration modules, " +
			"`--forwarded-allow-ips` and `FORWARDED_ALLOW_IPS`.",
		Fix: "Close the direct path: publish the app's port on loopback only " +
			"(`\"127.0.0.1:5000:5000\"`) or not at all (`expose:`), or bind the app to " +
			"`127.0.0.1` or a unix socket behind nginx. Then keep the ProxyFix counts at the " +
			"number of proxies, and list the proxy's address in `forwarded_allow_ips`.",
		Limitations: "A host firewall or a cloud security group that closes the port is not " +
			"known. A Procfile launch binds all interfaces on a platform whose router is the " +
			"only way in, and is not reported. Binds are matched with apps by the module the " +
			"launch names or by place in the tree.",
	},
	Check: checkProxyTrustDirect,
}

func checkProxyTrustDirect(p *Pass) error {
	link := p.Project.DeployLink()
	for _, pf := range p.Project.AppModel().ProxyFixes {
		var trusted []string
		for _, c := range pf.Counts {
			if c.Value.Kind == IntVal && c.Value.Int > 0 {
				trusted = append(trusted, fmt.Sprintf("%s=%d", c.Header, c.Value.Int))
			}
		}
		if len(trusted) == 0 {
			continue
		}
		file := appFileOf(p.Project, pf)
		dp, ok := link.Direct(file)
		if !ok {
			continue
		}
		f := Finding{
			Pos: nodePos(pf.File, pf.Call),
			Message: fmt.Sprintf("ProxyFix trusts X-Forwarded-* (%s), but clients reach the app without the "+
				"proxy: %s; a client that %s writes those headers itself and chooses its address, scheme "+
				"and host", strings.Join(trusted, ", "), dp.Why, aroundProxy(link, file)),
			Related: directRelated(link, file, dp),
		}
		p.Report(f)
	}
	for _, t := range forwardedAllowAll(p.Project) {
		for _, file := range t.apps {
			dp, ok := link.Direct(file)
			if !ok {
				continue
			}
			p.Report(Finding{
				Pos: t.pos,
				Message: fmt.Sprintf("%s makes gunicorn trust X-Forwarded-Proto and the other secure-scheme "+
					"headers from any address, but clients reach the app without the proxy: %s; a client that "+
					"%s claims https itself; list the proxy's address instead of *", t.what, dp.Why,
					aroundProxy(link, file)),
				Related: directRelated(link, file, dp),
			})
			break
		}
	}
	return nil
}

// directRelated points at the line that opens the app, its bind and the
// nginx locations that were meant to be the only way in.
func directRelated(link *DeployLink, file string, dp DirectPath) []Related {
	rel := []Related{dp.Open}
	if dp.Open.Pos != dp.Bind.Pos {
		rel = append(rel, Related{Pos: dp.Bind.Pos, Message: "the app listens here: " + dp.Bind.What})
	}
	for _, l := range link.Fronting(file) {
		rel = append(rel, Related{Pos: nginxPos(l.Loc.Pass.Dir), Message: "the proxy that was meant to be the " +
			"only way in"})
		break
	}
	return rel
}

// allowAll is a forwarded_allow_ips="*" setting and the apps it covers.
type allowAll struct {
	pos  Pos
	what string
	apps []string
}

// forwardedAllowAll finds forwarded_allow_ips = "*" in gunicorn
// configuration modules, --forwarded-allow-ips on gunicorn command lines,
// and FORWARDED_ALLOW_IPS in the environment of a gunicorn launch.
func forwardedAllowAll(p *Project) []allowAll {
	m := p.AppModel()
	var out []allowAll
	for _, f := range p.Python {
		if !isGunicornConfig(f.Path) {
			continue
		}
		stmt, v, ok := m.Resolver.ModuleBinding(f, "forwarded_allow_ips")
		if !ok || !allowsAll(v) {
			continue
		}
		out = append(out, allowAll{pos: nodePos(f, stmt), what: `forwarded_allow_ips = "*" in ` + f.Path,
			apps: appsNear(p, path.Dir(f.Path))})
	}
	byPath := p.pythonPaths()
	settings := p.EnvSettings()
	for _, l := range p.Launches() {
		name, args := program(l.Words)
		if name != "gunicorn" {
			continue
		}
		apps := appFilesForLaunch(p, byPath, l, appModuleArg(args))
		env := launchEnv(p, settings, l, servicesOf(p, l))
		for _, v := range flagValues(args, "--forwarded-allow-ips", "--forwarded-allow-ips") {
			if strings.Trim(v, `"' `) == "*" {
				out = append(out, allowAll{pos: l.Pos, what: "--forwarded-allow-ips=* in the " + l.Where, apps: apps})
			}
		}
		for _, v := range flagValues(strings.Fields(env["GUNICORN_CMD_ARGS"]), "--forwarded-allow-ips",
			"--forwarded-allow-ips") {
			if strings.Trim(v, `"' `) == "*" {
				out = append(out, allowAll{pos: envPos(p, l, "GUNICORN_CMD_ARGS"),
					what: "--forwarded-allow-ips=* in GUNICORN_CMD_ARGS for the " + l.Where, apps: apps})
			}
		}
		if strings.Trim(env["FORWARDED_ALLOW_IPS"], `"' `) == "*" {
			out = append(out, allowAll{pos: envPos(p, l, "FORWARDED_ALLOW_IPS"),
				what: "FORWARDED_ALLOW_IPS=* for the " + l.Where, apps: apps})
		}
	}
	return out
}

// envPos is where a variable is set for a launch: the setting of its
// container, else the launch.
func envPos(p *Project, l Launch, key string) Pos {
	if _, ok := l.Env[key]; ok {
		return l.Pos
	}
	settings := p.EnvSettings()
	for _, i := range p.settingsOf(l, servicesOf(p, l)) {
		if s := settings[i]; s.Key == key {
			return s.Pos
		}
	}
	return l.Pos
}

// allowsAll tells whether a forwarded_allow_ips value is "*" or a list
// holding it.
func allowsAll(v Value) bool {
	ss, ok := v.Strings()
	if !ok {
		return false
	}
	for _, s := range ss {
		for _, part := range strings.Split(s.Str, ",") {
			if strings.TrimSpace(part) == "*" && !s.Partial {
				return true
			}
		}
	}
	return false
}

// aroundProxy says how a client reaches the app: past the nginx of the
// tree, or directly when the tree has none in front of it.
func aroundProxy(link *DeployLink, file string) string {
	if len(link.Fronting(file)) > 0 {
		return "goes around nginx"
	}
	return "connects directly (no proxy of the tree fronts the app)"
}
