package rules

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/flasklint/flasklint/parsers/compose"
	"github.com/flasklint/flasklint/parsers/nginx"
)

// LinkState says how a proxying nginx location was linked to what it
// forwards to.
type LinkState int

// The link states.
const (
	// LinkUnknown: the target is a plain address, but the tree has no
	// launch to compare it with; the location is linked to the apps near
	// it in the tree.
	LinkUnknown LinkState = iota
	// LinkAddress: the target matches the bind of a launch of the tree.
	LinkAddress
	// LinkOpaque: the target is a variable or a placeholder filled at run
	// time; the location is linked to the apps near it in the tree.
	LinkOpaque
	// LinkNotApp: the target is a compose service or an address that runs
	// no Flask app of the tree (another backend, a port no launch binds).
	LinkNotApp
)

// AppBind is one address a launch of the tree makes an app listen on.
type AppBind struct {
	Pos  Pos
	What string // "gunicorn -b localhost:8000 in the supervisor program:web"
	Host string // as written; "" means all interfaces
	Port string // "" when not known
	Unix string // the socket path of a unix socket bind
	// Services are the compose services the bind runs in.
	Services []ServiceRef
	// Container is set when the bind runs in a container (a Dockerfile or
	// compose launch), Platform for a Procfile entry.
	Container, Platform bool
	// AppFiles are the files defining the Flask apps it serves.
	AppFiles []string
	// Exposure is how compose publishes the container's ports, with the
	// deciding ports line.
	Exposure  Exposure
	ExposedAt *Related
}

// ServiceRef is a compose service with its file.
type ServiceRef struct {
	File *compose.File
	Svc  *compose.Service
}

// passTarget is one address a pass directive forwards to; an upstream
// gives one per server entry.
type passTarget struct {
	Host, Port, Unix string
	Opaque           bool
	At               *nginx.Directive
}

func (t passTarget) String() string {
	switch {
	case t.Unix != "":
		return "unix:" + t.Unix
	case t.Port != "":
		return t.Host + ":" + t.Port
	}
	return t.Host
}

// LocationLink is what one proxying nginx location forwards to.
type LocationLink struct {
	Loc   *NginxLocation
	State LinkState
	// Binds are the launch binds its target matches (LinkAddress), through
	// any nginx in between.
	Binds []*AppBind
	// AppFiles are the files of the Flask apps it fronts.
	AppFiles []string
	// Next are the locations of another nginx that this one forwards to;
	// Prev those that forward to this one.
	Next, Prev []*LocationLink
	Target     string // the target that decided the state, for messages
	// Via are the upstream server lines that matched a bind.
	Via []*nginx.Directive
	// NotApp names what the target is instead of an app, for LinkNotApp.
	NotApp string
	done   bool
	// hops counts the proxies on the longest path that ends here, outer is
	// the first location of that path, hopsResolved whether every location
	// on it was linked by address.
	hops         int
	outer        *LocationLink
	hopsResolved bool
}

// Resolved tells whether the location's target was matched with the
// tree's launches, one way or the other.
func (l *LocationLink) Resolved() bool { return l.State == LinkAddress || l.State == LinkNotApp }

// Fronts tells whether the location forwards to the app defined in file.
func (l *LocationLink) Fronts(file string) bool { return containsString(l.AppFiles, file) }

// DeployLink links the tree's nginx locations with the launches of its
// apps by address: proxy_pass targets, upstream servers, unix sockets and
// compose service names against gunicorn, uWSGI, flask run, app.run and
// waitress binds. It is built once per run.
type DeployLink struct {
	project *Project
	// multi is set for a tree of several projects (Flask apps in more than
	// one, see projectKey), split for a repository whose own apps are in
	// more than one: plain addresses then only link files of the same
	// project.
	multi bool
	split map[string]bool
	Binds []*AppBind
	Links []*LocationLink // one per location that passes requests on, in config order
	byLoc map[*NginxLocation]*LocationLink
	// bindsByName, bindsByPort and unixBinds index the places in Binds of
	// the binds a pass target may match (see matches): by compose service
	// name and port ("web:8000", "web:*"), by port (a container's by the
	// ports it publishes), and those on a unix socket. Matching every target against every bind would
	// take time that grows with the square of the tree.
	bindsByName, bindsByPort map[string][]int
	unixBinds                []int
	// composeByDir lists the compose files of each directory that define
	// each service name (key dir + "\x00" + name); composeByName those
	// anywhere.
	composeByDir, composeByName map[string][]*compose.File
	// byPort lists the servers with a listen directive on each port, in
	// config order, built on first use.
	byPort map[string][]*NginxServer
	// fronting lists the proxying links in front of each app file, in
	// config order.
	fronting map[string][]*LocationLink
}

// DeployLink returns the link between nginx and the apps, built on first use.
func (p *Project) DeployLink() *DeployLink {
	p.linkOnce.Do(func() { p.deployLink = buildDeployLink(p) })
	return p.deployLink
}

// Of returns the link of a location that passes requests on, nil for any
// other location.
func (d *DeployLink) Of(l *NginxLocation) *LocationLink { return d.byLoc[l] }

// Fronting returns the links of the proxying (proxy_pass, uwsgi_pass)
// locations in front of the app defined in file.
func (d *DeployLink) Fronting(file string) []*LocationLink { return slices.Clip(d.fronting[file]) }

// Hops is the most proxies that sit in front of the app defined in file
// on one path (nginx -> app is 1, nginx -> nginx -> app is 2), with the
// outermost location of that path and whether every location on it was
// linked by address.
func (d *DeployLink) Hops(file string) (hops int, outer *LocationLink, resolved bool) {
	for _, l := range d.Fronting(file) {
		if l.hops > hops || l.hops == hops && l.hopsResolved && !resolved {
			hops, outer, resolved = l.hops, l.outer, l.hopsResolved
		}
	}
	return hops, outer, resolved
}

// countHops fills each link's hops: the proxies on the longest path that
// ends at it, through the locations in front of it. A location met again
// on its own path (nginx forwarding in a circle) ends the path there.
func (d *DeployLink) countHops() {
	const busy, done = 1, 2
	state := map[*LocationLink]int{}
	var visit func(l *LocationLink)
	visit = func(l *LocationLink) {
		if state[l] != 0 {
			return
		}
		state[l] = busy
		l.hops, l.outer, l.hopsResolved = 1, l, l.State == LinkAddress
		for _, p := range l.Prev {
			visit(p)
			if state[p] == done && p.hops+1 > l.hops {
				l.hops, l.outer, l.hopsResolved = p.hops+1, p.outer, p.hopsResolved && l.State == LinkAddress
			}
		}
		state[l] = done
	}
	for _, l := range d.Links {
		visit(l)
	}
}

// DirectPath is how clients reach an app without a proxy.
type DirectPath struct {
	Bind *AppBind
	Open Related // the line that opens the app: a compose ports line, or the bind
	Why  string  // for messages
}

// Direct returns a bind by which clients reach the app defined in file
// without a proxy: its container port published on every host interface,
// or a bind on all interfaces outside any container or platform.
func (d *DeployLink) Direct(file string) (DirectPath, bool) {
	for _, b := range d.Binds {
		if !containsString(b.AppFiles, file) {
			continue
		}
		switch {
		case b.Container && b.Exposure == ExposureAll && b.ExposedAt != nil:
			at := b.ExposedAt.Pos
			return DirectPath{Bind: b, Open: *b.ExposedAt, Why: fmt.Sprintf("compose publishes its port on all "+
				"host interfaces (%s:%d) for %s", at.File, at.StartLine, b.What)}, true
		case !b.Container && !b.Platform && b.Unix == "" && allInterfacesBind(b.Host+":0"):
			return DirectPath{Bind: b, Open: Related{Pos: b.Pos, Message: "the app listens on all interfaces here"},
				Why: fmt.Sprintf("%s (%s:%d) listens on all interfaces, outside any container", b.What, b.Pos.File,
					b.Pos.StartLine)}, true
		}
	}
	return DirectPath{}, false
}

// Related returns the related locations of a link: the upstream server
// lines that matched, the binds and the compose services that run them.
func (l *LocationLink) Related() []Related {
	var rel []Related
	for _, v := range l.Via {
		rel = append(rel, Related{Pos: nginxPos(v), Message: "the upstream server that reaches the app"})
	}
	seen := map[Pos]bool{}
	for _, b := range l.Binds {
		if seen[b.Pos] {
			continue
		}
		seen[b.Pos] = true
		rel = append(rel, Related{Pos: b.Pos, Message: "the app listens here: " + b.What})
		for _, s := range b.Services {
			if at := lineAt(s.File.Path, s.Svc.Line); !seen[at] && at.File != b.Pos.File {
				seen[at] = true
				rel = append(rel, Related{Pos: at, Message: "the compose service " + s.Svc.Name + " runs the app"})
			}
		}
	}
	return rel
}

func buildDeployLink(p *Project) *DeployLink {
	d := &DeployLink{project: p, byLoc: map[*NginxLocation]*LocationLink{}}
	tops := map[projectKey]bool{}
	for _, f := range appFiles(p) {
		if NonProductionKind(f) == "" {
			tops[p.projectOf(f)] = true
		}
	}
	d.multi = len(tops) > 1
	d.split = map[string]bool{}
	perRepo := map[string]int{}
	for k := range tops {
		perRepo[k.repo]++
		d.split[k.repo] = perRepo[k.repo] > 1
	}
	d.Binds = collectBinds(p)
	d.indexBinds()
	d.indexCompose(p)
	nm := p.NginxModel()
	for _, loc := range nm.Locations {
		if loc.Pass == nil {
			continue
		}
		if loc.IsIf && loc.Parent != nil && loc.Parent.Pass == loc.Pass {
			continue // an if that inherits its location's pass: linked below
		}
		l := &LocationLink{Loc: loc}
		d.Links = append(d.Links, l)
		d.byLoc[loc] = l
	}
	for _, loc := range nm.Locations {
		if loc.Pass != nil && d.byLoc[loc] == nil {
			parent := loc.Parent
			for parent != nil && d.byLoc[parent] == nil {
				parent = parent.Parent
			}
			if parent != nil {
				d.byLoc[loc] = d.byLoc[parent]
			}
		}
	}
	for _, l := range d.Links {
		d.linkTargets(p, nm, l)
	}
	for _, l := range d.Links {
		d.resolveProxies(l, map[*LocationLink]bool{})
	}
	d.placeFallback(p)
	d.countHops()
	d.fronting = map[string][]*LocationLink{}
	for _, l := range d.Links {
		if l.Loc.Pass != nil && (l.Loc.Pass.Module == "proxy" || l.Loc.Pass.Module == "uwsgi") {
			for _, f := range l.AppFiles {
				if fs := d.fronting[f]; len(fs) == 0 || fs[len(fs)-1] != l {
					d.fronting[f] = append(fs, l)
				}
			}
		}
	}
	return d
}

// linkTargets matches a location's targets with the binds, compose
// services and nginx servers of the tree.
func (d *DeployLink) linkTargets(p *Project, nm *NginxModel, l *LocationLink) {
	file := l.Loc.Dir.File
	var opaque, notApp, plain string
	for _, t := range passTargets(l.Loc) {
		if t.Opaque {
			opaque = t.String()
			continue
		}
		matched := false
		nearest := d.nearestCompose(file, t.Host)
		for _, sc := range d.composeScopes(file, nearest) {
			for _, b := range d.candidates(t, sc.within) {
				if b.matches(t, file, d.near(file, b.Pos.File), sc.has) {
					l.Binds, matched = append(l.Binds, b), true
				}
			}
			if matched {
				break
			}
		}
		if matched {
			l.Target = t.String()
			if t.At != nil && t.At != l.Loc.Pass.Dir {
				l.Via = append(l.Via, t.At)
			}
			continue
		}
		if svc, ok := d.serviceNamed(file, t.Host, nearest); ok {
			if p.isNginxService(svc.File, svc.Svc) {
				l.Next = append(l.Next, d.serviceLocations(p, svc, l)...)
			} else if b := d.serviceBind(p, svc); b != nil {
				l.Binds, l.Target = append(l.Binds, b), t.String()
			} else if notApp == "" {
				plain = t.String()
				notApp = fmt.Sprintf("compose service %s (%s:%d), which runs no Flask app of the tree",
					svc.Svc.Name, svc.File.Path, svc.Svc.Line)
				if p.runsApp(svc.File, svc.Svc) {
					notApp = fmt.Sprintf("compose service %s, whose app listens on another port", svc.Svc.Name)
				}
			}
			continue
		}
		if next := d.listeningLocations(nm, t, l); len(next) > 0 {
			l.Next = append(l.Next, next...)
			continue
		}
		plain = t.String()
	}
	switch {
	case len(l.Binds) > 0:
		l.State = LinkAddress
		for _, b := range l.Binds {
			l.AppFiles = appendNew(l.AppFiles, b.AppFiles...)
		}
	case len(l.Next) > 0:
		l.State = LinkAddress // decided by the nginx it forwards to
	case opaque != "":
		l.State, l.Target = LinkOpaque, opaque
	case notApp != "":
		l.State, l.NotApp, l.Target = LinkNotApp, notApp, plain
	case plain != "" && d.hasKnownBinds(file):
		l.State, l.Target = LinkNotApp, plain
		l.NotApp = plain + ", where no launch of the tree makes a Flask app listen"
	default:
		l.State, l.Target = LinkUnknown, plain
	}
	for _, n := range l.Next {
		n.Prev = append(n.Prev, l)
	}
}

// serviceBind stands for the bind of a compose service that runs a Python
// app whose launches give no bind the model could read (app.run with a
// host from the environment, a wrapper script): the service name alone
// links it. nil when the service runs no app, or when its binds are known
// (the target's port then differs from them).
func (d *DeployLink) serviceBind(p *Project, s ServiceRef) *AppBind {
	if !p.runsApp(s.File, s.Svc) {
		return nil
	}
	for _, b := range d.Binds {
		for _, bs := range b.Services {
			if bs.Svc == s.Svc {
				return nil
			}
		}
	}
	dir := path.Dir(s.File.Path)
	if s.Svc.Build {
		dir = path.Join(dir, s.Svc.Context)
	}
	files := appsNear(p, dir)
	if len(files) == 0 {
		return nil
	}
	return &AppBind{Pos: lineAt(s.File.Path, s.Svc.Line), What: "compose service " + s.Svc.Name,
		Services: []ServiceRef{s}, Container: true, AppFiles: files}
}

// resolveProxies gives a location that forwards to another nginx the state
// and apps of the locations behind it.
func (d *DeployLink) resolveProxies(l *LocationLink, seen map[*LocationLink]bool) {
	if l.done || len(l.Next) == 0 || seen[l] {
		return
	}
	seen[l] = true
	own := len(l.Binds) > 0
	state := LinkNotApp
	for _, n := range l.Next {
		d.resolveProxies(n, seen)
		l.AppFiles = appendNew(l.AppFiles, n.AppFiles...)
		l.Binds = append(l.Binds, n.Binds...)
		if n.State != LinkNotApp && (state == LinkNotApp || n.State == LinkAddress) {
			state = n.State
		}
	}
	if own {
		state = LinkAddress
	} else if len(l.Binds) == 0 && state == LinkAddress {
		state = LinkUnknown
	}
	l.State, l.done = state, true
	if state == LinkNotApp {
		l.NotApp = "another nginx that forwards to no Flask app of the tree"
	}
}

// placeFallback links the locations whose target could not be matched
// with the apps near them in the tree, for apps that no location reaches
// by address.
func (d *DeployLink) placeFallback(p *Project) {
	var cands []*LocationLink
	for _, l := range d.Links {
		if (l.State == LinkUnknown || l.State == LinkOpaque) && len(l.Next) == 0 {
			cands = append(cands, l)
		}
	}
	linked := map[string]bool{}
	for _, l := range d.Links {
		if l.State == LinkAddress {
			for _, f := range l.AppFiles {
				linked[f] = true
			}
		}
	}
	known := map[string]bool{} // apps with a bind of known address
	for _, b := range d.Binds {
		if b.Unix != "" || knownPort(b.Port) {
			for _, f := range b.AppFiles {
				known[f] = true
			}
		}
	}
	for _, file := range appFiles(p) {
		if linked[file] {
			continue
		}
		mine := cands
		if known[file] { // a plain address would have matched its bind
			mine = nil
			for _, l := range cands {
				if l.State == LinkOpaque {
					mine = append(mine, l)
				}
			}
		}
		for _, l := range nearest(p, mine, file) {
			l.AppFiles = appendNew(l.AppFiles, file)
		}
	}
	for _, l := range d.Links { // an nginx in front of a fallback location
		if len(l.Prev) == 0 {
			d.spreadApps(l, map[*LocationLink]bool{})
		}
	}
}

// spreadApps hands the apps of the inner locations on to the outer ones.
func (d *DeployLink) spreadApps(l *LocationLink, seen map[*LocationLink]bool) []string {
	if seen[l] {
		return l.AppFiles
	}
	seen[l] = true
	for _, n := range l.Next {
		l.AppFiles = appendNew(l.AppFiles, d.spreadApps(n, seen)...)
	}
	return l.AppFiles
}

// nearest picks, among the candidate locations, those whose configuration
// file shares the deepest directory with file. A tree that keeps nginx
// configurations in several top-level directories (a collection of
// example projects) only links an app to nginx under its own top-level
// directory.
func nearest(p *Project, cands []*LocationLink, file string) []*LocationLink {
	best, tops := -1, map[projectKey]bool{}
	var out []*LocationLink
	for _, l := range cands {
		if !p.sameRepo(file, l.Loc.Dir.File) {
			continue
		}
		tops[p.projectOf(l.Loc.Dir.File)] = true
		dd := p.dirDepth(path.Dir(file), path.Dir(l.Loc.Dir.File))
		switch {
		case dd > best:
			best, out = dd, []*LocationLink{l}
		case dd == best:
			out = append(out, l)
		}
	}
	if best == 0 && len(tops) > 1 {
		return nil
	}
	return out
}

// appFiles lists the files that define Flask apps, sorted.
func appFiles(p *Project) []string { return p.appFileList() }

func appFileSet(p *Project) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range p.AppModel().Apps {
		if !seen[a.File.Path] {
			seen[a.File.Path] = true
			out = append(out, a.File.Path)
		}
	}
	sort.Strings(out)
	return out
}

// hasKnownBinds tells whether a launch of the nginx file's project binds a
// known port or socket, so that a target matching none of them is no app.
func (d *DeployLink) hasKnownBinds(file string) bool {
	for _, b := range d.Binds {
		if d.near(file, b.Pos.File) && !b.Container && len(b.AppFiles) > 0 && (b.Unix != "" || knownPort(b.Port)) {
			return true
		}
	}
	return false
}

// indexBinds fills in bindsByName, bindsByPort and unixBinds.
func (d *DeployLink) indexBinds() {
	d.bindsByName, d.bindsByPort = map[string][]int{}, map[string][]int{}
	add := func(m map[string][]int, key string, i int) {
		if ids := m[key]; len(ids) == 0 || ids[len(ids)-1] != i {
			m[key] = append(ids, i)
		}
	}
	for i, b := range d.Binds {
		for _, s := range b.Services {
			// By name and the target port portMatches takes, "*" for any.
			// Also under the compose file's path, for a lookup in the nearest.
			byName := func(port string) {
				add(d.bindsByName, s.Svc.Name+":"+port, i)
				add(d.bindsByName, s.File.Path+"\x00"+s.Svc.Name+":"+port, i)
			}
			switch ports := containerPorts(s.Svc); {
			case knownPort(b.Port):
				byName(b.Port)
			case len(ports) == 0:
				byName("*")
			default:
				for _, p := range ports {
					byName(p)
				}
			}
			if b.Container {
				for _, hp := range hostPorts(s.Svc) {
					add(d.bindsByPort, hp, i)
				}
			}
		}
		switch {
		case b.Unix != "":
			d.unixBinds = append(d.unixBinds, i)
		case !b.Container && knownPort(b.Port):
			add(d.bindsByPort, b.Port, i)
		}
	}
}

// candidates returns, in order, the binds that the pass target may match
// when its service name is looked up in the compose files within (nil:
// in any): every one that matches could take, and few more.
func (d *DeployLink) candidates(t passTarget, within []*compose.File) []*AppBind {
	var ids []int
	if within == nil {
		ids = slices.Concat(d.bindsByName[t.Host+":"+t.Port], d.bindsByName[t.Host+":*"])
	}
	for _, c := range within {
		ids = slices.Concat(ids, d.bindsByName[c.Path+"\x00"+t.Host+":"+t.Port],
			d.bindsByName[c.Path+"\x00"+t.Host+":*"])
	}
	ids = append(ids, d.bindsByPort[t.Port]...)
	if t.Unix != "" {
		ids = append(ids, d.unixBinds...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make([]*AppBind, len(ids))
	for k, i := range ids {
		out[k] = d.Binds[i]
	}
	return out
}

// near tells whether a plain address in one file can name a bind in
// the other: always in a tree of one project, else only within the same
// project (see projectKey); within a repository below the tree's top whose
// own apps are all in one project, anywhere in it.
func (d *DeployLink) near(a, b string) bool {
	ka, kb := d.project.projectOf(a), d.project.projectOf(b)
	if ka.repo != kb.repo {
		return !d.multi
	}
	return !d.split[ka.repo] || ka.top == kb.top
}

func knownPort(p string) bool { return p != "" && isAllDigits(p) }

// hostPath cleans an absolute path of a host, where /var/run is /run.
func hostPath(p string) string {
	p = path.Clean(p)
	if rest, ok := strings.CutPrefix(p, "/var/run/"); ok {
		return "/run/" + rest
	}
	return p
}

// sameSocket tells whether nginx's socket path may be the bind's: the same
// path when both are absolute on one host; the same file name when the
// bind's path is relative to a working directory the tree does not show, or
// is inside a container, whose socket directory nginx mounts where it likes.
func sameSocket(target, bind string, container bool) bool {
	if !container && path.IsAbs(target) && path.IsAbs(bind) {
		return hostPath(target) == hostPath(bind)
	}
	return path.Base(target) == path.Base(bind)
}

// matches tells whether a pass target of the nginx file reaches the
// bind. A compose service name reaches the binds of the service of that
// name in a compose file in scope (see composeScopes); an address reaches
// a bind outside any container in the same project of the tree (a
// top-level directory, or the top).
func (b *AppBind) matches(t passTarget, file string, near bool, inScope func(*compose.File) bool) bool {
	for _, s := range b.Services {
		if s.Svc.Name == t.Host && inScope(s.File) {
			return t.Unix == "" && b.Unix == "" && portMatches(b.Port, t.Port, s.Svc)
		}
	}
	if !near {
		return false
	}
	if t.Unix != "" || b.Unix != "" {
		return t.Unix != "" && b.Unix != "" && sameSocket(t.Unix, b.Unix, b.Container)
	}
	if b.Container { // a host nginx reaches a container through a published port
		if !loopbackHost(t.Host) {
			return false
		}
		for _, s := range b.Services {
			if containsString(hostPorts(s.Svc), t.Port) && portMatches(b.Port, containerPortFor(s.Svc, t.Port), s.Svc) {
				return true
			}
		}
		return false
	}
	if !knownPort(b.Port) || b.Port != t.Port {
		return false
	}
	if loopbackHost(t.Host) {
		return loopbackHost(b.Host) || allInterfacesBind(b.Host+":0")
	}
	return strings.EqualFold(b.Host, t.Host) || allInterfacesBind(b.Host+":0")
}

// portMatches compares the target port with the bind's, or with the
// ports compose gives the service when the bind's is not known.
func portMatches(bind, target string, svc *compose.Service) bool {
	if knownPort(bind) {
		return bind == target
	}
	ports := containerPorts(svc)
	return len(ports) == 0 || containsString(ports, target)
}

// containerPorts are the container ports of a compose service: its
// expose entries and the container side of its ports.
func containerPorts(svc *compose.Service) []string {
	var out []string
	for _, v := range append(append([]compose.Value{}, svc.Expose...), svc.Ports...) {
		s := strings.TrimSuffix(strings.TrimSuffix(v.Text, "/tcp"), "/udp")
		if i := strings.LastIndexByte(s, ':'); i >= 0 {
			s = s[i+1:]
		}
		out = append(out, strings.Trim(s, `"' `))
	}
	return out
}

// hostPorts are the host ports a compose service publishes ("8080:5000"
// and "127.0.0.1:8080:5000" give 8080; a bare "5000" gets an ephemeral one).
func hostPorts(svc *compose.Service) []string {
	var out []string
	for _, v := range svc.Ports {
		if hp, _, ok := splitPublished(v.Text); ok {
			out = append(out, hp)
		}
	}
	return out
}

// containerPortFor is the container port a published host port leads to.
func containerPortFor(svc *compose.Service, host string) string {
	for _, v := range svc.Ports {
		if hp, cp, ok := splitPublished(v.Text); ok && hp == host {
			return cp
		}
	}
	return ""
}

// splitPublished reads "[ip:]host:container[/proto]".
func splitPublished(spec string) (host, container string, ok bool) {
	spec = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(spec, `"' `), "/tcp"), "/udp")
	if strings.HasPrefix(spec, "[") { // [::1]:8080:5000
		if end := strings.Index(spec, "]"); end >= 0 {
			spec = strings.TrimPrefix(spec[end+1:], ":")
		}
	}
	parts := strings.Split(spec, ":")
	if len(parts) < 2 {
		return "", "", false
	}
	return parts[len(parts)-2], parts[len(parts)-1], true
}

// passTargets lists the addresses a location's pass forwards to.
func passTargets(loc *NginxLocation) []passTarget {
	ps := loc.Pass
	if ps.Unix != "" {
		return []passTarget{{Unix: ps.Unix, At: ps.Dir}}
	}
	if ps.Upstream != nil {
		var out []passTarget
		for _, s := range ps.Upstream.Block {
			if s.Name == "server" && len(s.Args) > 0 {
				out = append(out, addressTarget(s.Args[0], ps.Module, s))
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	t := passTarget{Host: ps.Host, Port: ps.Port, At: ps.Dir}
	t.Opaque = strings.ContainsAny(ps.Host+ps.Port, "${}")
	if t.Port == "" && ps.Module == "proxy" && !t.Opaque {
		t.Port = "80"
		if strings.HasPrefix(strings.ToLower(ps.Target), "https://") {
			t.Port = "443"
		}
	}
	return []passTarget{t}
}

// addressTarget reads an upstream server address: host:port, host (port
// 80) or unix:/path.
func addressTarget(a, module string, at *nginx.Directive) passTarget {
	if p, ok := strings.CutPrefix(a, "unix:"); ok {
		return passTarget{Unix: p, At: at}
	}
	h, port := splitHostPort(a)
	if port == "" && module == "proxy" {
		port = "80"
	}
	return passTarget{Host: h, Port: port, At: at, Opaque: strings.ContainsAny(a, "${}")}
}

// indexCompose fills in composeByDir and composeByName.
func (d *DeployLink) indexCompose(p *Project) {
	d.composeByDir, d.composeByName = map[string][]*compose.File{}, map[string][]*compose.File{}
	add := func(m map[string][]*compose.File, key string, c *compose.File) {
		if cs := m[key]; len(cs) == 0 || cs[len(cs)-1] != c {
			m[key] = append(cs, c)
		}
	}
	for _, c := range p.Compose {
		for _, svc := range c.Services {
			add(d.composeByDir, path.Dir(c.Path)+"\x00"+svc.Name, c)
			add(d.composeByName, svc.Name, c)
		}
	}
}

// nearestCompose lists the compose files of the nearest directory at or
// above the nginx file's that define the service name: compose resolves a
// name within one project.
func (d *DeployLink) nearestCompose(file, name string) []*compose.File {
	if name == "" {
		return nil
	}
	for dir := path.Dir(file); ; dir = path.Dir(dir) {
		if cs := d.composeByDir[dir+"\x00"+name]; len(cs) > 0 {
			return cs
		}
		if dir == "." || dir == "/" {
			return nil
		}
	}
}

// composeScopes are the compose files in which a service name that the
// nginx file passes requests to is looked up, the narrowest first: the
// nearest ones that define the name, then, for a name that these cannot
// link, those further up (a development compose file beside the nginx
// file, while the one that runs nginx is above it). A file with no compose
// file above that defines the name looks it up in every one of its project
// of the tree (sameProject): nginx/ beside deploy/compose.yaml. A sibling
// directory's compose file is another compose project, whose names the
// nearest one's do not reach.
func (d *DeployLink) composeScopes(file string, nearest []*compose.File) []composeScope {
	if len(nearest) == 0 {
		return []composeScope{{has: func(c *compose.File) bool { return d.project.sameProject(file, c.Path) }}}
	}
	below := path.Dir(nearest[0].Path)
	above := func(c *compose.File) bool {
		dir := path.Dir(c.Path)
		return dir != below && under(below, dir)
	}
	return []composeScope{{within: nearest, has: func(c *compose.File) bool { return slices.Contains(nearest, c) }},
		{has: above}}
}

// composeScope is one lookup of a service name: in the compose files
// within, or in any (nil) for which has holds.
type composeScope struct {
	within []*compose.File
	has    func(*compose.File) bool
}

// serviceNamed finds the service of that name in the nearest compose files
// that define it, else in the first compose file of the nginx file's
// project that does.
func (d *DeployLink) serviceNamed(file, name string, nearest []*compose.File) (ServiceRef, bool) {
	scope := nearest
	if len(scope) == 0 {
		for _, c := range d.composeByName[name] {
			if d.project.sameProject(file, c.Path) {
				scope = []*compose.File{c}
				break
			}
		}
	}
	for _, c := range scope {
		for _, svc := range c.Services {
			if svc.Name == name {
				return ServiceRef{File: c, Svc: svc}, true
			}
		}
	}
	return ServiceRef{}, false
}

// nginxConfigPath tells whether a container path is where nginx reads its
// configuration: /etc/nginx and below, or another path of a file or
// directory named like it (an image's own conf directory).
func nginxConfigPath(p string) bool {
	p = path.Clean(p)
	return p == "/etc/nginx" || strings.HasPrefix(p, "/etc/nginx/") ||
		strings.Contains(p, "nginx") && (path.Ext(p) == ".conf" || strings.Contains(p, "conf"))
}

// serviceLocations are the proxying locations of the nginx configurations
// that a compose nginx service runs: those under its build context or a
// path it mounts, and those in a directory named after the service under
// the compose file's directory; only when there are none of these, those
// in a directory of its name anywhere in its project of the tree.
func (d *DeployLink) serviceLocations(p *Project, s ServiceRef, from *LocationLink) []*LocationLink {
	var dir string
	if s.Svc.Build {
		dir = path.Join(path.Dir(s.File.Path), s.Svc.Context)
	}
	composeDir := path.Dir(s.File.Path)
	var mounts []string // the tree's paths that the service mounts as nginx configuration
	for _, m := range s.Svc.Mounts {
		if !path.IsAbs(m.Source) && !strings.HasPrefix(m.Source, "~") && nginxConfigPath(m.Target) {
			mounts = append(mounts, path.Join(composeDir, m.Source))
		}
	}
	// Those under the context, a mount or in a directory named after the
	// service beside the compose file; when there are none, those in a
	// directory of its name elsewhere (another compose project's, else).
	var near, far []*LocationLink
	for _, l := range d.Links {
		f := l.Loc.Dir.File
		if l == from || l.Loc.Server == from.Loc.Server || !p.sameProject(f, s.File.Path) {
			continue
		}
		inContext := dir != "" && dir != "." && under(f, dir) ||
			slices.ContainsFunc(mounts, func(m string) bool { return f == m || under(f, m) })
		named := containsString(strings.Split(path.Dir(f), "/"), s.Svc.Name)
		switch {
		case inContext || named && under(f, composeDir):
			near = append(near, l)
		case named:
			far = append(far, l)
		}
	}
	if len(near) > 0 {
		return near
	}
	return far
}

// under tells whether a slash path is below dir ("." for the top).
func under(p, dir string) bool { return dir == "." || strings.HasPrefix(p, dir+"/") }

// listeningLocations are the proxying locations of the nginx servers of
// the tree that listen on the target's port (another nginx in front of the
// app on the same host).
func (d *DeployLink) listeningLocations(nm *NginxModel, t passTarget, from *LocationLink) []*LocationLink {
	if !loopbackHost(t.Host) || !knownPort(t.Port) {
		return nil
	}
	if d.byPort == nil {
		d.byPort = map[string][]*NginxServer{}
		for _, s := range nm.Servers {
			for _, ls := range s.Listens {
				if ls.Dir == nil {
					continue // the implicit *:80 of a server without listen
				}
				_, port := splitHostPort(ls.Socket)
				if n := len(d.byPort[port]); n == 0 || d.byPort[port][n-1] != s {
					d.byPort[port] = append(d.byPort[port], s)
				}
			}
		}
	}
	var out []*LocationLink
	seen := map[*LocationLink]bool{}
	for _, s := range d.byPort[t.Port] {
		if s == from.Loc.Server || !d.project.sameProject(s.Dir.File, from.Loc.Dir.File) {
			continue
		}
		for _, loc := range s.Passes() {
			if l := d.byLoc[loc]; l != nil && !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}

func appendNew(ss []string, add ...string) []string {
	for _, s := range add {
		if !containsString(ss, s) {
			ss = append(ss, s)
		}
	}
	return ss
}

// Describe lists the binds and links, one a line, for tests.
func (d *DeployLink) Describe() string {
	var b strings.Builder
	for _, x := range d.Binds {
		fmt.Fprintf(&b, "bind %s:%d %q host=%q port=%q unix=%q container=%v exposure=%d apps=%v\n",
			x.Pos.File, x.Pos.StartLine, x.What, x.Host, x.Port, x.Unix, x.Container, x.Exposure, x.AppFiles)
	}
	names := map[LinkState]string{LinkUnknown: "unknown", LinkAddress: "address", LinkOpaque: "opaque",
		LinkNotApp: "not-app"}
	for _, l := range d.Links {
		fmt.Fprintf(&b, "link %s:%d %s -> %s target=%q apps=%v next=%d prev=%d\n", l.Loc.Dir.File,
			l.Loc.Dir.Line(), l.Loc.Describe(), names[l.State], l.Target, l.AppFiles, len(l.Next), len(l.Prev))
	}
	return b.String()
}

// appRefusesUnknownHosts tells whether every app defined in file checks
// the Host itself: TRUSTED_HOSTS (Flask 3.1+, or set in a way the model
// cannot follow), a before_request check, or SERVER_NAME before Flask 3.1.
func appRefusesUnknownHosts(p *Project, file string) bool {
	m := p.AppModel()
	found := false
	for _, app := range m.Apps {
		if app.File.Path != file {
			continue
		}
		found = true
		if m.hostChecked(app) {
			continue
		}
		modern, _ := p.VersionOf(app.File.Path, "flask").AtLeast("3.1")
		th, state := m.ConfigAt(app, "TRUSTED_HOSTS", nil, nil)
		switch {
		case state == ConfigUnknown:
		case state == ConfigSet && th.Value.Kind != NoneVal && modern:
		case !modern && serverNameGuards(m, app):
		default:
			return false
		}
	}
	return found
}

// linkedPasses sorts the proxying locations of a catch-all server by what
// the link says they reach: those that reach no Flask app of the tree, or
// only apps that check the Host themselves, are dropped. sev is the level
// for the ones kept: the rule's own for a location linked by address or
// by place, Low when every kept target is only known at run time.
func linkedPasses(p *Project, ls []*NginxLocation, def Severity) (kept []*NginxLocation, sev Severity, why string) {
	d := p.DeployLink()
	sev = Low
	for _, l := range ls {
		link := d.Of(l)
		if link == nil {
			kept, sev = append(kept, l), def
			continue
		}
		if link.State == LinkNotApp {
			continue
		}
		guarded := len(link.AppFiles) > 0
		for _, f := range link.AppFiles {
			guarded = guarded && appRefusesUnknownHosts(p, f)
		}
		if guarded {
			continue
		}
		kept = append(kept, l)
		if link.State == LinkOpaque {
			if why == "" {
				why = fmt.Sprintf("; the proxy target %s is only known at run time, so the tree does not show "+
					"that a Flask app is behind it", link.Target)
			}
			continue
		}
		sev = def
	}
	if sev != Low {
		why = ""
	}
	return kept, sev, why
}

// AppsRelated points at the Flask(...) calls of the apps the location
// fronts that do not refuse unknown host names themselves, for the
// nginx-side findings.
func (l *LocationLink) AppsRelated(p *Project) []Related {
	var rel []Related
	for _, app := range p.AppModel().Apps {
		if l.Fronts(app.File.Path) && !appRefusesUnknownHosts(p, app.File.Path) {
			rel = append(rel, Related{Pos: nodePos(app.File, app.Call),
				Message: "the Flask app behind this location, which does not check the Host itself"})
		}
	}
	return rel
}
