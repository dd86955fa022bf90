package rules

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/flasklint/flasklint/parsers/dockerfile"
)

// collectBinds lists the addresses the launches of the tree make apps
// listen on: gunicorn, uWSGI, waitress and flask run command lines,
// app.run in a module a launch runs, gunicorn configuration modules and
// uWSGI .ini files.
func collectBinds(p *Project) []*AppBind {
	m := p.AppModel()
	byPath := p.pythonPaths()
	var out []*AppBind
	settings := p.EnvSettings()
	for _, l := range p.Launches() {
		services := servicesOf(p, l)
		env := launchEnv(p, settings, l, services)
		addrs, what, module := launchAddrs(p, l, env)
		if len(addrs) == 0 {
			continue
		}
		base := appFilesForLaunch(p, byPath, l, module)
		container := l.Docker != nil || l.Compose != nil
		if l.Where == "script" && !container {
			if d := dockerfileRunning(p, l.Pos.File); d != nil {
				l.Docker, container = d, true
				services = servicesOf(p, l)
			}
		}
		exp, at := p.exposureOf(l)
		for _, a := range addrs {
			b := &AppBind{
				Pos:       l.Pos,
				What:      fmt.Sprintf("%s %s in the %s", what, a.text, l.Where),
				Host:      a.host,
				Port:      a.port,
				Unix:      a.unix,
				Services:  services,
				Container: container,
				Platform:  strings.HasPrefix(l.Where, "Procfile"),
				AppFiles:  base,
				Exposure:  exp,
				ExposedAt: at,
			}
			if a.pos != nil {
				b.Pos = *a.pos
			}
			out = append(out, b)
		}
	}
	out = append(out, configBinds(p, m)...)
	return out
}

// bindAddr is one parsed bind address.
type bindAddr struct {
	text, host, port, unix string
	pos                    *Pos // where it is written, when not the launch line
}

// parseBind reads "host:port", ":port", "[::1]:port", "port" (flask/uwsgi
// style with only digits is a port) and "unix:path".
func parseBind(s string) bindAddr {
	s = strings.Trim(s, `"'`)
	a := bindAddr{text: s}
	if p, ok := strings.CutPrefix(s, "unix:"); ok {
		a.unix = p
		return a
	}
	if strings.HasPrefix(s, "/") || strings.HasSuffix(s, ".sock") { // uWSGI socket = /run/app.sock
		a.unix = s
		return a
	}
	s = strings.TrimPrefix(s, "tcp://")
	if isAllDigits(s) {
		a.host, a.port = "127.0.0.1", s
		return a
	}
	a.host, a.port = splitHostPort(s)
	a.host = strings.Trim(a.host, "[]")
	return a
}

// launchAddrs reads the binds of one launch, what runs them and the
// module it serves ("wsgi" for "gunicorn wsgi:app"), "" when none is named.
func launchAddrs(p *Project, l Launch, env map[string]string) (addrs []bindAddr, what, module string) {
	name, args := program(l.Words)
	switch {
	case name == "gunicorn":
		binds := flagValues(args, "-b", "--bind")
		binds = append(binds, flagValues(strings.Fields(env["GUNICORN_CMD_ARGS"]), "-b", "--bind")...)
		if len(binds) == 0 && len(flagValues(args, "-c", "--config")) == 0 {
			switch {
			case env["PORT"] != "":
				binds = []string{"0.0.0.0:" + env["PORT"]}
			case strings.HasPrefix(l.Where, "Procfile"):
				binds = []string{"0.0.0.0:$PORT"}
			default:
				binds = []string{"127.0.0.1:8000"}
			}
		}
		for _, b := range binds {
			addrs = append(addrs, parseBind(b))
		}
		return addrs, "gunicorn", appModuleArg(args)
	case name == "uwsgi":
		for _, b := range flagValues(args, "--http", "--http-socket") {
			addrs = append(addrs, parseBind(b))
		}
		for _, b := range append(flagValues(args, "-s", "--socket"), flagValues(args, "--uwsgi-socket", "--uwsgi")...) {
			addrs = append(addrs, parseBind(b))
		}
		mod := ""
		if v := flagValues(args, "-w", "--module"); len(v) > 0 {
			mod, _, _ = strings.Cut(v[0], ":")
		}
		return addrs, "uwsgi", mod
	case name == "waitress-serve":
		if v := flagValues(args, "--listen", "--listen"); len(v) > 0 {
			for _, b := range v {
				addrs = append(addrs, parseBind(b))
			}
		} else {
			host, port := "0.0.0.0", "8080"
			if v := flagValues(args, "--host", "--host"); len(v) > 0 {
				host = v[0]
			}
			if v := flagValues(args, "--port", "--port"); len(v) > 0 {
				port = v[0]
			}
			addrs = append(addrs, bindAddr{text: host + ":" + port, host: host, port: port})
		}
		return addrs, "waitress", appModuleArg(args)
	}
	if fr, ok := flaskRunOf(append([]string{}, l.Words...), p.manageIsFlask); ok {
		host, port := fr.Host, flagValues(flaskRunArgs(l.Words), "-p", "--port")
		if host == "" {
			host = env["FLASK_RUN_HOST"]
		}
		if host == "" {
			host = "127.0.0.1"
		}
		pt := env["FLASK_RUN_PORT"]
		if len(port) > 0 {
			pt = port[0]
		}
		if pt == "" {
			pt = "5000"
		}
		return []bindAddr{{text: host + ":" + pt, host: host, port: pt}}, fr.Via, ""
	}
	return runCallBinds(p, l), "app.run", ""
}

// flaskRunArgs are the words after "run".
func flaskRunArgs(words []string) []string {
	for i, w := range words {
		if w == "run" {
			return words[i+1:]
		}
	}
	return nil
}

// appModuleArg is the module of the first "module:app" argument.
func appModuleArg(args []string) string {
	for i := len(args) - 1; i >= 0; i-- {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			continue
		}
		if mod, _, ok := strings.Cut(a, ":"); ok && mod != "" && !strings.ContainsAny(mod, "/$") {
			return mod
		}
	}
	return ""
}

// runCallBinds are the app.run binds of the module a launch runs as a
// program.
func runCallBinds(p *Project, l Launch) []bindAddr {
	target, ok := scriptOf(l.Words)
	if !ok {
		return nil
	}
	byPath := p.pythonPaths()
	file := ""
	for _, base := range launchDirs(p, l) {
		if file = findScript(p, byPath, base, target); file != "" {
			break
		}
	}
	m := p.AppModel()
	var out []bindAddr
	for _, r := range m.Runs {
		if r.File.Path != file || r.Simple {
			continue
		}
		host, port := "127.0.0.1", "5000"
		if r.Host != nil {
			v := m.Resolver.Resolve(r.File, r.Host)
			if v.Kind != StrVal || v.Partial {
				continue
			}
			host = v.Str
		}
		if r.Port != nil {
			v := m.Resolver.Resolve(r.File, r.Port)
			switch {
			case v.Kind == IntVal:
				port = strconv.FormatInt(v.Int, 10)
			case v.Kind == StrVal && !v.Partial:
				port = v.Str
			default:
				port = ""
			}
		}
		pos := nodePos(r.File, r.Call)
		out = append(out, bindAddr{text: host + ":" + port, host: host, port: port, pos: &pos})
	}
	return out
}

// configBinds reads gunicorn configuration modules and uWSGI .ini files.
func configBinds(p *Project, m *AppModel) []*AppBind {
	var out []*AppBind
	for _, f := range p.Python {
		if !isGunicornConfig(f.Path) {
			continue
		}
		stmt, v, ok := m.Resolver.ModuleBinding(f, "bind")
		if !ok {
			continue
		}
		addrs, ok := v.Strings()
		if !ok {
			continue
		}
		for _, a := range addrs {
			if a.Partial {
				continue
			}
			out = append(out, fileBind(p, nodePos(f, stmt), "gunicorn bind", parseBind(a.Str)))
		}
	}
	for _, u := range p.Units {
		for _, b := range u.Binds {
			out = append(out, fileBind(p, lineAt(u.Path, b.Line), "uwsgi "+b.Key+" =", parseBind(b.Text)))
		}
	}
	return out
}

// fileBind is a bind read from a configuration file: it serves the apps
// near the file, and runs in the container built from its directory or
// one above, if any.
func fileBind(p *Project, pos Pos, what string, a bindAddr) *AppBind {
	b := &AppBind{Pos: pos, What: what + " " + a.text, Host: a.host, Port: a.port, Unix: a.unix}
	b.AppFiles = appsNear(p, path.Dir(pos.File))
	if d := p.firstDockerfileAbove(pos.File); d != nil {
		l := Launch{Pos: pos, Docker: d}
		b.Container = true
		b.Services = servicesOf(p, l)
		b.Exposure, b.ExposedAt = p.exposureOf(l)
	}
	return b
}

// servicesOf finds the compose services a launch runs in.
func servicesOf(p *Project, l Launch) []ServiceRef {
	if l.Compose != nil && l.ComposeFile != nil {
		return []ServiceRef{{File: l.ComposeFile, Svc: l.Compose}}
	}
	if l.Docker == nil {
		return nil
	}
	return slices.Clone(p.composeIndex().builtIn[path.Dir(l.Docker.Path)])
}

// launchEnv is the environment a launch sees: its own assignments over
// those of its container (Dockerfile ENV, compose environment).
func launchEnv(p *Project, settings []EnvSetting, l Launch, services []ServiceRef) map[string]string {
	env := map[string]string{}
	for _, i := range p.settingsOf(l, services) {
		env[settings[i].Key] = settings[i].Value
	}
	for k, v := range l.Env {
		env[k] = v
	}
	return env
}

// appFilesForLaunch finds the files of the apps a launch serves: those of
// the module it names, else those under its build context or directory,
// else the nearest ones in the tree.
func appFilesForLaunch(p *Project, byPath map[string]bool, l Launch, module string) []string {
	var dirs []string // the launch's directories, then the ones above them
	for _, d := range launchDirs(p, l) {
		for ; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			dirs = appendNew(dirs, d)
		}
	}
	dirs = append(dirs, ".")
	if module != "" {
		target := strings.ReplaceAll(module, ".", "/")
		for _, base := range dirs {
			if f := findScript(p, byPath, base, target); f != "" {
				if _, ok := slices.BinarySearch(appFiles(p), f); ok {
					return []string{f}
				}
				return appsNear(p, path.Dir(f))
			}
		}
	}
	return appsNear(p, dirs[0])
}

// appsNear are the app files under dir, else those sharing the deepest
// directory with it (none when that is only the top of a tree of several
// projects).
func appsNear(p *Project, dir string) []string {
	if files := appsUnder(p, dir); len(files) > 0 {
		return files
	}
	best, tops := -1, map[projectKey]bool{}
	var out []string
	for _, f := range appFiles(p) {
		if !p.sameRepo(dir, f) {
			continue
		}
		tops[p.projectOf(f)] = true
		d := p.dirDepth(dir, path.Dir(f))
		switch {
		case d > best:
			best, out = d, []string{f}
		case d == best:
			out = append(out, f)
		}
	}
	if best == 0 && len(tops) > 1 {
		return nil
	}
	return out
}

// appsUnder are the app files under dir ("." for all), in order.
func appsUnder(p *Project, dir string) []string {
	files := appFiles(p)
	if dir == "." {
		return slices.Clone(files)
	}
	prefix := dir + "/"
	i, _ := slices.BinarySearch(files, prefix)
	j := i
	for j < len(files) && strings.HasPrefix(files[j], prefix) {
		j++
	}
	if i == j {
		return nil
	}
	return slices.Clone(files[i:j])
}

// dockerfileRunning finds the Dockerfile whose ENTRYPOINT or CMD runs a
// script of the tree, by the script's name.
func dockerfileRunning(p *Project, script string) *dockerfile.File {
	base := path.Base(script)
	for _, d := range p.Dockerfiles {
		for _, in := range d.Instructions {
			if in.Cmd != "ENTRYPOINT" && in.Cmd != "CMD" {
				continue
			}
			for _, a := range in.Args {
				for _, w := range strings.Fields(a) {
					if path.Base(w) == base {
						return d
					}
				}
			}
		}
	}
	return nil
}
