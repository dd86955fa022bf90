package rules

// Needles say which files a rule can fire on or read, so that the driver
// parses no Python file that no selected rule needs. A rule lists the byte
// strings without which a Python file gives it nothing, or says that it
// reads every file of a kind. The registry test requires one or the other.
// No rule reads every Python file: a file that holds none of the needles
// of any selected rule, and that no file holding one imports, is not
// parsed at all.
type Needles struct {
	// Python are byte strings, matched without regard to ASCII case: a
	// Python file that holds none of them (and whose name matches none of
	// Names) is not parsed for the rule. The driver still reads the files
	// such a file imports or loads, and the files that import an app.
	Python []string
	// Weak are byte strings that are common outside Flask code ("import
	// socket", "forwarded"): a Python file that holds only weak needles is
	// read only when some Python file of the tree holds a needle of Python
	// or a name of Names (Project.FlaskTree).
	Weak []string
	// Names are parts of base names of Python files the rule reads
	// whatever they hold ("gunicorn" for gunicorn.conf.py).
	Names []string
	// Every lists the kinds of file the rule reads every one of:
	// KindNginx, KindDeploy, KindPins or KindAny.
	Every []string
}

// The kinds of file a rule may read every one of.
const (
	KindNginx  = "nginx"
	KindDeploy = "deploy" // Dockerfile, compose, .env, Procfile, shell, units
	KindPins   = "pins"
	KindAny    = "any" // every file found, read or not
)

// Declared tells whether the rule says what it reads.
func (n Needles) Declared() bool {
	return len(n.Python) > 0 || len(n.Weak) > 0 || len(n.Names) > 0 || len(n.Every) > 0
}

// The needles of the Flask app model: a Python file without any of them
// defines, configures, serves and fronts no app. The model also reads the
// scripts that import an app and the modules that such files import or
// load (config classes and constants), however indirectly, which the
// driver adds.
var appPython = []string{"flask", "werkzeug", "gunicorn", "waitress", "proxyfix", "trusted_hosts"}

// The needles of the app model that also occur in code that has nothing
// to do with Flask: a socket server, a mail parser's "forwarded". In a tree
// where no Python file names the Flask stack, the files that hold only
// these are not read, and the rules report nothing in them.
var appWeak = []string{
	"socketio", "forwarded", "access_route", "real_ip", "real-ip", "access_control", "access-control",
	"cors", "secret_key", "import socket", "from socket import",
}

// The needles rules share.
var (
	// AppNeedles are for a rule that reads the app model or the Python
	// files that serve an app; it also reads nginx and deployment files.
	AppNeedles = Needles{Python: appPython, Weak: appWeak, Names: []string{"gunicorn", "wsgi.py"},
		Every: []string{KindNginx, KindDeploy, KindPins}}
	// NginxFiles is for a rule that reads only the nginx configuration.
	NginxFiles = Needles{Every: []string{KindNginx}}
	// DeployFiles is for a rule that reads only deployment files and pins.
	DeployFiles = Needles{Every: []string{KindDeploy, KindPins}}
	// FlaskCLIFiles is for a rule that reads launches in deployment files
	// and looks for a manage.py that is a Flask CLI.
	FlaskCLIFiles = Needles{Python: []string{"flaskgroup"}, Every: []string{KindDeploy, KindPins}}
	// WebsocketFiles is for a rule that reads nginx and looks for the
	// Python imports of websocket libraries.
	// The needles are the names of websocketModules ("flask_sock" also
	// finds flask_socketio and flask_sockets).
	WebsocketFiles = Needles{Python: []string{"flask_sock", "simple_websocket", "geventwebsocket"},
		Every: []string{KindNginx}}
	// SuppressionFiles is for a rule that reads "# flasklint:" comments.
	SuppressionFiles = Needles{Python: []string{"flasklint"}, Every: []string{KindNginx, KindDeploy}}
	// EveryFile is for a rule that reads every file of every kind, except
	// the Python files that no other selected rule reads.
	EveryFile = Needles{Every: []string{KindNginx, KindDeploy, KindPins, KindAny}}
)

// anyRule are the Python needles of every other rule: FL001 reports the
// syntax errors of the Python files that some rule reads.
func anyRule(self *Rule) Needles {
	n := Needles{Every: EveryFile.Every}
	for _, r := range All {
		if r != self {
			n.Python = append(n.Python, r.Needles.Python...)
			n.Weak = append(n.Weak, r.Needles.Weak...)
			n.Names = append(n.Names, r.Needles.Names...)
		}
	}
	return n
}
