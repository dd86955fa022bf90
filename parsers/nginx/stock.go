package nginx

import "path"

// stockProxyParams is the proxy_params file that Debian and Ubuntu install
// with nginx. Sites include it by name and rarely keep a copy.
var stockProxyParams = [][]string{
	{"proxy_set_header", "Host", "$http_host"},
	{"proxy_set_header", "X-Real-IP", "$remote_addr"},
	{"proxy_set_header", "X-Forwarded-For", "$proxy_add_x_forwarded_for"},
	{"proxy_set_header", "X-Forwarded-Proto", "$scheme"},
}

// stockDirectives returns the modelled content of a stock file that an
// unresolved include names, placed at the include and marked Stock; nil
// when the file is not modelled.
func stockDirectives(inc *Directive) []*Directive {
	rel, ok := relativeInclude(inc.Args[0])
	if !ok || path.Clean(rel) != "proxy_params" {
		return nil
	}
	var out []*Directive
	for _, s := range stockProxyParams {
		out = append(out, &Directive{
			Name:  s[0],
			Args:  append([]string(nil), s[1:]...),
			File:  inc.File,
			Span:  inc.Span,
			Via:   inc,
			Stock: true,
		})
	}
	return out
}
