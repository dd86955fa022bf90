// Package unit reads the INI-style files that start programs: systemd
// units (ExecStart=), supervisor programs (command=) and uWSGI .ini files
// (http =, http-socket =), with the line of every command. Continuation lines ending in a backslash are joined.
package unit

import (
	"strings"
)

// Command is one program start.
type Command struct {
	Section string // "Service", "program:web"
	Key     string // "ExecStart", "command"
	Text    string
	Line    int
	Env     map[string]string // Environment= / environment= of the section
}

// File is a parsed unit or supervisor file.
type File struct {
	Path     string
	Commands []Command
	// Binds are uWSGI's http and http-socket settings ([uwsgi] section).
	Binds []Command
}

// Parse reads a systemd unit or a supervisor configuration.
func Parse(path string, src []byte) *File {
	f := &File{Path: path}
	section := ""
	env := map[string]string{}
	start := len(f.Commands)
	lines := strings.Split(string(src), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(strings.TrimSuffix(lines[i], "\r"))
		no := i + 1
		for strings.HasSuffix(line, "\\") && i+1 < len(lines) {
			i++
			line = strings.TrimSuffix(line, "\\") + " " + strings.TrimSpace(lines[i])
		}
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			for j := start; j < len(f.Commands); j++ {
				f.Commands[j].Env = env
			}
			section, env, start = strings.Trim(line, "[]"), map[string]string{}, len(f.Commands)
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case k == "ExecStart" || k == "command" && strings.HasPrefix(section, "program:"):
			// systemd prefixes: - @ : + !
			v = strings.TrimLeft(v, "-@:+!")
			f.Commands = append(f.Commands, Command{Section: section, Key: k, Text: v, Line: no})
		case section == "uwsgi" && (k == "http" || k == "http-socket"):
			f.Binds = append(f.Binds, Command{Section: section, Key: k, Text: v, Line: no})
		case k == "Environment":
			for _, kv := range strings.Fields(v) {
				kv = strings.Trim(kv, `"`)
				if ek, ev, ok := strings.Cut(kv, "="); ok {
					env[ek] = ev
				}
			}
		case k == "environment":
			for _, kv := range strings.Split(v, ",") {
				if ek, ev, ok := strings.Cut(strings.TrimSpace(kv), "="); ok {
					env[ek] = strings.Trim(ev, `"'`)
				}
			}
		}
	}
	for j := start; j < len(f.Commands); j++ {
		f.Commands[j].Env = env
	}
	return f
}

// IsSupervisor tells whether a file's start is a supervisor program section
// or a uWSGI [uwsgi] section.
func IsSupervisor(head []byte) bool {
	for _, line := range strings.Split(string(head), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		return strings.HasPrefix(line, "[program:") || strings.HasPrefix(line, "[supervisord]") ||
			line == "[uwsgi]"
	}
	return false
}
