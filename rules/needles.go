package rules

// Needles say which files a rule can fire on or read, so that the driver
// parses no Python file that no selected rule needs. A rule lists the byte
// strings without which a Python file gives it nothing, or says that it
// reads every file of a kind. The registry test requires one or the other.
type Needles struct {
	// Python are byte strings, matched without regard to ASCII case: a
	// Python file that holds none of them (and whose name matches none of
	// Names) is not parsed for the rule. The driver still reads the files
	// such a file imports or loads, and the files that import an app.
	Python []string
	// Names are parts of base names of Python files the rule reads
	// whatever they hold ("gunicorn" for gunicorn.conf.py).
	Names []string
	// Every lists the kinds of file the rule reads every one of:
	// KindPython, KindNginx, KindDeploy, KindPins or KindAny.
	Every []string
}

// The kinds of file a rule may read every one of.
const (
	KindPython = "python"
	KindNginx  = "nginx"
	KindDeploy = "deploy" // Dockerfile, compose, .env, Procfile, shell, units
	KindPins   = "pins"
	KindAny    = "any" // every file found, read or not
)

// EveryPython tells whether the rule reads every Python file.
func (n Needles) EveryPython() bool {
	for _, k := range n.Every {
		if k == KindPython {
			return true
		}
	}
	return false
}

// Declared tells whether the rule says what it reads.
func (n Needles) Declared() bool { return len(n.Python) > 0 || len(n.Names) > 0 || len(n.Every) > 0 }

// The needles of the Flask app model: a Python file without any of them
// defines, configures, serves and fronts no app. The model also reads the
// modules that such a file imports or loads (config classes and constants)
// and the scripts that import an app, which the driver adds.
var appPython = []string{
	"flask", "werkzeug", "gunicorn", "waitress", "socketio", "proxyfix",
	"forwarded", "access_route", "real_ip", "real-ip", "access_control", "access-control",
	"cors", "secret_key", "trusted_hosts", "import socket", "from socket import",
}

// The needles rules share.
var (
	// AppNeedles are for a rule that reads the app model or the Python
	// files that serve an app; it also reads nginx and deployment files.
	AppNeedles = Needles{Python: appPython, Names: []string{"gunicorn", "wsgi.py"},
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
	// EveryFile is for a rule that reads every file of every kind.
	EveryFile = Needles{Every: []string{KindPython, KindNginx, KindDeploy, KindPins, KindAny}}
)
