package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// HeaderInjection reports header values built from variables that can hold
// a line break, which lets a client add headers or split the message.
var HeaderInjection = &Rule{
	ID:        "FL603",
	Name:      "header-injection",
	Title:     "an nginx header is built from a variable that can hold a line break",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "injection"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "nginx decodes the request path before it matches locations: `$uri` and " +
			"`$document_uri` hold `%0d%0a` as a real carriage return and line feed, and so " +
			"does a regex capture whose pattern admits a line feed (`[^/]+`, `\\s`, `(?s).`; a " +
			"plain `.` does not). nginx copies such a value verbatim into `add_header`, into " +
			"the `Location` of `return 30x` and of redirecting `rewrite`s, into " +
			"`proxy_set_header` and into the request line of a `proxy_pass` with variables. A " +
			"request for `/x%0d%0aSet-Cookie:%20session=attacker` then adds a header of the " +
			"client's choosing to the response (session fixation, cache poisoning, cross-site " +
			"scripting through a split response) or to the request the app receives.",
		Fix: "Use `$request_uri`, which stays percent-encoded, instead of `$uri` in redirects " +
			"and headers, and write captures that cannot cross a line: `([^/\\r\\n]+)` or " +
			"`(.+)` instead of `([^/]+)`:\n\n" +
			"```nginx\nlocation / {\n    return 301 https://app.example.com$request_uri;\n}\n" +
			"location ~ ^/files/([^/\\r\\n]+)$ {\n    add_header X-File $1;\n}\n```",
		Limitations: "Captures are read with Go's regular expression parser; a pattern it " +
			"cannot read (PCRE-only syntax) is not judged. A numbered capture is taken from " +
			"the innermost location, `if` or `rewrite` expression around the directive, which " +
			"is what nginx uses in the common cases. Variables assigned with `set` are followed " +
			"for `$uri` and `$document_uri` only.",
	},
	Check: checkHeaderInjection,
}

// lineBreakVars are the variables that hold the decoded request path.
var lineBreakVars = map[string]string{
	"uri":          "the decoded request path",
	"document_uri": "the decoded request path",
}

func checkHeaderInjection(p *Pass) error {
	seen := map[Pos]bool{}
	for _, s := range p.Project.NginxModel().Servers {
		walkServerWithRegex(s, func(d *nginx.Directive, chain regexChain) {
			sink, value := headerSink(d)
			if sink == "" || seen[nginxPos(d)] {
				return
			}
			if why, at := lineBreakValue(s.Scope, value, chain); why != "" {
				seen[nginxPos(d)] = true
				p.Report(headerInjectionFinding(d, sink, why, at))
			}
		})
	}
	return nil
}

// headerSink returns where a directive puts a value into an HTTP message
// ("the X-Path response header") and the value, or "" when it does not.
func headerSink(d *nginx.Directive) (sink, value string) {
	switch {
	case d.Name == "add_header" && len(d.Args) >= 2:
		return "the " + d.Args[0] + " response header", d.Args[1]
	case (d.Name == "proxy_set_header" || d.Name == "grpc_set_header") && len(d.Args) >= 2:
		return "the " + d.Args[0] + " header of the request to the app", d.Args[1]
	case d.Name == "proxy_pass" && len(d.Args) == 1 && strings.Contains(d.Args[0], "$"):
		return "the request line sent to the app", d.Args[0]
	case (d.Name == "return" || d.Name == "rewrite") && isRedirect(d):
		return "the Location header", redirectTarget(d)
	}
	return "", ""
}

// redirectTarget is the URL of a redirecting return or rewrite.
func redirectTarget(d *nginx.Directive) string {
	if d.Name == "rewrite" {
		return d.Args[1]
	}
	return d.Args[len(d.Args)-1]
}

// lineBreakValue finds a variable in value that can hold a line break and
// says why; at is the set or the regular expression behind it, if any.
func lineBreakValue(sc *NginxScope, value string, chain regexChain) (why string, at *nginx.Directive) {
	for _, v := range nginxVarsAsWritten(value) {
		if isTemplatePlaceholder(v) {
			continue
		}
		if what := lineBreakVars[strings.ToLower(v)]; what != "" {
			return fmt.Sprintf("$%s (%s, in which %%0d%%0a is a real line break)", v, what), nil
		}
		if set := setFromPath(sc, v); set != nil {
			return fmt.Sprintf("$%s (set from the decoded request path on line %d)", v, set.Line()), set
		}
		if r, g := chain.lookup(v); g != nil && matchesLineFeed(g) {
			return fmt.Sprintf("$%s (captured by %s on line %d, a group that also matches a decoded %%0a)",
				v, r.Text, r.Dir.Line()), r.Dir
		}
	}
	return "", nil
}

// setFromPath finds a set directive that assigns the decoded path to v.
func setFromPath(sc *NginxScope, v string) *nginx.Directive {
	for _, set := range sc.Sets[strings.ToLower(v)] {
		for _, src := range nginxVars(set.Args[1]) {
			if lineBreakVars[src] != "" {
				return set
			}
		}
	}
	return nil
}

func headerInjectionFinding(d *nginx.Directive, sink, why string, at *nginx.Directive) Finding {
	msg := fmt.Sprintf(
		"%s %s copies %s into %s: a request with %%0d%%0a in its path adds headers of the client's choosing; %s",
		d.Name,
		strings.Join(d.Args, " "),
		why,
		sink,
		lineBreakHint(why),
	)
	var rel []Related
	if at != nil && at != d {
		rel = append(rel, Related{Pos: nginxPos(at), Message: "the value comes from here"})
	}
	return Finding{Pos: nginxPos(d), Message: msg, Related: rel}
}

func lineBreakHint(why string) string {
	if strings.Contains(why, "captured by") {
		return "exclude line breaks from the group, e.g. [^/\\r\\n]+"
	}
	return "use $request_uri, which stays percent-encoded"
}
