package rules_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/flasklint/flasklint/parsers/nginx"
)

// sandbox is a copy of a testdata folder that the real nginx can test
// without touching the machine: every path nginx opens or creates at start
// points into the sandbox, and every host name it would resolve is
// 127.0.0.1. The copy keeps each file's line numbers, so nginx's messages
// point at the fixture's lines.
type sandbox struct {
	dir   string // the sandbox; the folder's copy is dir/conf
	set   *nginx.Set
	edits map[string][]edit // by file, relative to the folder
	stubs int
}

// edit replaces src[from:to] of a file.
type edit struct {
	from, to int
	text     string
}

// sandboxHTTP are the http-level directives that move nginx's temporary
// files, its default access log and a certificate for "listen ... ssl"
// servers into the sandbox; %[1]s is the sandbox.
var sandboxHTTP = [][2]string{
	{"client_body_temp_path", "%[1]s/tmp/body"}, {"proxy_temp_path", "%[1]s/tmp/proxy"},
	{"fastcgi_temp_path", "%[1]s/tmp/fastcgi"}, {"uwsgi_temp_path", "%[1]s/tmp/uwsgi"},
	{"scgi_temp_path", "%[1]s/tmp/scgi"}, {"access_log", "%[1]s/logs/access.log"},
	{"ssl_certificate", "%[1]s/cert.pem"}, {"ssl_certificate_key", "%[1]s/key.pem"},
}

// newSandbox copies folder into a sandbox below dir, with the edits that
// the loaded set asks for.
func newSandbox(dir, folder string, set *nginx.Set) (*sandbox, error) {
	sb := &sandbox{dir: dir, set: set, edits: map[string][]edit{}}
	for _, sub := range []string{"conf", "tmp", "logs", "stubs"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, err
		}
	}
	if err := writeCertificate(dir); err != nil {
		return nil, err
	}
	if err := sb.plan(); err != nil {
		return nil, err
	}
	return sb, sb.copy(folder)
}

// plan collects the edits of every loaded file.
func (sb *sandbox) plan() error {
	upstreams := map[string]bool{}
	for _, c := range sb.set.Configs {
		walk(c.Directives, func(d *nginx.Directive, _ []*nginx.Directive) {
			if d.Name == "upstream" && len(d.Args) > 0 {
				upstreams[d.Args[0]] = true
			}
		})
	}
	unresolved := map[[2]any]bool{}
	for _, p := range sb.set.Problems {
		if p.Kind == nginx.IncludeMissing || p.Kind == nginx.IncludeOutside {
			unresolved[[2]any{p.File, p.Span.StartLine}] = true
		}
	}
	seen := map[string]bool{}
	var err error
	for _, c := range sb.set.Configs {
		walk(c.Directives, func(d *nginx.Directive, parents []*nginx.Directive) {
			key := fmt.Sprintf("%s:%d:%d", d.File, d.Span.StartLine, d.Span.StartCol)
			if d.Stock || seen[key] || err != nil {
				return
			}
			seen[key] = true
			err = sb.planDirective(d, parents, upstreams, unresolved[[2]any{d.File, d.Span.StartLine}])
		})
	}
	return err
}

// walk visits directives depth first with their enclosing blocks, and the
// include directives that brought them. The bodies of map-like blocks are
// data: only their includes are visited. A directive of a stock model is
// visited as its include.
func walk(ds []*nginx.Directive, visit func(d *nginx.Directive, parents []*nginx.Directive)) {
	var rec func(ds, parents []*nginx.Directive, data bool)
	rec = func(ds, parents []*nginx.Directive, data bool) {
		for _, d := range ds {
			if d.Via != nil {
				visit(d.Via, parents)
			}
			if d.Stock || data && d.Name != "include" {
				continue
			}
			visit(d, parents)
			inner := append(parents[:len(parents):len(parents)], d)
			switch d.Name {
			case "map", "geo", "types", "split_clients", "charset_map", "match":
				rec(d.Block, inner, true)
			default:
				rec(d.Block, inner, false)
			}
		}
	}
	rec(ds, nil, false)
}

// planDirective decides the edit one directive needs, if any.
func (sb *sandbox) planDirective(
	d *nginx.Directive,
	parents []*nginx.Directive,
	upstreams map[string]bool,
	unresolved bool,
) error {
	switch {
	case d.Name == "include" && len(d.Args) == 1:
		return sb.planInclude(d, unresolved)
	case d.Name == "user" || d.Name == "pid" || d.Name == "lock_file" || d.Name == "load_module" ||
		d.Name == "ssl_dhparam" || d.Name == "ssl_stapling_file":
		return sb.blank(d)
	case (d.Name == "access_log" || d.Name == "error_log") && len(d.Args) > 0 && isLogPath(d.Args[0]):
		return sb.replaceArg(d, 0, fmt.Sprintf("%s/logs/%s-%d.log", sb.dir, d.Name, d.Span.StartLine))
	case strings.HasSuffix(d.Name, "_temp_path") || strings.HasSuffix(d.Name, "_cache_path"):
		return sb.replaceArg(d, 0, fmt.Sprintf("%s/tmp/%s-%d", sb.dir, d.Name, d.Span.StartLine))
	case d.Name == "ssl_certificate" || d.Name == "ssl_trusted_certificate" || d.Name == "ssl_client_certificate":
		return sb.replaceArg(d, 0, sb.dir+"/cert.pem")
	case d.Name == "ssl_certificate_key":
		return sb.replaceArg(d, 0, sb.dir+"/key.pem")
	case isPass(d.Name) && len(d.Args) > 0:
		return sb.planHost(d, 0, upstreams)
	case d.Name == "server" && len(parents) > 0 && parents[len(parents)-1].Name == "upstream" && len(d.Args) > 0:
		return sb.planHost(d, 0, upstreams)
	}
	return nil
}

func isPass(name string) bool {
	switch name {
	case "proxy_pass", "uwsgi_pass", "fastcgi_pass", "scgi_pass", "grpc_pass":
		return true
	}
	return false
}

func isLogPath(arg string) bool {
	return arg != "off" && arg != "stderr" && !strings.HasPrefix(arg, "syslog:") && !strings.HasPrefix(arg, "memory:")
}

// planInclude points an include that the tree cannot satisfy at an empty
// stub, and an absolute /etc/nginx one at the copy of the folder.
func (sb *sandbox) planInclude(d *nginx.Directive, unresolved bool) error {
	arg := d.Args[0]
	switch {
	case unresolved:
		sb.stubs++
		stub := fmt.Sprintf("%s/stubs/%d.conf", sb.dir, sb.stubs)
		if err := os.WriteFile(stub, nil, 0o644); err != nil {
			return err
		}
		return sb.replaceArg(d, 0, stub)
	case strings.HasPrefix(arg, "/etc/nginx/"):
		return sb.replaceArg(d, 0, strings.TrimPrefix(arg, "/etc/nginx/"))
	}
	return nil
}

// planHost makes the host of a pass target or upstream server 127.0.0.1
// when nginx would have to resolve it at start: nginx -t fails on names
// that do not resolve, and the fixtures name services such as app:8000.
func (sb *sandbox) planHost(d *nginx.Directive, arg int, upstreams map[string]bool) error {
	target := d.Args[arg]
	prefix := ""
	if i := strings.Index(target, "://"); i >= 0 {
		prefix, target = target[:i+3], target[i+3:]
	}
	host := target
	if i := strings.IndexAny(host, "/?"); i >= 0 {
		host = host[:i]
	}
	rest := target[len(host):]
	if strings.HasPrefix(host, "[") || strings.Count(host, ":") > 1 {
		return nil // an IPv6 address
	}
	if i := strings.IndexByte(host, ':'); i >= 0 {
		rest = host[i:] + rest
		host = host[:i]
	}
	port := strings.HasPrefix(rest, ":")
	if host == "" || host == "localhost" || host == "unix" || strings.ContainsAny(host, "${") ||
		net.ParseIP(host) != nil || upstreams[host] && !port {
		return nil
	}
	return sb.replaceArg(d, arg, prefix+"127.0.0.1"+rest)
}

// replaceArg plans replacing argument i of d with text.
func (sb *sandbox) replaceArg(d *nginx.Directive, i int, text string) error {
	toks, _, err := sb.statement(d)
	if err != nil {
		return err
	}
	if i+1 >= len(toks) {
		return fmt.Errorf("%s:%d: %s has no argument %d to replace", d.File, d.Line(), d.Name, i+1)
	}
	sb.edits[d.File] = append(sb.edits[d.File], edit{toks[i+1][0], toks[i+1][1], text})
	return nil
}

// blank plans replacing the statement d with spaces.
func (sb *sandbox) blank(d *nginx.Directive) error {
	toks, end, err := sb.statement(d)
	if err != nil {
		return err
	}
	src := sb.set.Files[d.File].Src
	text := bytes.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return r
		}
		return ' '
	}, src[toks[0][0]:end])
	sb.edits[d.File] = append(sb.edits[d.File], edit{toks[0][0], end, string(text)})
	return nil
}

// statement lexes the statement of d in its file: the byte ranges of its
// words (the name first; a quoted word without its quotes) and the offset
// just past its ';' or '{'.
func (sb *sandbox) statement(d *nginx.Directive) ([][2]int, int, error) {
	f := sb.set.Files[d.File]
	off := lineOffset(f.Src, d.Span.StartLine) + d.Span.StartCol - 1
	if off < 0 || off+len(d.Name) > len(f.Src) || string(f.Src[off:off+len(d.Name)]) != d.Name {
		return nil, 0, fmt.Errorf(
			"%s:%d: cannot find %s at column %d to edit it",
			d.File,
			d.Line(),
			d.Name,
			d.Span.StartCol,
		)
	}
	toks, end := lexStatement(f.Src, off)
	return toks, end, nil
}

func lineOffset(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// lexStatement reads nginx words from off up to the ';' or '{' that ends
// the statement.
func lexStatement(src []byte, off int) ([][2]int, int) {
	var toks [][2]int
	i := off
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == ';' || c == '{':
			return toks, i + 1
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			toks = append(toks, [2]int{i + 1, min(j, len(src))})
			i = j + 1
		default:
			j := i
			for j < len(src) && !strings.ContainsRune(" \t\r\n;{", rune(src[j])) {
				if src[j] == '$' && j+1 < len(src) && src[j+1] == '{' {
					j += bytes.IndexByte(src[j:], '}')
				}
				j++
			}
			toks = append(toks, [2]int{i, j})
			i = j
		}
	}
	return toks, len(src)
}

// copy writes the folder into dir/conf with the edits applied to the
// nginx files.
func (sb *sandbox) copy(folder string) error {
	return filepath.WalkDir(folder, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(folder, p)
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if f := sb.set.Files[rel]; f != nil {
			src = applyEdits(f.Src, sb.edits[rel])
		}
		out := filepath.Join(sb.dir, "conf", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, src, 0o644)
	})
}

func applyEdits(src []byte, edits []edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].from > edits[j].from })
	out := append([]byte(nil), src...)
	last := len(out) + 1
	for _, e := range edits {
		if e.to > last {
			continue // overlaps an edit already made
		}
		out = append(out[:e.from:e.from], append([]byte(e.text), out[e.to:]...)...)
		last = e.from
	}
	return out
}

// mainConfig returns the file nginx -t starts from for one root: the root
// itself when it is a complete configuration (with the sandbox directives
// put into its http block and an events block added if it has none), else
// a generated wrapper that includes it in the context it is written for.
func (sb *sandbox) mainConfig(c *nginx.Config) (string, error) {
	conf := filepath.Join(sb.dir, "conf")
	switch rootContext(c) {
	case "main":
		return filepath.Join(conf, filepath.FromSlash(c.Root)), sb.completeMain(c)
	case "server":
		return sb.wrapper(c, "server {\n    listen 127.0.0.1:1;\n    include %s;\n}")
	}
	return sb.wrapper(c, "include %s;")
}

// rootContext tells where a root file is written to sit: "main" (it has
// http, events or stream blocks), "server" (a snippet of locations), or
// "http" (servers, upstreams, maps: a site file).
func rootContext(c *nginx.Config) string {
	ctx := "http"
	for _, d := range c.Directives {
		switch d.Name {
		case "http", "events", "stream", "mail", "worker_processes", "user", "pid", "load_module", "env":
			return "main"
		case "location", "listen", "server_name":
			ctx = "server"
		}
	}
	return ctx
}

func (sb *sandbox) httpDirectives(except map[string]bool) string {
	var b strings.Builder
	for _, d := range sandboxHTTP {
		if !except[d[0]] {
			fmt.Fprintf(&b, " %s %s;", d[0], fmt.Sprintf(d[1], sb.dir))
		}
	}
	return b.String()
}

func (sb *sandbox) wrapper(c *nginx.Config, body string) (string, error) {
	name := filepath.Join(sb.dir, "conf", strings.ReplaceAll(c.Root, "/", "_")+".oracle")
	text := fmt.Sprintf("events {}\nhttp {%s\n%s\n}\n", sb.httpDirectives(nil), fmt.Sprintf(body, c.Root))
	return name, os.WriteFile(name, []byte(text), 0o644)
}

// completeMain puts the sandbox directives at the end of the line that
// opens the root's http block, so that line numbers stay, and adds an
// events block when there is none.
func (sb *sandbox) completeMain(c *nginx.Config) error {
	file := filepath.Join(sb.dir, "conf", filepath.FromSlash(c.Root))
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	events := false
	for _, d := range c.Directives {
		events = events || d.Name == "events"
		if d.Name != "http" || d.File != c.Root {
			continue
		}
		own := map[string]bool{}
		for _, in := range d.Block {
			own[in.Name] = true
		}
		off := lineOffset(src, d.Span.StartLine)
		if nl := bytes.IndexByte(src[off:], '\n'); nl >= 0 {
			off += nl
		} else {
			off = len(src)
		}
		src = append(src[:off:off], append([]byte(sb.httpDirectives(own)), src[off:]...)...)
	}
	if !events {
		src = append(src, "\nevents {}\n"...)
	}
	return os.WriteFile(file, src, 0o644)
}

// writeCertificate writes a self-signed certificate and its key into dir.
func writeCertificate(dir string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "flasklint-oracle.test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	if err := os.WriteFile(path.Join(dir, "cert.pem"), cert, 0o644); err != nil {
		return err
	}
	return os.WriteFile(path.Join(dir, "key.pem"), keyPEM, 0o600)
}
