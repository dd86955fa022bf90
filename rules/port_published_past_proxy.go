package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/flasklint/flasklint/parsers/compose"
)

// PortPublishedPastProxy reports an app service that compose publishes on
// every host interface beside the nginx service meant to front it.
var PortPublishedPastProxy = &Rule{
	ID:        "FL207",
	Name:      "port-published-past-proxy",
	Title:     "compose publishes the app's port past the nginx that fronts it",
	Severity:  High,
	Precision: MediumPrec,
	Tags:      []string{"security", "exposure"},
	Needles:   DeployFiles,
	Doc: Doc{
		Why: "When a compose file runs nginx in front of the Flask app and also publishes the app's " +
			"own port on the host (`\"5000:5000\"`, which Docker binds on every host interface and " +
			"opens past the host firewall), clients can go around the proxy: its TLS, its limits, " +
			"its Host checks and the `X-Forwarded-*` headers the app may trust. The app service is " +
			"one whose command, entrypoint or Dockerfile runs Python, gunicorn, uWSGI, waitress or " +
			"`flask run`; the proxy is a service whose image, name or build directory says nginx.\n\n" +
			"Not reported: `127.0.0.1:5000:5000` (loopback only), `expose:` (reachable only on the " +
			"compose network), and app services in compose files with no nginx service.",
		Fix: "Drop the app's `ports:` and use `expose:` so that only nginx reaches it, or publish it " +
			"on loopback for local debugging: `\"127.0.0.1:5000:5000\"`.",
		Limitations: "A compose override (`compose.override.yaml`, `docker-compose.override.yml`) is " +
			"merged over the base file of its directory: a port it publishes for an app service of " +
			"the base file is reported as a warning, the override being for local work. Other sets " +
			"of files passed with `-f` are judged file by file. A proxy other than nginx (traefik, " +
			"caddy) is not recognised.",
	},
	Check: checkPortPublishedPastProxy,
}

func checkPortPublishedPastProxy(p *Pass) error {
	pr := p.Project
	for _, c := range pr.Compose {
		proxyFile, proxy := pr.proxyService(c)
		if proxy == nil {
			continue
		}
		for _, svc := range c.Services {
			if svc.Name == proxy.Name || !pr.runsMergedApp(c, svc) {
				continue
			}
			for _, port := range svc.Ports {
				if !publishedOnAll(port.Text) {
					continue
				}
				msg := fmt.Sprintf("service %s publishes %s on all host interfaces, past the nginx service %s "+
					"that fronts it: clients reach the app directly", svc.Name, port.Text, proxy.Name)
				sev := p.Rule.Severity
				if dev, why := pr.serviceDev(c, svc); dev && isOverride(c.Path) {
					sev, msg = Medium, msg+" ("+why+")"
				}
				p.Report(Finding{
					Severity: sev,
					Pos:      lineAt(c.Path, port.Line),
					Message:  msg,
					Related:  []Related{{Pos: lineAt(proxyFile.Path, proxy.Line), Message: "the nginx service"}},
				})
			}
		}
	}
	return nil
}

// proxyService finds the nginx service of a compose file, or for an
// override, of the base file it is merged over.
func (p *Project) proxyService(c *compose.File) (*compose.File, *compose.Service) {
	files := []*compose.File{c}
	if isOverride(c.Path) {
		for _, svc := range c.Services {
			if bf, _ := p.composeBase(c, svc); bf != nil {
				files = append(files, bf)
				break
			}
		}
	}
	for _, f := range files {
		for _, svc := range f.Services {
			if p.isNginxService(f, svc) {
				return f, svc
			}
		}
	}
	return nil, nil
}

// runsMergedApp is runsApp for a service, or for the base service an
// override service is merged over.
func (p *Project) runsMergedApp(c *compose.File, svc *compose.Service) bool {
	if p.runsApp(c, svc) {
		return true
	}
	bf, bs := p.composeBase(c, svc)
	return bs != nil && p.runsApp(bf, bs)
}

func (p *Project) isNginxService(c *compose.File, svc *compose.Service) bool {
	if strings.Contains(strings.ToLower(svc.Image), "nginx") || strings.Contains(strings.ToLower(svc.Name), "nginx") {
		return true
	}
	if !svc.Build {
		return false
	}
	dir := path.Join(path.Dir(c.Path), svc.Context)
	if strings.Contains(strings.ToLower(path.Base(dir)), "nginx") {
		return true
	}
	for _, d := range p.byDir().dockerByDir[dir] { // a build whose Dockerfile starts FROM nginx
		for _, in := range d.Instructions {
			if in.Cmd == "FROM" && len(in.Args) > 0 && strings.Contains(strings.ToLower(in.Args[0]), "nginx") {
				return true
			}
		}
	}
	return false
}

// runsApp tells whether a compose service runs a Python web app.
func (p *Project) runsApp(c *compose.File, svc *compose.Service) bool {
	d := &p.derived
	d.runsOnce.Do(func() {
		d.appServices, d.appDirs = map[*compose.Service]bool{}, map[string]bool{}
		for _, l := range p.Launches() {
			if !launchRunsApp(l) {
				continue
			}
			switch {
			case l.Compose != nil:
				d.appServices[l.Compose] = true
			case l.Docker != nil:
				d.appDirs[path.Dir(l.Docker.Path)] = true
			}
		}
	})
	return d.appServices[svc] || svc.Build && d.appDirs[path.Join(path.Dir(c.Path), svc.Context)]
}

// launchRunsApp tells whether a launch starts a Python web app.
func launchRunsApp(l Launch) bool {
	name, _ := program(l.Words)
	switch {
	case name == "flask" || name == "gunicorn" || name == "uwsgi" || name == "waitress-serve" ||
		strings.HasPrefix(name, "python") || strings.HasSuffix(name, ".py") || name == "flask.app":
		return true
	}
	_, ok := scriptOf(l.Words)
	return ok
}
