package rules

import (
	"fmt"
	"strings"
)

// overrideState is what happens to a configuration event afterwards.
type overrideState int

const (
	stays       overrideState = iota // nothing later sets the key
	overridden                       // a later event surely sets the key again
	mayOverride                      // a later load the model cannot follow, or a conditional one, may
)

// laterState tells whether a later event of the app sets the same key
// again, and returns that event.
func laterState(app *App, ev *ConfigEvent) (overrideState, *ConfigEvent) {
	after := false
	var maybe *ConfigEvent
	for _, later := range app.Config {
		if later == ev {
			after = true
			continue
		}
		if !after || later.Key != ev.Key && !later.Opaque {
			continue
		}
		if !later.Opaque && !later.Conditional {
			return overridden, later
		}
		if maybe == nil {
			maybe = later
		}
	}
	if maybe != nil {
		return mayOverride, maybe
	}
	return stays, nil
}

// isLoader tells whether an event comes from a load of a class, module or
// file (from_object, from_pyfile) rather than a statement that names the
// key itself.
func (ev *ConfigEvent) isLoader() bool {
	return strings.HasPrefix(ev.Via, "from_object(") || strings.HasPrefix(ev.Via, "from_pyfile(")
}

// configSite is where a finding about a configuration value goes: the line
// that writes the value (a class attribute, a module constant, the
// assignment) with the load as a related location when they differ.
func configSite(ev *ConfigEvent) (Pos, []Related) {
	here := nodePos(ev.File, ev.Node)
	o := ev.Value.Origin
	if !ev.isLoader() || !o.Valid() {
		return here, nil
	}
	at := o.Node
	if p := at.Parent(); p != nil && p.Type() == "assignment" && p.Child("right") == at {
		at = p // the whole KEY = value line
	}
	pos := nodePos(o.File, at)
	return pos, []Related{{Pos: here, Message: "the value is loaded here"}}
}

// configSubject names the event in a message: `app.config["DEBUG"] = True`,
// `DEBUG=True in app.config.update(...)`, `DEBUG = True (loaded by
// from_object(Dev) at line 9)`.
func configSubject(ev *ConfigEvent, at Pos) string {
	switch {
	case ev.isLoader():
		line := nodePos(ev.File, ev.Node).StartLine
		where := fmt.Sprintf("line %d", line)
		if ev.File.Path != at.File {
			where = fmt.Sprintf("%s:%d", ev.File.Path, line)
		}
		return fmt.Sprintf("%s = %s, loaded by %s at %s,", ev.Key, ev.Value.Python(), shorten(ev.Via), where)
	case strings.HasSuffix(ev.Via, "(...)"):
		return fmt.Sprintf("%s=%s in %s", ev.Key, ev.Value.Python(), shorten(ev.Via))
	}
	return shortText(ev.File, ev.Node)
}

// appLabel names an app in a message: its variable, else its creation.
func appLabel(app *App) string {
	if app.Name != "" {
		return app.Name
	}
	return shortText(app.File, app.Call)
}

// mayOverrideNote is the message fragment for a value a later load may
// replace.
func mayOverrideNote(later *ConfigEvent, at Pos) string {
	line := nodePos(later.File, later.Node).StartLine
	where := fmt.Sprintf("line %d", line)
	if later.File.Path != at.File {
		where = fmt.Sprintf("%s:%d", later.File.Path, line)
	}
	return fmt.Sprintf(" (unless %s at %s replaces it)", later.Via, where)
}

// siteKey identifies a finding position for de-duplication.
func siteKey(p Pos) string { return fmt.Sprintf("%s:%d:%d", p.File, p.StartLine, p.StartCol) }

// reportOnce reports findings, one per position, keeping the most severe.
func reportOnce(p *Pass, fs []Finding) {
	best := map[string]int{}
	var order []string
	for i, f := range fs {
		k := siteKey(f.Pos)
		j, seen := best[k]
		if !seen {
			order = append(order, k)
			best[k] = i
		} else if f.Severity > fs[j].Severity {
			best[k] = i
		}
	}
	for _, k := range order {
		p.Report(fs[best[k]])
	}
}

// lineRef names where o is, relative to the file of a finding: "line 4"
// or "config.py:4".
func lineRef(o Origin, file string) string {
	if o.File.Path == file {
		return fmt.Sprintf("line %d", o.Line())
	}
	return fmt.Sprintf("%s:%d", o.File.Path, o.Line())
}

// shorten cuts a text for a message the way shortText does.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
