package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// VariableProxyPass reports proxy_pass and its siblings taking the host to
// connect to from the request.
var VariableProxyPass = &Rule{
	ID:        "FL604",
	Name:      "variable-proxy-pass",
	Title:     "nginx connects to a host that the client chooses",
	Severity:  High,
	Precision: HighPrecision,
	Tags:      []string{"security", "nginx", "ssrf"},
	Needles:   NginxFiles,
	Doc: Doc{
		Why: "When the host of `proxy_pass` (or `uwsgi_pass`, `fastcgi_pass`, `grpc_pass`) comes " +
			"from the request, nginx connects wherever the client says: `proxy_pass " +
			"http://$http_x_backend` or `proxy_pass http://$1.internal` with a capture of the " +
			"path lets anyone reach the metadata service, the database's admin port or the " +
			"Flask app's own debug port from inside the network (server-side request forgery). " +
			"Request headers (`$http_*`), query parameters (`$arg_*`), cookies, the path and " +
			"regex captures of it are all the client's, and so is `$host` in a server that " +
			"receives requests for any host name (the default server of its socket without a " +
			"host check). Variables assigned with `set` or a `map` are followed to their source.",
		Fix: "Proxy to a fixed upstream, and pick among fixed targets with a `map` whose values " +
			"are constants:\n\n" +
			"```nginx\nmap $http_x_tenant $backend {\n    default app_main;\n    beta    app_beta;\n}\n" +
			"location / {\n    proxy_pass http://$backend;\n}\n```",
		Limitations: "Upper-case variables such as `$FLASK_SERVER_ADDR` are taken to be envsubst or " +
			"template placeholders filled in before nginx starts, not nginx variables. `$host` in a " +
			"server that only receives its listed names is not reported. Values built by " +
			"`js_set`, `perl_set` or Lua are not followed.",
	},
	Check: checkVariableProxyPass,
}

func checkVariableProxyPass(p *Pass) error {
	seen := map[Pos]bool{}
	for _, s := range p.Project.NginxModel().Servers {
		walkServerWithRegex(s, func(d *nginx.Directive, chain regexChain) {
			if _, ok := passModules[d.Name]; !ok || len(d.Args) == 0 || seen[nginxPos(d)] {
				return
			}
			j := clientJudge{s: s, chain: chain}
			for _, v := range nginxVarsAsWritten(passAuthority(d.Args[0])) {
				if why, at := j.reason(v, 0); why != "" {
					seen[nginxPos(d)] = true
					p.Report(variablePassFinding(d, v, why, at))
					return
				}
			}
		})
	}
	return nil
}

// pathVars are variables that hold a path or query, not a host.
var pathVars = []string{"$request_uri", "$uri", "$document_uri", "$is_args", "${request_uri}", "${uri}"}

// passAuthority returns the host[:port] part of a pass target: after the
// scheme, up to the path. Variables that hold a path ($request_uri, $uri)
// end it too.
func passAuthority(target string) string {
	if i := strings.Index(target, "://"); i >= 0 {
		target = target[i+3:]
	}
	if strings.HasPrefix(target, "unix:") {
		return ""
	}
	if i := strings.IndexAny(target, "/?"); i >= 0 {
		target = target[:i]
	}
	for _, v := range pathVars {
		if i := strings.Index(target, v); i > 0 {
			target = target[:i]
		}
	}
	return target
}

func variablePassFinding(d *nginx.Directive, v, why string, at *nginx.Directive) Finding {
	msg := fmt.Sprintf(
		"%s %s takes its host from $%s, %s: any client can make nginx connect to a host of its choice "+
			"(server-side request forgery); proxy to a fixed upstream, or map allowed values to fixed targets",
		d.Name,
		d.Args[0],
		v,
		why,
	)
	var rel []Related
	if at != nil && at != d {
		rel = append(rel, Related{Pos: nginxPos(at), Message: "the host comes from here"})
	}
	return Finding{Pos: nginxPos(d), Message: msg, Related: rel}
}

// clientJudge decides whether a variable, at a place of a server, holds a
// value the client chose.
type clientJudge struct {
	s     *NginxServer
	chain regexChain
}

// maxVarDepth bounds how far set and map chains are followed.
const maxVarDepth = 4

// reason says why the variable v (as written) is the client's, "" when it
// is not; at is the set, map or regular expression it comes from.
func (j clientJudge) reason(v string, depth int) (string, *nginx.Directive) {
	if isTemplatePlaceholder(v) || depth > maxVarDepth {
		return "", nil
	}
	if why := requestVarReason(v); why != "" {
		return why, nil
	}
	if strings.ToLower(v) == "host" && j.anyHost() {
		return "the host name the client sent (this server receives requests for any host name)", nil
	}
	if r, g := j.chain.lookup(v); g != nil {
		return fmt.Sprintf("captured from the request by %s (line %d)", r.Text, r.Dir.Line()), r.Dir
	}
	for _, set := range j.s.Scope.Sets[strings.ToLower(v)] {
		for _, src := range nginxVarsAsWritten(set.Args[1]) {
			if why, _ := j.reason(src, depth+1); why != "" {
				return fmt.Sprintf("set from $%s on line %d (%s)", src, set.Line(), why), set
			}
		}
	}
	if mp := j.s.Scope.Maps[strings.ToLower(v)]; mp != nil {
		return j.mapReason(mp, depth)
	}
	return "", nil
}

// anyHost tells whether $host can be any name in the server.
func (j clientJudge) anyHost() bool {
	return (j.s.IsDefault() || j.s.CatchAllName()) && j.s.Rejects == nil && j.s.HostCheck == nil
}

// mapReason judges a map target: it is the client's when one of its values
// holds a client-controlled variable, or a capture of a key matched against
// a client-controlled source.
func (j clientJudge) mapReason(mp *NginxMap, depth int) (string, *nginx.Directive) {
	values := append([]*nginx.Directive{}, mp.Entries...)
	if mp.DefaultAt != nil {
		values = append(values, mp.DefaultAt)
	}
	srcWhy := ""
	for _, src := range nginxVarsAsWritten(mp.Source) {
		if why, _ := j.reason(src, depth+1); why != "" {
			srcWhy = why
		}
	}
	for _, e := range values {
		key := parseNginxRegex(e, strings.TrimPrefix(strings.TrimPrefix(e.Name, "~"), "*"))
		for _, v := range nginxVarsAsWritten(e.Args[0]) {
			if key.capture(v) != nil && strings.HasPrefix(e.Name, "~") && srcWhy != "" {
				return fmt.Sprintf("mapped on line %d from a capture of %s (%s)", e.Line(), mp.Source, srcWhy), e
			}
			if why, _ := j.reason(v, depth+1); why != "" {
				return fmt.Sprintf("mapped on line %d to $%s (%s)", e.Line(), v, why), e
			}
		}
	}
	return "", nil
}

// requestVarReason describes the request variables the client writes.
func requestVarReason(v string) string {
	lower := strings.ToLower(v)
	switch {
	case clientVars[lower] != "":
		return clientVars[lower]
	case strings.HasPrefix(lower, "http_"):
		return "the " + headerName(strings.TrimPrefix(lower, "http_")) + " header the client sent"
	case strings.HasPrefix(lower, "arg_"):
		return "the query parameter " + strings.TrimPrefix(v, "arg_")
	case strings.HasPrefix(lower, "cookie_"):
		return "the cookie " + strings.TrimPrefix(v, "cookie_")
	}
	switch lower {
	case "args", "query_string":
		return "the query string"
	case "request_uri", "uri", "document_uri":
		return "the request path"
	case "request_body":
		return "the request body"
	}
	return ""
}

// headerName turns a variable suffix (x_backend) into a header name
// (X-Backend).
func headerName(s string) string {
	parts := strings.Split(s, "_")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}
