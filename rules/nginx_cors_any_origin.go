package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// NginxCORSAnyOrigin reports nginx adding an Access-Control-Allow-Origin
// header that lets any site in.
var NginxCORSAnyOrigin = &Rule{
	ID:        "FL304",
	Name:      "nginx-cors-any-origin",
	Title:     "nginx sends a cors header that allows any origin",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "cors"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "`add_header Access-Control-Allow-Origin *` lets scripts on every web site read the " +
			"responses. Echoing the request's origin, `$http_origin`, directly, through `set " +
			"$cors $http_origin` or through a `map $http_origin $cors` whose `default` is " +
			"`$http_origin`, does the same for every origin, and together with " +
			"`Access-Control-Allow-Credentials true` it lets any site send the user's cookies " +
			"and read the answers: the app's data is one visited page away, reported as an error. An " +
			"`if ($http_origin ~ ...)` or map pattern that is not anchored at both ends admits " +
			"look-alike origins such as `https://app.example.com.attacker.test`. The rule reads " +
			"the `add_header` set in effect in each location after nginx's inheritance and " +
			"includes.",
		Fix: "Allow a fixed list of origins with a map anchored at both ends and an empty " +
			"default; nginx does not send a header whose value is empty:\n\n" +
			"```nginx\nmap $http_origin $cors_origin {\n    default \"\";\n" +
			"    \"~^https://(www\\.)?example\\.com$\" $http_origin;\n}\n" +
			"server {\n    add_header Access-Control-Allow-Origin $cors_origin always;\n" +
			"    add_header Vary Origin always;\n}\n```\n\n" +
			"For a public, credential-free API `*` is acceptable; then never add " +
			"`Access-Control-Allow-Credentials`.",
		Limitations: "Headers set with `more_set_headers` (headers-more) or by the app are not " +
			"read here. `*` together with credentials is reported at the normal level: browsers " +
			"refuse that combination, so it is broken rather than open.",
	},
	Check: checkNginxCORSAnyOrigin,
}

// originVerdict says why an Access-Control-Allow-Origin value admits any
// origin.
type originVerdict struct {
	reflects bool             // the request's origin is echoed (not "*")
	reason   string           // for the message
	source   *nginx.Directive // the set, map or if behind it; may be nil
}

func checkNginxCORSAnyOrigin(p *Pass) error {
	var out []Finding
	for _, s := range p.Project.NginxModel().Servers {
		for _, eff := range addHeaderSets(s) {
			creds := credentialsHeader(eff.Dirs)
			for _, d := range eff.Dirs {
				f, ok := corsFinding(s.Scope, eff, d, creds)
				if !ok {
					continue
				}
				out = append(out, f)
			}
		}
	}
	reportStrongest(p, out)
	return nil
}

// addHeaderSets returns the add_header sets in effect in a server: at
// server level when it has no locations, else in each location and if.
func addHeaderSets(s *NginxServer) []NginxEffective {
	if len(s.Locations) == 0 {
		return []NginxEffective{s.Effective("add_header")}
	}
	var out []NginxEffective
	for _, l := range s.AllLocations() {
		out = append(out, l.Effective("add_header"))
	}
	return out
}

// credentialsHeader finds add_header Access-Control-Allow-Credentials true.
func credentialsHeader(ds []*nginx.Directive) *nginx.Directive {
	for _, d := range ds {
		if len(d.Args) >= 2 && strings.EqualFold(d.Args[0], "Access-Control-Allow-Credentials") &&
			strings.EqualFold(d.Args[1], "true") {
			return d
		}
	}
	return nil
}

func corsFinding(sc *NginxScope, eff NginxEffective, d, creds *nginx.Directive) (Finding, bool) {
	if len(d.Args) < 2 || !strings.EqualFold(d.Args[0], "Access-Control-Allow-Origin") {
		return Finding{}, false
	}
	v, ok := judgeOrigin(sc, eff, d.Args[1])
	if !ok {
		return Finding{}, false
	}
	msg := fmt.Sprintf("add_header %s %s %s", d.Args[0], d.Args[1], v.reason)
	sev := Medium
	var rel []Related
	if v.source != nil {
		rel = append(rel, Related{Pos: nginxPos(v.source), Message: "the origin comes from here"})
	}
	switch {
	case creds != nil && v.reflects:
		sev = High
		msg += fmt.Sprintf(
			", with Access-Control-Allow-Credentials true (line %d), so any site can send the user's cookies and "+
				"read the answers",
			creds.Line(),
		)
	case creds != nil:
		msg += fmt.Sprintf(" (browsers refuse Access-Control-Allow-Credentials true, line %d, with *)", creds.Line())
	}
	if creds != nil {
		rel = append(rel, Related{Pos: nginxPos(creds), Message: "credentials allowed here"})
	}
	msg += "; allow named origins through a map anchored with ^ and $ and an empty default"
	return Finding{Severity: sev, Pos: nginxPos(d), Message: msg, Related: rel}, true
}

// judgeOrigin decides whether an Access-Control-Allow-Origin value admits
// any origin: "*", $http_origin unguarded, or a variable set or mapped from
// it without an anchored allowlist.
func judgeOrigin(sc *NginxScope, eff NginxEffective, value string) (originVerdict, bool) {
	if value == "*" {
		return originVerdict{reason: "lets every web site read these responses"}, true
	}
	vars := nginxVars(value)
	if containsString(vars, "http_origin") {
		return guardedEcho(eff.From)
	}
	for _, v := range vars {
		for _, set := range sc.Sets[v] {
			if containsString(nginxVars(set.Args[1]), "http_origin") {
				return originVerdict{reflects: true, source: set,
					reason: fmt.Sprintf(
						"echoes every requesting origin ($%s is set from $http_origin on line %d)",
						v,
						set.Line(),
					)}, true
			}
		}
		if mp := sc.Maps[v]; mp != nil && containsString(nginxVars(mp.Source), "http_origin") {
			return judgeOriginMap(mp)
		}
	}
	return originVerdict{}, false
}

// guardedEcho judges $http_origin sent from a block: an if that compares
// the origin exactly or with a fully anchored pattern guards it.
func guardedEcho(from *nginx.Directive) (originVerdict, bool) {
	echo := originVerdict{reflects: true, reason: "echoes every requesting origin"}
	if from == nil || from.Name != "if" || len(from.Args) != 3 || strings.ToLower(from.Args[0]) != "$http_origin" {
		return echo, true
	}
	switch from.Args[1] {
	case "=":
		return originVerdict{}, false
	case "~", "~*":
		if anchoredRegex(from.Args[2]) {
			return originVerdict{}, false
		}
		return weakPattern(from, from.Args[2]), true
	}
	return echo, true
}

// judgeOriginMap judges a map from $http_origin: a default that echoes the
// origin admits all, a pattern without anchors admits look-alikes.
func judgeOriginMap(mp *NginxMap) (originVerdict, bool) {
	if containsString(nginxVars(mp.Default), "http_origin") {
		return originVerdict{reflects: true, source: mp.DefaultAt,
			reason: fmt.Sprintf(
				"echoes every requesting origin ($%s defaults to $http_origin in the map on line %d)",
				mp.Target,
				mp.Dir.Line(),
			)}, true
	}
	for _, e := range mp.Entries {
		if strings.HasPrefix(e.Name, "~") && !anchoredRegex(e.Name) && len(nginxVars(e.Args[0])) > 0 {
			return weakPattern(e, e.Name), true
		}
	}
	return originVerdict{}, false
}

func weakPattern(at *nginx.Directive, re string) originVerdict {
	return originVerdict{reflects: true, source: at,
		reason: fmt.Sprintf(
			"echoes any origin that %s matches (line %d), and the pattern is not anchored with ^ and $, so "+
				"look-alike origins pass",
			re,
			at.Line(),
		)}
}

// anchoredRegex tells whether an nginx regex (with or without its ~ or ~*)
// is anchored at both ends.
func anchoredRegex(re string) bool {
	re = strings.TrimPrefix(strings.TrimPrefix(re, "~"), "*")
	return strings.HasPrefix(re, "^") && strings.HasSuffix(re, "$") && !strings.HasSuffix(re, `\$`)
}
