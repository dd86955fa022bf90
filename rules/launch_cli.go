package rules

import (
	"path"
	"strings"

	"github.com/flasklint/flasklint/parsers/compose"
)

// program is the base name of a launch's program, with "python -m X"
// read as X.
func program(words []string) (name string, args []string) {
	if len(words) == 0 {
		return "", nil
	}
	name, args = path.Base(words[0]), words[1:]
	if strings.HasPrefix(name, "python") {
		for i := 0; i < len(args); i++ {
			if args[i] == "-m" && i+1 < len(args) {
				return args[i+1], args[i+2:]
			}
			if !strings.HasPrefix(args[i], "-") {
				break
			}
		}
	}
	return name, args
}

// FlaskRun is a "flask run" found in a launch.
type FlaskRun struct {
	Debug string // "--debug" or "--debugger" if given
	Host  string // the --host value, "" if none
	Via   string // "flask run" or "python manage.py run"
}

// flaskRunOf reads "flask [--app X] [--debug] run [options]" and
// "python manage.py run ..." (a FlaskGroup script, when manageIsFlask).
func flaskRunOf(words []string, manageIsFlask func(string) bool) (FlaskRun, bool) {
	name, args := program(words)
	fr := FlaskRun{Via: "flask run"}
	switch {
	case name == "flask":
	case strings.HasPrefix(name, "python") && len(args) > 0 && path.Base(args[0]) == "manage.py" &&
		manageIsFlask != nil && manageIsFlask(args[0]):
		fr.Via, args = "python "+args[0]+" run", args[1:]
	default:
		return fr, false
	}
	run := -1
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "run" {
			run = i
			break
		}
		if a == "--debug" {
			fr.Debug = a // flask --debug run
		}
		if a == "--app" || a == "-A" || a == "-e" || a == "--env-file" {
			i++ // the value is no subcommand
		}
	}
	if run < 0 {
		return fr, false
	}
	opts := args[run+1:]
	for i := 0; i < len(opts); i++ {
		a := opts[i]
		switch {
		case a == "--debug" || a == "--debugger":
			fr.Debug = a
		case (a == "--host" || a == "-h") && i+1 < len(opts):
			fr.Host = opts[i+1]
			i++
		case strings.HasPrefix(a, "--host="):
			fr.Host = strings.TrimPrefix(a, "--host=")
		case strings.HasPrefix(a, "-h") && len(a) > 2 && !strings.HasPrefix(a, "--"):
			fr.Host = a[2:]
		}
	}
	return fr, true
}

// allInterfacesBind tells whether a bind address (host, host:port, :port,
// [::]:port) listens on every interface.
func allInterfacesBind(b string) bool {
	b = strings.Trim(b, `"'`)
	if strings.HasPrefix(b, "unix:") || strings.HasPrefix(b, "fd://") {
		return false
	}
	host := b
	if strings.HasPrefix(b, "[") {
		if end := strings.Index(b, "]"); end > 0 {
			host = b[1:end]
		}
	} else if i := strings.LastIndex(b, ":"); i >= 0 && strings.Count(b, ":") == 1 {
		host = b[:i]
	}
	switch host {
	case "", "0.0.0.0", "::", "::0", "*", "0":
		return true
	}
	return false
}

// Exposure is how a launch's container publishes its ports.
type Exposure int

// The exposures.
const (
	ExposureUnknown Exposure = iota // no compose service is known to run it
	ExposureAll                     // a port is published on all host interfaces
	ExposureLimited                 // only expose, loopback-published, or none
)

// exposureOf finds how the container of a launch publishes its ports, with
// the port line that decides it.
func (p *Project) exposureOf(l Launch) (Exposure, *Related) {
	exp, rel, _ := p.exposureDetail(l)
	return exp, rel
}

// exposureDetail is exposureOf with, when only a development file (a
// compose override, a service of a dev profile) publishes the port on all
// host interfaces, the reason for the message.
func (p *Project) exposureDetail(l Launch) (Exposure, *Related, string) {
	refs := p.launchServices(l)
	if len(refs) == 0 {
		return ExposureUnknown, nil, ""
	}
	var devRel *Related
	devWhy := ""
	for _, r := range refs {
		for _, port := range r.Service.Ports {
			if !publishedOnAll(port.Text) {
				continue
			}
			rel := &Related{Pos: lineAt(r.File.Path, port.Line),
				Message: "compose publishes the port on all host interfaces here"}
			dev, why := p.serviceDev(r.File, r.Service)
			if !dev || l.Level != 0 {
				return ExposureAll, rel, ""
			}
			if devRel == nil {
				devRel, devWhy = rel, why
			}
		}
	}
	if devRel != nil {
		return ExposureAll, devRel, devWhy
	}
	return ExposureLimited, nil, ""
}

// launchServices are the compose services a launch runs in: its own
// service, or those that build its Dockerfile's directory, each with the
// override services compose merges over it (or the base of an override).
func (p *Project) launchServices(l Launch) []composeRef {
	var refs []composeRef
	if l.Compose != nil {
		refs = append(refs, composeRef{l.ComposeFile, l.Compose})
	} else if l.Docker != nil {
		refs = append(refs, p.buildsOf(path.Dir(l.Docker.Path))...)
	}
	var out []composeRef
	for _, r := range refs {
		if r.File == nil {
			continue
		}
		out = append(out, r)
		if bf, bs := p.composeBase(r.File, r.Service); bs != nil {
			out = append(out, composeRef{bf, bs})
		}
		out = append(out, p.composeOverrides(r.File, r.Service)...)
	}
	return out
}

// buildDir is the build context of a compose service, taken from the base
// service for an override that does not repeat the build.
func (p *Project) buildDir(c *compose.File, svc *compose.Service) (string, bool) {
	if !svc.Build {
		if bf, bs := p.composeBase(c, svc); bs != nil && bs.Build {
			c, svc = bf, bs
		} else {
			return "", false
		}
	}
	return path.Join(path.Dir(c.Path), svc.Context), true
}

// publishedOnAll reads a compose port: "8000", "5000:5000", "0.0.0.0:80:80"
// publish on every host interface; "127.0.0.1:5000:5000" does not. A bare
// container port is published on an ephemeral host port, on all interfaces.
func publishedOnAll(spec string) bool {
	spec = strings.TrimSuffix(strings.TrimSuffix(spec, "/tcp"), "/udp")
	parts := strings.Split(spec, ":")
	if strings.HasPrefix(spec, "[") { // [::1]:5000:5000
		end := strings.Index(spec, "]")
		if end < 0 {
			return true
		}
		return allInterfacesBind("[" + spec[1:end] + "]:0")
	}
	if len(parts) >= 3 {
		return allInterfacesBind(parts[0] + ":0")
	}
	return true
}
