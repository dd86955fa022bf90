package rules

import "strings"

// nginxVars returns the variables a value refers to ("$http_host:8443",
// "prefix-${http_host}"), lowercased and without '$', in order.
func nginxVars(value string) []string {
	out := nginxVarsAsWritten(value)
	for i, v := range out {
		out[i] = strings.ToLower(v)
	}
	return out
}

// nginxVarsAsWritten returns the variables a value refers to, without '$',
// in the case they are written in.
func nginxVarsAsWritten(value string) []string {
	var out []string
	for i := 0; i < len(value); i++ {
		if value[i] != '$' || i+1 >= len(value) {
			continue
		}
		rest, braced := value[i+1:], false
		if rest[0] == '{' {
			rest, braced = rest[1:], true
		}
		n := 0
		for n < len(rest) && isVarChar(rest[n]) {
			n++
		}
		if n == 0 || braced && (n >= len(rest) || rest[n] != '}') {
			continue
		}
		out = append(out, rest[:n])
		i += n
	}
	return out
}

// isTemplatePlaceholder tells whether a variable as written is an envsubst
// or template placeholder ($FLASK_SERVER_ADDR, ${APP_ROOT}) rather than an
// nginx variable: placeholders are written in upper case by convention and
// filled in before nginx reads the file. nginx itself ignores the case of
// variable names, so a mixed-case $Host is nginx's $host.
func isTemplatePlaceholder(v string) bool {
	return strings.ToUpper(v) == v && strings.ToLower(v) != v
}

func isVarChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// usesClientHost tells whether a value contains the host name the client
// sent: $host or $http_host (not $hostname, the machine's name).
func usesClientHost(value string) bool {
	for _, v := range nginxVars(value) {
		if v == "host" || v == "http_host" {
			return true
		}
	}
	return false
}

// clientVars are request headers a proxy should overwrite, not pass on.
var clientVars = map[string]string{
	"http_host":               "the Host header exactly as the client sent it",
	"http_x_forwarded_host":   "the X-Forwarded-Host header the client sent",
	"http_x_forwarded_for":    "the X-Forwarded-For list the client sent",
	"http_x_real_ip":          "the X-Real-IP header the client sent",
	"http_x_forwarded_proto":  "the X-Forwarded-Proto header the client sent",
	"http_x_forwarded_port":   "the X-Forwarded-Port header the client sent",
	"http_x_forwarded_prefix": "the X-Forwarded-Prefix header the client sent",
	"http_forwarded":          "the Forwarded header the client sent",
}

// clientVarHints say what to forward instead.
var clientVarHints = map[string]string{
	"http_host":               "send $host from a server that lists its names",
	"http_x_forwarded_host":   "send $host",
	"http_x_forwarded_for":    "send $proxy_add_x_forwarded_for or $remote_addr",
	"http_x_real_ip":          "send $remote_addr",
	"http_x_forwarded_proto":  "send $scheme",
	"http_x_forwarded_port":   "send $server_port",
	"http_x_forwarded_prefix": "send a fixed prefix",
	"http_forwarded":          "build it from $remote_addr and $scheme",
}

// clientControlledVar finds the first variable in a value that the client
// chooses and that a proxy should not forward as a trusted header. It
// returns the variable and a description of it.
func clientControlledVar(value string) (name, what string) {
	for _, v := range nginxVars(value) {
		switch {
		case clientVars[v] != "":
			return v, clientVars[v]
		case strings.HasPrefix(v, "arg_"):
			return v, "the query parameter " + strings.TrimPrefix(v, "arg_")
		case strings.HasPrefix(v, "cookie_"):
			return v, "the cookie " + strings.TrimPrefix(v, "cookie_")
		}
	}
	return "", ""
}

// clientVarHint says what to forward instead of a client-controlled
// variable.
func clientVarHint(v string) string {
	if h := clientVarHints[v]; h != "" {
		return h
	}
	return "send a value the proxy sets itself"
}
