package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// SSRFRequestURL reports outbound requests to URLs taken from the request.
var SSRFRequestURL = &Rule{
	ID:        "FL801",
	Name:      "ssrf-request-url",
	Title:     "an outbound request goes to a url the client chose",
	Severity:  High,
	Precision: MediumPrec,
	Tags:      []string{"security", "ssrf"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "A view that fetches a URL taken from `request.args`, `request.form`, `request.json`, " +
			"`request.values`, `request.get_json()` or a route parameter, with `requests`, `httpx`, " +
			"`urllib.request.urlopen` or `http.client`, lets any client make the server send " +
			"requests on its behalf: to cloud metadata endpoints (`169.254.169.254`), to services " +
			"on `localhost` or the internal network that trust the server, to admin interfaces " +
			"behind the firewall. DNS rebinding feeds the same hole: a name checked once can point " +
			"elsewhere when it is fetched.\n\n" +
			"Not reported: user input that only fills the path or query of a URL whose scheme and " +
			"host are fixed (`f\"https://api.example.com/items/{item_id}\"`), and a function that " +
			"compares the URL (or its host) with an allowlist, or passes it to a check, before the " +
			"request.",
		Fix: "Do not fetch arbitrary URLs. Map the input to a fixed set of targets, or parse it and " +
			"compare the scheme and host with an allowlist (`urlparse(url).hostname in " +
			"ALLOWED_HOSTS`); resolve the name once and refuse private, loopback and link-local " +
			"addresses, then connect to that address.",
		Limitations: "The URL is followed through local variables of the same function only; input " +
			"passed to a helper in another function is not seen. Any condition that mentions the " +
			"URL counts as a check, even a weak one.",
	},
	Check: checkSSRFRequestURL,
}

// httpVerbs are the request functions of requests and httpx.
var httpVerbs = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true,
	"options": true, "request": true, "stream": true,
}

func checkSSRFRequestURL(p *Pass) error {
	m := p.Project.AppModel()
	for _, f := range p.Project.Python {
		python.Walk(f.Root, func(n *python.Node) bool {
			if n.Type() != "call" {
				return true
			}
			sink, url := outboundURL(m, f, n)
			if url == nil {
				return true
			}
			if fd, ok := ssrfFinding(m, f, n, sink, url); ok {
				p.Report(fd)
			}
			return true
		})
	}
	return nil
}

// outboundURL recognises an outbound request call and returns its name and
// URL (or host) argument.
func outboundURL(m *AppModel, f *python.File, call *python.Node) (string, *python.Node) {
	fn, args := call.Child("function"), argsOf(f, call)
	urlArg := func() *python.Node {
		if methodName(f, call) == "request" || isType(fn, "identifier") && f.Text(fn) == "request" {
			return args.at(1, "url")
		}
		return args.at(0, "url")
	}
	callee := m.Resolver.Resolve(f, fn)
	if callee.Kind == ExternalVal {
		mod, name, _ := cutLast(callee.Str)
		switch {
		case (mod == "requests" || mod == "httpx" || mod == "requests.api") && httpVerbs[name]:
			return callee.Str, urlArg()
		case callee.Str == "urllib.request.urlopen" || callee.Str == "urllib.request.Request" ||
			callee.Str == "urllib.request.urlretrieve":
			return callee.Str, args.at(0, "url")
		case callee.Str == "http.client.HTTPConnection" || callee.Str == "http.client.HTTPSConnection":
			return callee.Str, args.at(0, "host")
		}
	}
	if isType(fn, "attribute") && httpVerbs[methodName(f, call)] {
		recv := m.Resolver.Resolve(f, fn.Child("object"))
		switch recv.Str {
		case "requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client", "httpx.AsyncClient":
			if recv.Kind == ResultVal {
				return recv.Str + "()." + methodName(f, call), urlArg()
			}
		}
	}
	return "", nil
}

func cutLast(s string) (string, string, bool) {
	i := strings.LastIndex(s, ".")
	if i < 0 {
		return "", s, false
	}
	return s[:i], s[i+1:], true
}

func ssrfFinding(m *AppModel, f *python.File, call *python.Node, sink string, url *python.Node) (Finding, bool) {
	fn := underFunction(call)
	names := map[string]bool{}
	src := taintSource(m, f, fn, url, names, 0)
	if src == nil || hostFixed(m.Resolver.Resolve(f, url)) || urlChecked(f, fn, names, f.Text(src)) {
		return Finding{}, false
	}
	what := shortText(f, src)
	if src.Type() == "identifier" {
		what = "the route parameter " + what
	}
	line := f.Span(src).StartLine
	msg := fmt.Sprintf("%s() requests a URL built from %s", sink, what)
	if line != f.Span(call).StartLine {
		msg += fmt.Sprintf(" (line %d)", line)
	}
	msg += " without an allowlist check: any client can make the server fetch internal addresses " +
		"(cloud metadata, localhost services)"
	return Finding{
		Pos:     nodePos(f, call),
		Message: msg,
		Related: []Related{{Pos: nodePos(f, src), Message: "the client's input is read here"}},
	}, true
}

// taintSource finds the request input that the expression n is built from,
// following local variables of the function fn; names collects the
// variables on the way. It returns the read (or the route parameter), or
// nil.
func taintSource(m *AppModel, f *python.File, fn, n *python.Node, names map[string]bool, depth int) *python.Node {
	if n == nil || depth > maxTrace {
		return nil
	}
	var found *python.Node
	python.Walk(n, func(c *python.Node) bool {
		switch {
		case found != nil || c.Type() == "lambda" || c.Type() == "function_definition":
			return false
		case isRequestInput(m, f, c):
			found = outermostRead(c, n)
			return false
		case c.Type() == "subscript" && fixedURLs(m.Resolver.Resolve(f, c.Child("value"))):
			return false // ALLOWED[name]: whatever the key, one of the fixed URLs
		case c.Type() == "identifier" && (c.Field() == "attribute" || c.Field() == "name"):
			return false // x.name, f(name=...): not a variable
		case c.Type() == "identifier":
			name := f.Text(c)
			if isRouteParam(f, fn, name) {
				names[name], found = true, c
				return false
			}
			if df, def, ok := m.Resolver.Definition(f, c); ok && df == f && underFunction(def) == fn {
				if s := taintSource(m, f, fn, def, names, depth+1); s != nil {
					names[name], found = true, s
				}
			}
		}
		return true
	})
	return found
}

// requestInputs are the attributes of Flask's request that carry client
// data a URL can be taken from.
var requestInputs = map[string]bool{"args": true, "form": true, "values": true, "json": true, "data": true}

// isRequestInput tells whether n is request.args (form, values, json, data)
// or a request.get_json() call.
func isRequestInput(m *AppModel, f *python.File, n *python.Node) bool {
	switch n.Type() {
	case "attribute":
		return requestInputs[f.Text(n.Child("attribute"))] && isRequest(m, f, n.Child("object"))
	case "call":
		fn := n.Child("function")
		return methodName(f, n) == "get_json" && isRequest(m, f, fn.Child("object"))
	}
	return false
}

// outermostRead widens a request input to the read around it:
// request.args -> request.args.get("url").
func outermostRead(c, limit *python.Node) *python.Node {
	for c != limit && c.Parent() != nil {
		p := c.Parent()
		switch {
		case p.Type() == "attribute" && c.Field() == "object",
			p.Type() == "call" && c.Field() == "function",
			p.Type() == "subscript" && c.Field() == "value":
			c = p
		default:
			return c
		}
	}
	return c
}

// isRouteParam tells whether name is a parameter of fn and fn is a view
// (decorated with .route or a method shortcut such as .get).
func isRouteParam(f *python.File, fn *python.Node, name string) bool {
	if !isType(fn, "function_definition") || !isType(fn.Parent(), "decorated_definition") {
		return false
	}
	isParam := false
	for _, p := range fn.Child("parameters").NamedChildren() {
		isParam = isParam || p.Type() == "identifier" && f.Text(p) == name
	}
	if !isParam {
		return false
	}
	for _, d := range fn.Parent().NamedChildren() {
		text := f.Text(d)
		for _, verb := range []string{".route(", ".get(", ".post(", ".put(", ".patch(", ".delete("} {
			if d.Type() == "decorator" && strings.Contains(text, verb) && strings.Contains(text, "<") {
				return true
			}
		}
	}
	return false
}

// fixedURLs tells whether v is a dict or list whose every value is a URL
// with a fixed scheme and host: an element picked from it by any key is an
// allowlisted URL.
func fixedURLs(v Value) bool {
	var vals []Value
	switch v.Kind {
	case DictVal:
		for _, e := range v.Entries {
			vals = append(vals, e.Value)
		}
	case ListVal:
		vals = v.Items
	}
	for _, x := range vals {
		if !hostFixed(x) {
			return false
		}
	}
	return len(vals) > 0
}

// hostFixed tells whether a URL's scheme and host are fixed text: only its
// path, query or fragment can come from elsewhere.
func hostFixed(v Value) bool {
	if v.Kind != StrVal {
		return false
	}
	if !v.Partial {
		return true
	}
	_, rest, ok := strings.Cut(v.Str, "://")
	return ok && strings.ContainsAny(rest, "/?#")
}

// urlChecked tells whether fn compares one of the URL's variables (or the
// read itself, srcText) in a condition, calls a method on it there
// (url.startswith(...)), or passes it to a check function
// (validate_url(url)). A bare truthiness test is not a check.
func urlChecked(f *python.File, fn *python.Node, names map[string]bool, srcText string) bool {
	mentions := func(n *python.Node) bool {
		return containsNode(n, func(c *python.Node) bool {
			return c.Type() == "identifier" && names[f.Text(c)] || f.Text(c) == srcText
		})
	}
	checkCall := func(n *python.Node) bool {
		return n.Type() == "call" && isCheckName(f.Text(n.Child("function"))) && mentions(n.Child("arguments"))
	}
	return conditionChecks(f, fn, mentions, checkCall)
}

// isCheckName tells whether a callee's name says it validates.
func isCheckName(name string) bool {
	name = strings.ToLower(name)
	for _, w := range []string{"valid", "allow", "check", "safe", "verify", "trusted", "permitted"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
