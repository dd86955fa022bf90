package rules

import (
	"fmt"
	"path"
	"strings"
)

// LinkLaunches fills Project.Launched: for every launch that runs a Python
// file as a program ("python app.py", "python3 -u server.py",
// "python -m pkg"), the file it runs. Importers ("gunicorn wsgi:app",
// "flask --app x run") do not run a module's __main__ block and are not
// links. The driver calls it once, after parsing.
func LinkLaunches(p *Project) {
	byPath := p.pythonPaths()
	for _, l := range p.Launches() {
		target, ok := scriptOf(l.Words)
		if !ok {
			continue
		}
		for _, base := range launchDirs(p, l) {
			file := findScript(p, byPath, base, target)
			if file == "" {
				continue
			}
			if p.Launched == nil {
				p.Launched, p.LaunchPos = map[string]string{}, map[string]Pos{}
			}
			if _, seen := p.Launched[file]; !seen {
				p.Launched[file] = fmt.Sprintf("%s:%d (%s)", l.Pos.File, l.Pos.StartLine, strings.Join(l.Words, " "))
				p.LaunchPos[file] = l.Pos
			}
			break
		}
	}
}

// scriptOf reads "python[3] [flags] X.py" as "X.py" and "python -m a.b" as
// "a/b" with ok; anything else is not a program run of a Python file.
func scriptOf(words []string) (string, bool) {
	if len(words) == 0 || !strings.HasPrefix(path.Base(words[0]), "python") {
		return "", false
	}
	args := words[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-m" && i+1 < len(args):
			return strings.ReplaceAll(args[i+1], ".", "/"), true
		case a == "-c":
			return "", false
		case strings.HasPrefix(a, "-"):
			continue
		case strings.HasSuffix(a, ".py"):
			return strings.TrimPrefix(a, "./"), true
		default:
			return "", false
		}
	}
	return "", false
}

// launchDirs are the directories a launch's relative paths start from, best
// first: the build context of its container, the launch file's directory.
func launchDirs(p *Project, l Launch) []string {
	var dirs []string
	if l.Compose != nil && l.ComposeFile != nil {
		if dir, ok := p.buildDir(l.ComposeFile, l.Compose); ok {
			dirs = append(dirs, dir)
		}
	}
	return append(dirs, path.Dir(l.Pos.File))
}

// findScript finds the Python file a relative script or module path names,
// at base or (copied into a WORKDIR) anywhere below it.
func findScript(p *Project, byPath map[string]bool, base, target string) string {
	for _, cand := range []string{target, target + "/__main__.py", target + ".py"} {
		if f := path.Join(base, cand); byPath[f] {
			return f
		}
	}
	if strings.HasPrefix(target, "/") {
		target = path.Base(target) // an absolute path in the image
	}
	prefix := base + "/"
	if base == "." {
		prefix = ""
	}
	found := ""
	for _, f := range p.Python {
		if !strings.HasPrefix(f.Path, prefix) {
			continue
		}
		if strings.HasSuffix(f.Path, "/"+target) || strings.HasSuffix(f.Path, "/"+target+"/__main__.py") ||
			strings.HasSuffix(f.Path, "/"+target+".py") || f.Path == target {
			if found != "" {
				return "" // ambiguous
			}
			found = f.Path
		}
	}
	return found
}

// launchedRun is the run call as the launch files see it: a call under the
// __main__ guard of a module that a launch file runs as a program is not
// guarded. It returns the note for the message and the related location.
func launchedRun(p *Project, run *RunCall) (*RunCall, string, []Related) {
	if !run.MainGuard {
		return run, "", nil
	}
	by := p.LaunchedBy(run.File.Path)
	if by == "" {
		return run, "", nil
	}
	r := *run
	r.MainGuard = false
	return &r, "; " + by + " runs the module as a program, so its __main__ block runs",
		[]Related{{Pos: p.LaunchPos[run.File.Path], Message: "the launch that runs this module"}}
}

// launchOf is the launch that runs a Python file as a program (the one
// LinkLaunches recorded).
func (p *Project) launchOf(file string) (Launch, bool) {
	pos, ok := p.LaunchPos[file]
	if !ok {
		return Launch{}, false
	}
	for _, l := range p.Launches() {
		if l.Pos == pos {
			if _, ok := scriptOf(l.Words); ok {
				return l, true
			}
		}
	}
	return Launch{}, false
}

// containerBind levels an all-interfaces bind of a program that a
// container launch runs: inside a container 0.0.0.0 is how the app is
// reached at all, so the port publishing decides. Published on every host
// interface, the finding is a warning; not published there (expose only,
// loopback), a note; with no compose service known, a warning. With the
// debugger on it keeps its level: whatever reaches the container (a proxy)
// reaches the debugger. Launches outside a
// container keep the finding as it is.
func containerBind(p *Project, l Launch, f Finding) Finding {
	if l.Docker == nil && l.Compose == nil {
		return f
	}
	debug := f.Severity == Critical
	exp, rel, devWhy := p.exposureDetail(l)
	switch exp {
	case ExposureAll:
		f.Message += "; compose publishes its port on all host interfaces"
		f.Related = append(f.Related, *rel)
		if !debug {
			f.Severity = Medium
		}
	case ExposureLimited:
		if !debug {
			f.Severity = Low
			f.Message += "; inside a container whose ports are not published on all host interfaces"
		} else {
			f.Message += "; its ports are not published on all host interfaces, but whatever reaches the " +
				"container (a proxy in front of it) reaches the debugger"
		}
	default:
		if !debug {
			f.Severity = Medium
			f.Message += "; inside a container, the port publishing decides who reaches it"
		}
	}
	var why string
	f.Severity, why = capBy(f.Severity, l.Level, l.Why, Medium, devWhy)
	f.Message += why
	return f
}
