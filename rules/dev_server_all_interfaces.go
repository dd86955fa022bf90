package rules

import (
	"fmt"
	"strings"
)

// DevServerAllInterfaces reports development-server starts bound to every
// interface.
var DevServerAllInterfaces = &Rule{
	ID:        "FL201",
	Name:      "dev-server-all-interfaces",
	Title:     "the development server listens on all interfaces",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "exposure"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "`app.run(host=\"0.0.0.0\")` (or `::`, `[::]`, `::0`) makes Werkzeug's development " +
			"server answer on every network interface. That server is single-purpose: it is not " +
			"hardened, not tuned, and with debug on it is a remote shell. The host is followed " +
			"through constants, f-strings, environment defaults (`os.environ.get(\"APP_HOST\", " +
			"\"0.0.0.0\")` binds everywhere unless `APP_HOST` is set), argparse defaults and the `SERVER_NAME` " +
			"fallback: a falsy host takes the host of `SERVER_NAME`, so `SERVER_NAME = " +
			"\"0.0.0.0:5000\"` binds everywhere too.\n\n" +
			"`app.run(host=\"\")` is loopback: Flask replaces a falsy host with `127.0.0.1`. The " +
			"address as data (block lists, CIDRs, allowlisted URLs, tests) is never reported: " +
			"only a value that reaches the run call is.\n\n" +
			"Critical with debug on; a note when the call only runs under " +
			"`if __name__ == \"__main__\":` and no launch file is known to run the module.\n\n" +
			"When a container runs the module (a Dockerfile `CMD python app.py`, a compose " +
			"`command`), `0.0.0.0` is how the app is reached at all and the port publishing decides: " +
			"a port published on every host interface makes it a warning (critical with the " +
			"debugger on, the compose port as a related location); only `expose`, or a port " +
			"published on `127.0.0.1`, makes it a note, unless the debugger is on (whatever reaches " +
			"the container, a proxy in front, reaches the debugger); a container whose publishing " +
			"is not in the tree gives a warning.",
		Fix: "Serve the app with a WSGI server (gunicorn, waitress, uWSGI) and keep `app.run()` for " +
			"local work on `127.0.0.1`. In a container, bind the WSGI server, not the development " +
			"server, and decide the exposure with the published ports.",
		Limitations: "`flask run --host` and `FLASK_RUN_HOST` in launch files are other rules' " +
			"business. A host computed at run time (a function with several returns, a value read " +
			"from a file) is not followed and not reported.",
	},
	Check: checkDevServerAllInterfaces,
}

func checkDevServerAllInterfaces(p *Pass) error {
	m := p.Project.AppModel()
	for _, run := range m.Runs {
		hs, host, ok := m.HostOf(run)
		if !ok || !allInterfacesHost(host) {
			continue
		}
		run, launch, launchRel := launchedRun(p.Project, run)
		f := devServerFinding(m, run, hs, host)
		f.Message += launch
		f.Related = append(f.Related, launchRel...)
		if l, ok := p.Project.launchOf(run.File.Path); ok && launch != "" {
			f = containerBind(p.Project, l, f)
		}
		p.Report(f)
	}
	return nil
}

func devServerFinding(m *AppModel, run *RunCall, hs RunSetting, host string) Finding {
	f := run.File
	var msg strings.Builder
	if hs.Config != nil {
		call := run.Via + "()"
		if run.Host != nil {
			call = fmt.Sprintf("%s(host=%s)", run.Via, shortText(f, run.Host))
		}
		fmt.Fprintf(&msg, "%s falls back to %s: the development server listens on %q, all interfaces",
			call, hs.Phrase, host)
	} else {
		fmt.Fprintf(&msg, "%s makes the development server listen on all interfaces through %s", hs.Phrase, run.Via)
	}
	msg.WriteString(originNote(hs.Value, f, run.Call))

	sev := High
	if dbg, on := m.DebugOf(run); on {
		sev = Critical
		fmt.Fprintf(&msg, ", with the werkzeug debugger on (%s)", dbg.Phrase)
	}
	if run.MainGuard {
		sev = Low // no launch file runs the module (launchedRun)
		msg.WriteString(mainGuardNote)
	}
	return Finding{
		Severity: sev,
		Pos:      nodePos(f, run.Call),
		Message:  msg.String(),
		Related:  relatedOrigin(hs.Value, f, run.Call, "the host is set here"),
	}
}
