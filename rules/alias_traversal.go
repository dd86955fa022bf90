package rules

import (
	"fmt"
	"strings"
)

// AliasTraversal reports the off-by-slash alias that lets a request climb
// out of the aliased directory.
var AliasTraversal = &Rule{
	ID:        "FL601",
	Name:      "alias-traversal",
	Title:     "an nginx alias lets requests climb out of its directory",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "path-traversal"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "nginx builds the file name of an `alias` by replacing the location's prefix with " +
			"the alias. With `location /static { alias /app/static/; }` the prefix has no " +
			"trailing slash and the alias has one, so `/static../app.py` becomes " +
			"`/app/static/../app.py`: one directory up, where a Flask project keeps its code, " +
			"`config.py`, `.env` and the database file. The static folder of a Flask app is the " +
			"classic place for this line.",
		Fix: "End both with a slash, or neither:\n\n" +
			"```nginx\nlocation /static/ {\n    alias /app/static/;\n}\n```\n\n" +
			"When the location and the alias end the same way, `root` is simpler still: " +
			"`location /static/ { root /app; }`.",
		Limitations: "Regex locations (whose alias uses captures) are not judged.",
	},
	Check: func(p *Pass) error {
		for _, h := range p.Project.NginxModel().Find("alias") {
			if len(h.Parents) == 0 || len(h.Dir.Args) == 0 {
				continue
			}
			loc := h.Parents[len(h.Parents)-1]
			prefix := prefixLocation(loc.Name, loc.Args)
			alias := h.Dir.Args[0]
			if prefix == "" || strings.HasSuffix(prefix, "/") || !strings.HasSuffix(alias, "/") {
				continue
			}
			msg := fmt.Sprintf(
				"location %s has no trailing slash but alias %s has one: a request for %s../ is served from "+
					"%s../, one directory up; write location %s/",
				prefix,
				alias,
				prefix,
				alias,
				prefix,
			)
			p.Report(Finding{Pos: nginxPos(h.Dir), Message: msg,
				Related: []Related{{Pos: nginxPos(loc), Message: "the location prefix"}}})
		}
		return nil
	},
}

// prefixLocation returns the prefix of a prefix location (location /x,
// location ^~ /x), "" for exact, regex and named locations.
func prefixLocation(name string, args []string) string {
	if name != "location" {
		return ""
	}
	switch {
	case len(args) == 1 && strings.HasPrefix(args[0], "/"):
		return args[0]
	case len(args) == 2 && args[0] == "^~":
		return args[1]
	}
	return ""
}
