package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// autoindexArg finds the value of an autoindex directive.
var autoindexArg = regexp.MustCompile(`^autoindex\s+"?(on)\b`)

// AutoindexOn reports directory listings turned on.
var AutoindexOn = &Rule{
	ID:        "FL607",
	Name:      "autoindex-on",
	Title:     "nginx lists the files of a directory",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "exposure"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "`autoindex on` answers a request for a directory without an index file with a " +
			"listing of everything in it. Next to a Flask app that is typically the static or " +
			"upload folder, or, through a `root` that points at the project, the source code, " +
			"`.env` files, database dumps and backups that nobody meant to publish: the listing " +
			"hands out their names, and nginx serves them.",
		Fix: "Remove `autoindex on` (the default is off) and serve only known files; for a " +
			"download area, let the app build the list it means to show.",
		Limitations: "A listing may be intended (a public mirror); then suppress the finding " +
			"with a justification.",
	},
	Check: func(p *Pass) error {
		for _, h := range p.Project.NginxModel().Find("autoindex") {
			if len(h.Dir.Args) != 1 || h.Dir.Args[0] != "on" {
				continue
			}
			msg := "autoindex on lists every file of the directories served here"
			if dir := servedDirectory(h); dir != "" {
				msg += " (" + dir + ")"
			}
			p.Report(Finding{Pos: nginxPos(h.Dir), Message: msg + "; remove it and serve only known files",
				Fix: replaceInLine(nginxSrc(p.Project, h.Dir.File), nginxPos(h.Dir), autoindexArg, "off",
					"set autoindex off")})
		}
		return nil
	},
}

// servedDirectory names the alias or root in effect at a directive.
func servedDirectory(h NginxHit) string {
	if alias := h.Inherited("alias"); alias != nil && len(alias.Args) > 0 {
		return fmt.Sprintf("alias %s", strings.Join(alias.Args, " "))
	}
	if root := h.Inherited("root"); root != nil && len(root.Args) > 0 {
		return fmt.Sprintf("root %s", strings.Join(root.Args, " "))
	}
	return ""
}
