package rules

import (
	"path"
	"strings"
	"sync"

	"github.com/flasklint/flasklint/parsers/compose"
	"github.com/flasklint/flasklint/parsers/dockerfile"
	"github.com/flasklint/flasklint/parsers/dotenv"
	"github.com/flasklint/flasklint/parsers/nginx"
	"github.com/flasklint/flasklint/parsers/packagejson"
	"github.com/flasklint/flasklint/parsers/pins"
	"github.com/flasklint/flasklint/parsers/procfile"
	"github.com/flasklint/flasklint/parsers/python"
	"github.com/flasklint/flasklint/parsers/shell"
	"github.com/flasklint/flasklint/parsers/unit"
)

// Project is everything the driver read from the scanned tree, parsed once
// and shared by every rule. Rules must not modify it.
type Project struct {
	Python []*python.File // sorted by path
	// NeedlessPython are the Python files that none of the selected rules'
	// needles lead to: no rule can find anything in them, so they are not
	// parsed (see Needles). They are in Python only when the pre-scan is
	// off, and are then still not reported as unparsable.
	NeedlessPython map[string]bool
	Nginx          *nginx.Set
	// Pins are the files that state Python package versions, sorted by path.
	Pins   []*pins.File
	Unread []Unread // files found but not read
	// The deployment files, each sorted by path: how the app is built,
	// launched and configured (issue #5).
	Dockerfiles []*dockerfile.File
	Compose     []*compose.File
	EnvFiles    []*dotenv.File
	Procfiles   []*procfile.File
	Scripts     []*ShellFile
	Units       []*unit.File // systemd units, supervisor programs and uWSGI files
	Packages    []*packagejson.File
	// Launched maps a Python file to the launch file (Dockerfile CMD,
	// compose command, Procfile, systemd unit, shell entrypoint) that runs
	// it as a program, which raises findings under its __main__ guard to
	// their normal level. LinkLaunches fills it; LaunchPos holds where.
	Launched  map[string]string
	LaunchPos map[string]Pos
	// Suppressions are the "# flasklint:" comments of every file read.
	Suppressions []Suppression
	// Repos are the directories below the top of the tree that hold a git
	// repository (a .git), sorted: each is split into projects as the tree
	// is (see projectKey).
	Repos []string

	nginxOnce  sync.Once
	nginxModel *NginxModel
	appOnce    sync.Once
	appModel   *AppModel
	linkOnce   sync.Once
	deployLink *DeployLink
	derived    derived
}

// NginxModel returns the effective nginx configuration, built on first use.
func (p *Project) NginxModel() *NginxModel {
	p.nginxOnce.Do(func() { p.nginxModel = buildNginxModel(p.Nginx) })
	return p.nginxModel
}

// AppModel returns the model of the Flask application code, built on first use.
func (p *Project) AppModel() *AppModel {
	p.appOnce.Do(func() { p.appModel = buildAppModel(p.Python) })
	return p.appModel
}

// LaunchedBy names the launch file that runs the Python file as a
// program, or "".
func (p *Project) LaunchedBy(file string) string { return p.Launched[file] }

// Pass is what a rule's check is handed: the project and a way to report.
type Pass struct {
	Rule    *Rule
	Project *Project
	report  func(Finding)
}

// NewPass is used by the driver to run one rule.
func NewPass(r *Rule, p *Project, report func(Finding)) *Pass {
	return &Pass{Rule: r, Project: p, report: report}
}

// Report records a finding. A zero severity takes the rule's default. A
// finding in a test, example or documentation file is lowered to a note
// (low): where code runs decides the level, not whether it is reported.
func (p *Pass) Report(f Finding) {
	f.RuleID = p.Rule.ID
	if f.Severity == 0 {
		f.Severity = p.Rule.Severity
	}
	if p.Rule.Family() != "0" && f.Severity > Low {
		if kind := NonProductionKind(f.Pos.File); kind != "" {
			f.Severity = Low
			f.Message += " (in " + kind + " code, which no launch file runs)"
		}
	}
	p.report(f)
}

// NonProductionKind tells whether a file is test, example or documentation
// code ("test", "example", "documentation"), or "" for application code.
func NonProductionKind(file string) string {
	base := path.Base(file)
	if strings.HasPrefix(base, "test_") && strings.HasSuffix(base, ".py") ||
		strings.HasSuffix(base, "_test.py") || base == "conftest.py" || base == "tests.py" {
		return "test"
	}
	for _, dir := range strings.Split(path.Dir(file), "/") {
		switch dir {
		case "test", "tests", "testing":
			return "test"
		case "example", "examples", "sample", "samples":
			return "example"
		case "doc", "docs":
			return "documentation"
		}
	}
	return ""
}

// ShellFile is a shell script (an entrypoint, a boot script), split into its
// simple commands.
type ShellFile struct {
	Path      string
	Commands  []shell.Command
	Error     string // why it could not be parsed, at ErrorLine and ErrorCol (0: unknown)
	ErrorLine int
	ErrorCol  int
}
