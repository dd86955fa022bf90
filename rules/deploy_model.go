package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/flasklint/flasklint/parsers/compose"
	"github.com/flasklint/flasklint/parsers/dockerfile"
	"github.com/flasklint/flasklint/parsers/dotenv"
	"github.com/flasklint/flasklint/parsers/shell"
	"github.com/flasklint/flasklint/parsers/source"
)

// EnvSetting is one environment variable set by a deployment file.
type EnvSetting struct {
	Pos        Pos
	Key, Value string
	Where      string // "Dockerfile ENV", "compose environment", "env file", ...
	// Level is the severity cap the file's role gives: Low for a sample or
	// an env file nothing loads, Medium for a development file, 0 for none.
	Level Severity
	Why   string // the reason for Level, for the message
	// Container is the compose service or Dockerfile that the setting is
	// part of, "" for an env file or a Procfile.
	Compose *compose.Service
	Docker  *dockerfile.File
}

// Launch is one command that starts a program: a Dockerfile CMD or
// ENTRYPOINT, a compose command or entrypoint, a Procfile entry, a command
// of a shell script.
type Launch struct {
	Pos   Pos
	Words []string
	Env   map[string]string // assignments before the command
	Where string
	Level Severity // cap from the file's role, 0 for none
	Why   string
	// The container the launch runs in, if known.
	Compose     *compose.Service
	ComposeFile *compose.File
	Docker      *dockerfile.File
}

// lineAt is a whole-line position.
func lineAt(file string, line int) Pos {
	return Pos{File: file, Span: source.Span{StartLine: max(1, line), StartCol: 1, EndLine: max(1, line), EndCol: 1}}
}

// devName tells whether a file name marks a development-only file.
func devName(p string) bool {
	name := strings.ToLower(path.Base(p))
	for _, s := range []string{"dev", "local", "override", "test", "debug"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// envSettingList lists every environment variable the deployment files set.
func (p *Project) envSettingList() []EnvSetting {
	var out []EnvSetting
	for _, d := range p.Dockerfiles {
		for _, v := range d.Vars {
			if !v.HasValue {
				continue
			}
			s := EnvSetting{Pos: lineAt(d.Path, v.Line), Key: v.Key, Value: v.Value, Where: "Dockerfile ENV", Docker: d}
			if v.Arg {
				s.Where, s.Level, s.Why = "Dockerfile ARG", Low, "a build argument, which the running container does "+
					"not see unless an ENV passes it on"
			}
			if devName(d.Path) {
				s.Level, s.Why = capLevel(s.Level, Medium), "a development Dockerfile"
			}
			out = append(out, s)
		}
	}
	for _, c := range p.Compose {
		for _, svc := range c.Services {
			for _, e := range svc.Env {
				if !e.HasValue {
					continue
				}
				s := EnvSetting{Pos: lineAt(c.Path, e.Line), Key: e.Key, Value: e.Value,
					Where: "compose environment of service " + svc.Name, Compose: svc}
				if dev, why := p.serviceDev(c, svc); dev {
					s.Level, s.Why = Medium, why
				}
				out = append(out, s)
			}
		}
	}
	for _, f := range p.EnvFiles {
		level, why := p.envFileRole(f.Path, f.Sample)
		for _, v := range f.Vars {
			out = append(out, EnvSetting{Pos: lineAt(f.Path, v.Line), Key: v.Key, Value: v.Value,
				Where: "env file", Level: level, Why: why})
		}
	}
	for _, l := range p.Launches() {
		for k, v := range l.Env {
			out = append(out, EnvSetting{Pos: l.Pos, Key: k, Value: v, Where: l.Where, Level: l.Level, Why: l.Why,
				Compose: l.Compose, Docker: l.Docker})
		}
	}
	return out
}

func capLevel(a, b Severity) Severity {
	if a == 0 || b < a {
		return b
	}
	return a
}

// envFileRole decides how much an env file counts: loaded by a compose
// env_file or copied into an image, it is in effect (Medium when its name
// or its compose file says development); otherwise a note.
func (p *Project) envFileRole(file string, sample bool) (Severity, string) {
	ix := p.composeIndex()
	// The first env_file entry that loads the file or, for a sample, one
	// the file is the sample of.
	first, ok := ix.envFileFirst[file]
	if !ok {
		first = len(ix.envFileRefs)
	}
	if sample {
		for _, r := range ix.envFileRefs[:first] {
			if sampleOf(file, r.target) {
				return Medium, "the committed sample of " + r.text + ", which " + r.c.Path + " service " +
					r.svc.Name + " loads"
			}
		}
	}
	if first < len(ix.envFileRefs) {
		r := ix.envFileRefs[first]
		if p.composeDev(r.c.Path) || devName(file) {
			return Medium, "loaded by " + r.c.Path + " service " + r.svc.Name + ", a development setup"
		}
		return 0, ""
	}
	if d := p.copiedBy(file, sample); d != nil {
		if devName(file) {
			return Medium, "copied into the image by " + d.Path + ", a development file"
		}
		return 0, ""
	}
	if sample {
		return Low, "a sample that no Dockerfile copies into place"
	}
	return Low, "no Dockerfile copies it and no compose env_file loads it: only flask run and load_dotenv read it"
}

// launchList lists every command the deployment files start.
func (p *Project) launchList() []Launch {
	var out []Launch
	add := func(base Launch, line int, words []string, shellText string) {
		if shellText != "" {
			cmds, err := shell.Parse(shellText)
			if err != nil {
				return
			}
			for _, c := range cmds {
				l := base
				l.Words, l.Env = c.Words, c.Assigns
				out = append(out, l)
			}
			return
		}
		base.Words = words
		out = append(out, base)
	}
	for _, d := range p.Dockerfiles {
		// The last ENTRYPOINT and CMD, whatever the stage: later stages
		// usually inherit them (FROM builder AS dev).
		var ep, cmd *dockerfile.Instruction
		for i := range d.Instructions {
			switch in := &d.Instructions[i]; in.Cmd {
			case "ENTRYPOINT":
				ep = in
			case "CMD":
				cmd = in
			}
		}
		b := Launch{Where: "Dockerfile", Docker: d}
		if devName(d.Path) {
			b.Level, b.Why = Medium, "a development Dockerfile"
		}
		if ep != nil && cmd != nil && ep.Exec && cmd.Exec {
			b.Pos = lineAt(d.Path, cmd.Line)
			b.Where = "Dockerfile ENTRYPOINT and CMD"
			add(b, cmd.Line, append(append([]string{}, ep.Args...), cmd.Args...), "")
			continue
		}
		for _, in := range []*dockerfile.Instruction{ep, cmd} {
			if in == nil {
				continue
			}
			l := b
			l.Pos, l.Where = lineAt(d.Path, in.Line), "Dockerfile "+in.Cmd
			if in.Exec {
				add(l, in.Line, in.Args, "")
			} else {
				add(l, in.Line, nil, strings.Join(in.Args, " "))
			}
		}
	}
	for _, c := range p.Compose {
		for _, svc := range c.Services {
			for _, cmd := range []*compose.Command{svc.Entrypoint, svc.Command} {
				if cmd == nil {
					continue
				}
				b := Launch{
					Pos:         lineAt(c.Path, cmd.Line),
					Where:       "compose service " + svc.Name,
					Compose:     svc,
					ComposeFile: c,
				}
				if dev, why := p.serviceDev(c, svc); dev {
					b.Level, b.Why = Medium, why
				}
				add(b, cmd.Line, cmd.Words, cmd.Shell)
			}
		}
	}
	for _, f := range p.Procfiles {
		for _, pr := range f.Processes {
			add(Launch{Pos: lineAt(f.Path, pr.Line), Where: "Procfile process " + pr.Name}, pr.Line, nil, pr.Command)
		}
	}
	for _, f := range p.Packages {
		for _, s := range f.Scripts {
			b := Launch{Pos: posAt(f.Path, s.Line, s.Col), Where: "package.json script " + s.Name}
			if devScript(s.Name) {
				b.Level, b.Why = Medium, "a development script"
			}
			add(b, s.Line, nil, s.Command)
		}
	}
	for _, u := range p.Units {
		for _, c := range u.Commands {
			cmds, err := shell.Parse(c.Text)
			if err != nil {
				continue
			}
			where := "systemd unit " + c.Key
			if c.Key == "command" {
				where = "supervisor " + c.Section
			}
			for _, sc := range cmds {
				env := map[string]string{}
				for k, v := range c.Env {
					env[k] = v
				}
				for k, v := range sc.Assigns {
					env[k] = v
				}
				out = append(out, Launch{Pos: lineAt(u.Path, c.Line), Words: sc.Words, Env: env, Where: where})
			}
		}
	}
	for _, s := range p.Scripts {
		for _, c := range s.Commands {
			out = append(out, Launch{Pos: lineAt(s.Path, c.Line), Words: c.Words, Env: c.Assigns, Where: "script"})
		}
	}
	return out
}

// composeDev tells whether a compose file is the development one: its name
// says so, or a sibling compose file is named for production
// (docker-compose.yml beside docker-compose.prod.yml).
func (p *Project) composeDev(file string) bool {
	if devName(file) {
		return true
	}
	if strings.Contains(strings.ToLower(path.Base(file)), "prod") {
		return false
	}
	// file is no production file, so a production file of its directory
	// is another one.
	return p.composeIndex().prodDirs[path.Dir(file)]
}

// posAt is a position at a line and column (the whole line when col < 1).
func posAt(file string, line, col int) Pos {
	pos := lineAt(file, line)
	if col > 0 {
		pos.StartCol, pos.EndCol = col, col
	}
	return pos
}

// maxBadLines is how many unreadable lines of one file are reported; the
// last one reported counts the others.
const maxBadLines = 10

// reportBadLines reports each unreadable line of a file, up to maxBadLines.
func reportBadLines(p *Pass, file string, lines, cols []int, msg string) {
	for i, line := range lines {
		m := msg
		if i == maxBadLines-1 && len(lines) > maxBadLines {
			m += fmt.Sprintf(" (and %d more lines like it)", len(lines)-maxBadLines)
		}
		p.Report(Finding{Pos: posAt(file, line, cols[i]), Message: m})
		if i == maxBadLines-1 {
			break
		}
	}
}

// devScript tells whether a package.json script is for local development.
func devScript(name string) bool {
	name = strings.ToLower(name)
	switch name {
	case "dev", "develop", "watch", "start:dev", "serve:dev", "dev:server":
		return true
	}
	return strings.HasPrefix(name, "dev:") || strings.HasSuffix(name, ":dev") || strings.HasPrefix(name, "watch:")
}

// devProfiles are the compose profiles that mark a development service.
var devProfiles = map[string]bool{"dev": true, "development": true, "debug": true, "test": true, "local": true}

// serviceDev tells whether a compose service is for development, and why:
// its file is (composeDev), or it starts only under a development profile.
func (p *Project) serviceDev(c *compose.File, svc *compose.Service) (bool, string) {
	if p.composeDev(c.Path) {
		if isOverride(c.Path) {
			return true, "a compose override, merged over the base file for local work"
		}
		return true, "a development compose file"
	}
	for _, pr := range svc.Profiles {
		if devProfiles[strings.ToLower(pr)] {
			return true, "a service of the " + pr + " profile"
		}
	}
	return false, ""
}

// isOverride tells whether a compose file is an override that compose
// merges over the base file of its directory by default.
func isOverride(file string) bool {
	return strings.Contains(strings.ToLower(path.Base(file)), ".override.")
}

// composeBase is the service of the base compose file (compose.yaml,
// docker-compose.yml, ...) of the same directory that an override service
// is merged over, or nil.
func (p *Project) composeBase(c *compose.File, svc *compose.Service) (*compose.File, *compose.Service) {
	if !isOverride(c.Path) {
		return nil, nil
	}
	for _, b := range p.byDir().composeByDir[path.Dir(c.Path)] {
		if b == c || isOverride(b.Path) || devName(b.Path) ||
			strings.Contains(strings.ToLower(path.Base(b.Path)), "prod") {
			continue
		}
		for _, s := range b.Services {
			if s.Name == svc.Name {
				return b, s
			}
		}
	}
	return nil, nil
}

// composeOverrides are the override services merged over a base service.
func (p *Project) composeOverrides(c *compose.File, svc *compose.Service) []composeRef {
	var out []composeRef
	for _, o := range p.byDir().composeByDir[path.Dir(c.Path)] {
		if !isOverride(o.Path) {
			continue
		}
		for _, s := range o.Services {
			if bf, bs := p.composeBase(o, s); bf == c && bs == svc {
				out = append(out, composeRef{o, s})
			}
		}
	}
	return out
}

// composeRef is a service with its file.
type composeRef struct {
	File    *compose.File
	Service *compose.Service
}

// LaunchEnv is the environment a launch runs with, by variable, as far as
// the tree shows it; a later source wins: the ENV of the Dockerfile that
// builds its container, the env files its compose services load (or, when
// such a file is not committed, its committed sample), their environment
// (an override's after its base), then the assignments before the command.
func (p *Project) LaunchEnv(l Launch) map[string]EnvSetting {
	env := map[string]EnvSetting{}
	refs := p.launchServices(l)
	for _, d := range p.launchDockerfiles(l, refs) {
		for _, v := range d.Vars {
			if v.HasValue && !v.Arg {
				env[v.Key] = EnvSetting{Pos: lineAt(d.Path, v.Line), Key: v.Key, Value: v.Value,
					Where: "Dockerfile ENV", Docker: d}
			}
		}
	}
	for _, r := range refs {
		for _, ef := range r.Service.EnvFiles {
			f := p.envFileFor(path.Join(path.Dir(r.File.Path), ef.Text))
			if f == nil {
				continue
			}
			level, why := p.envFileRole(f.Path, f.Sample)
			for _, v := range f.Vars {
				env[v.Key] = EnvSetting{Pos: lineAt(f.Path, v.Line), Key: v.Key, Value: v.Value,
					Where: "env file " + f.Path, Level: level, Why: why}
			}
		}
	}
	for _, r := range refs {
		dev, why := p.serviceDev(r.File, r.Service)
		for _, e := range r.Service.Env {
			if !e.HasValue {
				continue
			}
			s := EnvSetting{Pos: lineAt(r.File.Path, e.Line), Key: e.Key, Value: e.Value,
				Where: "compose environment of service " + r.Service.Name, Compose: r.Service}
			if dev {
				s.Level, s.Why = Medium, why
			}
			env[e.Key] = s
		}
	}
	for k, v := range l.Env {
		env[k] = EnvSetting{Pos: l.Pos, Key: k, Value: v, Where: l.Where, Level: l.Level, Why: l.Why,
			Compose: l.Compose, Docker: l.Docker}
	}
	return env
}

// launchDockerfiles are the Dockerfiles that build a launch's container.
func (p *Project) launchDockerfiles(l Launch, refs []composeRef) []*dockerfile.File {
	if l.Docker != nil {
		return []*dockerfile.File{l.Docker}
	}
	var out []*dockerfile.File
	for _, r := range refs {
		dir, ok := p.buildDir(r.File, r.Service)
		if !ok {
			continue
		}
		name := r.Service.Dockerfile
		if name == "" {
			name = "Dockerfile"
		}
		for _, d := range p.Dockerfiles {
			if d.Path == path.Join(dir, name) {
				out = append(out, d)
			}
		}
	}
	return out
}

// envFileFor is the env file at target, or else its committed sample
// (.env.dev-sample, .env.dev.example for .env.dev), or nil.
func (p *Project) envFileFor(target string) *dotenv.File {
	var sample *dotenv.File
	for _, f := range p.EnvFiles {
		switch {
		case f.Path == target:
			return f
		case f.Sample && sampleOf(f.Path, target) && sample == nil:
			sample = f
		}
	}
	return sample
}

// envDebug finds the setting of a launch's environment that turns debug
// mode on: a truthy FLASK_DEBUG, FLASK_ENV=development before Flask 2.3,
// and, for flask run, a truthy FLASK_RUN_DEBUGGER.
func (p *Project) envDebug(env map[string]EnvSetting, flaskRun bool) (EnvSetting, bool) {
	if s, ok := env["FLASK_DEBUG"]; ok && s.Value != "" {
		// A set FLASK_DEBUG decides; FLASK_ENV is read only without it.
		if runtimeValue(s.Value) || debugOff(s.Value) {
			return EnvSetting{}, false
		}
		return s, true
	}
	if s, ok := env["FLASK_RUN_DEBUGGER"]; ok && flaskRun && !runtimeValue(s.Value) && !debugOff(s.Value) {
		return s, true
	}
	if s, ok := env["FLASK_ENV"]; ok && strings.EqualFold(s.Value, "development") {
		v := p.VersionOf(s.Pos.File, "flask")
		if newer, _ := v.AtLeast("2.3"); v.Pinned && !newer {
			return s, true
		}
	}
	return EnvSetting{}, false
}

// runtimeValue tells whether a value is filled in at run time or by a
// template, and so unknown.
func runtimeValue(v string) bool { return strings.Contains(v, "$") || strings.Contains(v, "{{") }

// capBy lowers sev to each non-zero cap (level, why pairs) at or below it
// and returns the reasons as a message suffix " (a; b)".
func capBy(sev Severity, caps ...any) (Severity, string) {
	var whys []string
	for i := 0; i+1 < len(caps); i += 2 {
		level, _ := caps[i].(Severity)
		why, _ := caps[i+1].(string)
		if level != 0 && level <= sev && why != "" {
			sev = level
			whys = append(whys, why)
		}
	}
	if len(whys) == 0 {
		return sev, ""
	}
	return sev, " (" + strings.Join(whys, "; ") + ")"
}

// sampleOf tells whether file is the committed sample of target: target
// plus a separator and a sample word (.env.dev-sample, .env.example for
// .env, but not .env.dev-sample for .env).
func sampleOf(file, target string) bool {
	rest, ok := strings.CutPrefix(file, target)
	if !ok || rest == "" || !strings.ContainsAny(rest[:1], "-._") {
		return false
	}
	switch strings.ToLower(rest[1:]) {
	case "example", "sample", "template", "dist", "tmpl", "tpl", "default", "orig":
		return true
	}
	return false
}
