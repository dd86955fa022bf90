// Package unit reads the INI-style files that start programs: systemd
// units (ExecStart=), supervisor programs (command=) and uWSGI .ini files
// (http =, http-socket =), with the line of every command. Continuation lines ending in a backslash are joined.
package unit

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/source"
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
	// Bad lists the lines that are neither a [section], a key=value
	// setting, a comment, blank, nor a template line, and BadCol the
	// column of their first character.
	Bad, BadCol []int
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
		systemd := strings.HasSuffix(path, ".service")
		// Supervisor reads its files as INI, where an indented line goes on
		// the value of the setting above it.
		for !systemd && line[0] != '[' && i+1 < len(lines) && continuation(lines[i+1]) {
			i++
			line += " " + strings.TrimSpace(strings.TrimSuffix(lines[i], "\r"))
		}
		if line[0] == '[' {
			for j := start; j < len(f.Commands); j++ {
				f.Commands[j].Env = env
			}
			section, env, start = strings.Trim(line, "[]"), map[string]string{}, len(f.Commands)
			continue
		}
		k, v, ok := cutSetting(line, systemd)
		if !ok || strings.TrimSpace(k) == "" {
			if badLine(systemd, section, line) {
				raw := lines[no-1]
				f.Bad = append(f.Bad, no)
				f.BadCol = append(f.BadCol, 1+len(raw)-len(strings.TrimLeft(raw, " \t")))
			}
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

// continuation tells whether a raw line is an INI continuation line: it is
// indented and holds something other than a comment.
func continuation(raw string) bool {
	t := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
	return t != "" && (raw[0] == ' ' || raw[0] == '\t') && t[0] != '#' && t[0] != ';'
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

// badLine tells whether a line with no "=" cannot be read: systemd ignores
// it, supervisor (an INI parser) refuses it unless it is "key: value".
// uWSGI skips such lines, and template lines are not the file's own syntax.
func badLine(systemd bool, section, line string) bool {
	if section == "uwsgi" || source.HasTemplate(line) {
		return false
	}
	if k, _, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) != "" && !systemd {
		return false
	}
	return true
}

// cutSetting splits "key=value"; supervisor's INI parser also takes
// "key: value", the first of the two separators deciding.
func cutSetting(line string, systemd bool) (k, v string, ok bool) {
	i := strings.IndexByte(line, '=')
	if c := strings.IndexByte(line, ':'); !systemd && c >= 0 && (i < 0 || c < i) {
		i = c
	}
	if i < 0 {
		return line, "", false
	}
	return line[:i], line[i+1:], true
}
