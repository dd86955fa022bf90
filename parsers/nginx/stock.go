package nginx

import (
	"path"
	"strings"
)

// stockModels are the stock files that Debian and Ubuntu install with nginx,
// as they shipped them for a decade; sites include them by name and rarely
// keep a copy. Debian 12's 1.22.1-9+deb12u6 (April 2026) changed the Host
// lines to $host (and added HTTP_HOST $host to the uwsgi and fastcgi files);
// the older content is modelled because most installations and every Ubuntu
// release still carry it.
var stockModels = map[string]string{
	"proxy_params": `
proxy_set_header Host $http_host;
proxy_set_header X-Real-IP $remote_addr;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
`,
	"uwsgi_params": `
uwsgi_param QUERY_STRING $query_string;
uwsgi_param REQUEST_METHOD $request_method;
uwsgi_param CONTENT_TYPE $content_type;
uwsgi_param CONTENT_LENGTH $content_length;
uwsgi_param REQUEST_URI $request_uri;
uwsgi_param PATH_INFO $document_uri;
uwsgi_param DOCUMENT_ROOT $document_root;
uwsgi_param SERVER_PROTOCOL $server_protocol;
uwsgi_param REQUEST_SCHEME $scheme;
uwsgi_param HTTPS $https if_not_empty;
uwsgi_param REMOTE_ADDR $remote_addr;
uwsgi_param REMOTE_PORT $remote_port;
uwsgi_param SERVER_PORT $server_port;
uwsgi_param SERVER_NAME $server_name;
`,
	"fastcgi_params": `
fastcgi_param QUERY_STRING $query_string;
fastcgi_param REQUEST_METHOD $request_method;
fastcgi_param CONTENT_TYPE $content_type;
fastcgi_param CONTENT_LENGTH $content_length;
fastcgi_param SCRIPT_NAME $fastcgi_script_name;
fastcgi_param REQUEST_URI $request_uri;
fastcgi_param DOCUMENT_URI $document_uri;
fastcgi_param DOCUMENT_ROOT $document_root;
fastcgi_param SERVER_PROTOCOL $server_protocol;
fastcgi_param REQUEST_SCHEME $scheme;
fastcgi_param HTTPS $https if_not_empty;
fastcgi_param GATEWAY_INTERFACE CGI/1.1;
fastcgi_param SERVER_SOFTWARE nginx/$nginx_version;
fastcgi_param REMOTE_ADDR $remote_addr;
fastcgi_param REMOTE_PORT $remote_port;
fastcgi_param REMOTE_USER $remote_user;
fastcgi_param SERVER_ADDR $server_addr;
fastcgi_param SERVER_PORT $server_port;
fastcgi_param SERVER_NAME $server_name;
fastcgi_param REDIRECT_STATUS 200;
`,
}

// stockModelled tells whether a stock file's content is modelled.
func stockModelled(rel string) bool { return stockModels[path.Clean(rel)] != "" }

// stockDirectives returns the modelled content of a stock file that an
// unresolved include names, placed at the include and marked Stock; nil
// when the file is not modelled.
func stockDirectives(inc *Directive) []*Directive {
	rel, ok := relativeInclude(inc.Args[0])
	if !ok || !stockModelled(rel) {
		return nil
	}
	var out []*Directive
	for _, line := range strings.Split(strings.TrimSpace(stockModels[path.Clean(rel)]), "\n") {
		fields := strings.Fields(strings.TrimSuffix(line, ";"))
		out = append(out, &Directive{
			Name:  fields[0],
			Args:  fields[1:],
			File:  inc.File,
			Span:  inc.Span,
			Via:   inc,
			Stock: true,
		})
	}
	return out
}
