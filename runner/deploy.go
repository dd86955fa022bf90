package runner

import (
	"io"
	"os"
	"path"
	"strings"

	"github.com/flasklint/flasklint/parsers/compose"
	"github.com/flasklint/flasklint/parsers/dockerfile"
	"github.com/flasklint/flasklint/parsers/dotenv"
	"github.com/flasklint/flasklint/parsers/packagejson"
	"github.com/flasklint/flasklint/parsers/procfile"
	"github.com/flasklint/flasklint/parsers/shell"
	"github.com/flasklint/flasklint/parsers/unit"
	"github.com/flasklint/flasklint/rules"
)

// The deployment file kinds: how the app is built, launched and configured.
const (
	KindDockerfile Kind = 200 + iota
	KindCompose
	KindEnv
	KindProcfile
	KindShell
	KindUnit // systemd unit or supervisor program
	KindPackageJSON
)

// unitKind tells whether a file is a systemd unit (*.service) or a
// supervisor configuration (an INI file whose first section is a program).
func unitKind(rel, abs string) Kind {
	switch path.Ext(rel) {
	case ".service":
		return KindUnit
	case ".conf", ".ini":
		head, err := readHead(abs)
		if err == nil && unit.IsSupervisor(head) {
			return KindUnit
		}
	}
	return 0
}

func readHead(abs string) ([]byte, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	return buf[:n], nil
}

// deployKind tells whether a file is a deployment file, by its name.
func deployKind(rel string) Kind {
	name := path.Base(rel)
	lower := strings.ToLower(name)
	ext := path.Ext(lower)
	switch {
	case name == "Dockerfile" || name == "Containerfile" || strings.HasPrefix(name, "Dockerfile.") ||
		strings.HasSuffix(lower, ".dockerfile"):
		if ext == ".dockerignore" || ext == ".md" || ext == ".j2" || ext == ".jinja" {
			return 0
		}
		return KindDockerfile
	case (strings.HasPrefix(lower, "docker-compose") || strings.HasPrefix(lower, "compose.") ||
		lower == "compose.yaml" || lower == "compose.yml") && (ext == ".yml" || ext == ".yaml"):
		return KindCompose
	case name == "package.json":
		return KindPackageJSON
	case name == "Procfile" || strings.HasPrefix(name, "Procfile."):
		return KindProcfile
	case dotenv.IsEnvFile(name):
		return KindEnv
	case ext == ".sh":
		return KindShell
	}
	return 0
}

// parseDeploy parses the deployment files into the project.
func parseDeploy(project *rules.Project, kinds map[string]Kind, paths []string, sources map[string][]byte) {
	for _, p := range paths {
		src := sources[p]
		switch kinds[p] {
		case KindDockerfile:
			project.Dockerfiles = append(project.Dockerfiles, dockerfile.Parse(p, src))
		case KindCompose:
			project.Compose = append(project.Compose, compose.Parse(p, src))
		case KindEnv:
			project.EnvFiles = append(project.EnvFiles, dotenv.Parse(p, src))
		case KindProcfile:
			project.Procfiles = append(project.Procfiles, procfile.Parse(p, src))
		case KindUnit:
			project.Units = append(project.Units, unit.Parse(p, src))
		case KindPackageJSON:
			project.Packages = append(project.Packages, packagejson.Parse(p, src))
		case KindShell:
			s := &rules.ShellFile{Path: p}
			if cmds, err := shell.Parse(string(src)); err != nil {
				s.Error = err.Error()
				s.ErrorLine, s.ErrorCol = shell.ErrorPos(err)
			} else {
				s.Commands = cmds
			}
			project.Scripts = append(project.Scripts, s)
		}
	}
}
