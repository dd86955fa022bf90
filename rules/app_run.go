package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// RunSetting is where a setting of a development-server start comes from:
// an argument of the call or the app's configuration.
type RunSetting struct {
	Value  Value
	Phrase string       // how to name it in a message: `debug=True`, `DEBUG=True from app.config["DEBUG"]`
	Expr   *python.Node // the argument expression, nil for a configuration value
	Config *ConfigEvent // set when the value comes from the configuration
}

// DebugOf tells whether a run call turns the Werkzeug debugger on, and
// through what. ok is false when it is off or cannot be told.
func (m *AppModel) DebugOf(run *RunCall) (s RunSetting, ok bool) {
	f := run.File
	if run.UseDebugger != nil {
		// use_debugger decides over debug for the debugger itself.
		v := m.Resolver.Resolve(f, run.UseDebugger)
		phrase := argPhrase("use_debugger", f, run.UseDebugger, v)
		return RunSetting{Value: v, Expr: run.UseDebugger, Phrase: phrase}, v.IsOn()
	}
	if run.Simple {
		return RunSetting{}, false // run_simple's use_debugger defaults to False
	}
	if run.Debug != nil {
		v := m.Resolver.Resolve(f, run.Debug)
		if v.Kind != NoneVal {
			return RunSetting{Value: v, Expr: run.Debug, Phrase: argPhrase("debug", f, run.Debug, v)}, v.IsOn()
		}
		// debug=None leaves app.debug, the DEBUG key, as it is.
	}
	if run.Splat {
		return RunSetting{}, false
	}
	ev, state := m.ConfigAt(run.App, "DEBUG", f, run.Call)
	if state != ConfigSet {
		return RunSetting{}, false
	}
	s = RunSetting{Value: ev.Value, Config: ev}
	s.Phrase = fmt.Sprintf("DEBUG=%s from %s", ev.Value.Python(), ev.Via)
	return s, ev.Value.IsOn()
}

// HostOf is the address a run call binds. ok is false when it cannot be
// told. A falsy host falls back to the host of SERVER_NAME, else loopback.
func (m *AppModel) HostOf(run *RunCall) (s RunSetting, host string, ok bool) {
	f := run.File
	if run.Host != nil {
		v := m.Resolver.Resolve(f, run.Host)
		on, known := v.Truthy()
		switch {
		case !known || on && (v.Kind != StrVal || v.Partial):
			return RunSetting{}, "", false
		case on:
			return RunSetting{Value: v, Expr: run.Host, Phrase: argPhrase("host", f, run.Host, v)}, v.Str, true
		}
	} else if run.Splat {
		return RunSetting{}, "", false
	}
	if run.Simple {
		return RunSetting{}, "", false // run_simple has no SERVER_NAME fallback
	}
	if run.App == nil || run.SocketIO {
		return RunSetting{}, "127.0.0.1", true
	}
	ev, state := m.ConfigAt(run.App, "SERVER_NAME", f, run.Call)
	switch {
	case state == ConfigUnset:
		return RunSetting{}, "127.0.0.1", true
	case state == ConfigUnknown || ev.Value.Kind != StrVal && ev.Value.Kind != NoneVal || ev.Value.Partial:
		return RunSetting{}, "", false
	case ev.Value.Str == "":
		return RunSetting{}, "127.0.0.1", true
	}
	s = RunSetting{Value: ev.Value, Config: ev}
	s.Phrase = fmt.Sprintf("SERVER_NAME=%s from %s", ev.Value.Python(), ev.Via)
	return s, serverNameHost(ev.Value.Str), true
}

// serverNameHost is the host part of a SERVER_NAME value.
func serverNameHost(sn string) string {
	if strings.HasPrefix(sn, "[") {
		if i := strings.Index(sn, "]"); i > 0 {
			return sn[:i+1]
		}
	}
	if strings.Count(sn, ":") > 1 {
		return sn // a bare IPv6 address
	}
	host, _, _ := strings.Cut(sn, ":")
	return host
}
