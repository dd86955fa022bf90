package rules

import "fmt"

// reportDeployProblems reports the deployment files that could not be read
// (FL001): a Dockerfile or compose file that does not parse, a shell script
// the shell parser rejects, env file and Procfile lines that are not entries.
func reportDeployProblems(p *Pass) {
	pr := p.Project
	for _, d := range pr.Dockerfiles {
		if d.Error != "" {
			p.Report(Finding{Pos: lineAt(d.Path, d.ErrorLine), Message: "Dockerfile syntax error: " + d.Error})
		}
	}
	for _, c := range pr.Compose {
		if c.Error != "" {
			p.Report(Finding{Pos: lineAt(c.Path, c.ErrorLine), Message: "compose file is not valid YAML: " + c.Error})
		}
	}
	for _, s := range pr.Scripts {
		if s.Error != "" {
			p.Report(Finding{Pos: lineAt(s.Path, s.ErrorLine), Message: "shell syntax error: " + s.Error +
				"; the commands of this script were not read"})
		}
	}
	for _, f := range pr.EnvFiles {
		if len(f.Bad) > 0 {
			p.Report(
				Finding{Pos: lineAt(f.Path, f.Bad[0]), Message: "env file line is not KEY=VALUE" + more(len(f.Bad)-1)},
			)
		}
	}
	for _, f := range pr.Procfiles {
		if len(f.Bad) > 0 {
			p.Report(
				Finding{
					Pos:     lineAt(f.Path, f.Bad[0]),
					Message: "Procfile line is not \"name: command\"" + more(len(f.Bad)-1),
				},
			)
		}
	}
}

func more(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(" (and %d more)", n)
}
