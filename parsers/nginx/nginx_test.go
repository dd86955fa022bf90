package nginx

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func load(t *testing.T, files map[string]string, given ...string) *Set {
	t.Helper()
	return Load(Options{FS: mapFS(files), Roots: []string{"."}}, given)
}

// outline prints a directive tree as "name@file:line:col-endcol" lines,
// indented by depth, for compact comparisons.
func outline(ds []*Directive) string {
	var b strings.Builder
	var walk func([]*Directive, int)
	walk = func(ds []*Directive, depth int) {
		for _, d := range ds {
			fmt.Fprintf(&b, "%s%s %s @%s:%d:%d-%d", strings.Repeat("  ", depth), d.Name,
				strings.Join(d.Args, " "), d.File, d.Span.StartLine, d.Span.StartCol, d.Span.EndCol)
			if d.Via != nil {
				fmt.Fprintf(&b, " via %s:%d", d.Via.File, d.Via.Line())
			}
			if d.Stock {
				b.WriteString(" stock")
			}
			b.WriteString("\n")
			walk(d.Block, depth+1)
		}
	}
	walk(ds, 0)
	return b.String()
}

func problems(s *Set) string {
	var b strings.Builder
	for _, p := range s.Problems {
		fmt.Fprintf(
			&b,
			"%d %s:%d:%d-%d %s\n",
			p.Kind,
			p.File,
			p.Span.StartLine,
			p.Span.StartCol,
			p.Span.EndCol,
			p.Message,
		)
	}
	return b.String()
}

func roots(s *Set) []string {
	var r []string
	for _, c := range s.Configs {
		r = append(r, c.Root)
	}
	return r
}

func check(t *testing.T, what, got, want string) {
	t.Helper()
	if strings.TrimSpace(got) != strings.TrimSpace(want) {
		t.Errorf("%s:\ngot:\n%s\nwant:\n%s", what, got, want)
	}
}

func TestBareServer(t *testing.T) {
	s := load(
		t,
		map[string]string{"site.conf": "server {\n    listen 80;\n    location / { return 444; }\n}\n"},
		"site.conf",
	)
	check(t, "tree", outline(s.Configs[0].Directives), `
server  @site.conf:1:1-9
  listen 80 @site.conf:2:5-15
  location / @site.conf:3:5-17
    return 444 @site.conf:3:18-29
`)
	check(t, "problems", problems(s), "")
}

func TestIncludeRelativeToIncludingFile(t *testing.T) {
	s := load(t, map[string]string{
		"nginx.conf":              "http {\n  include sites/app.conf;\n}\n",
		"sites/app.conf":          "server {\n  include snippets/x.conf;\n}\n",
		"sites/snippets/x.conf":   "add_header X-A 1;\n",
		"snippets/x.conf":         "add_header X-B 1;\n",
		"sites/snippets/cors.bad": "",
	}, "nginx.conf", "sites/app.conf", "sites/snippets/x.conf")
	if got := roots(s); len(got) != 1 || got[0] != "nginx.conf" {
		t.Fatalf("roots = %v, want [nginx.conf]", got)
	}
	check(t, "tree", outline(s.Configs[0].Directives), `
http  @nginx.conf:1:1-7
  server  @sites/app.conf:1:1-9 via nginx.conf:2
    add_header X-A 1 @sites/snippets/x.conf:1:1-18 via sites/app.conf:2
`)
}

func TestIncludeRelativeToScanRoot(t *testing.T) {
	// Shared case 13: sites/app.conf includes snippets/cors.conf kept at the
	// scan root, and the stock proxy_params, which is not in the tree.
	s := load(t, map[string]string{
		"sites/app.conf": "server {\n    include snippets/cors.conf;\n    location / {\n        include " +
			"proxy_params;\n    }\n}\n",
		"snippets/cors.conf": "add_header Access-Control-Allow-Origin \"https://a.test\" always;\n",
	}, "sites/app.conf", "snippets/cors.conf")
	check(t, "tree", outline(s.Configs[0].Directives), `
server  @sites/app.conf:1:1-9
  add_header Access-Control-Allow-Origin https://a.test always @snippets/cors.conf:1:1-64 via sites/app.conf:2
  location / @sites/app.conf:3:5-17
    proxy_set_header Host $http_host @sites/app.conf:4:9-30 via sites/app.conf:4 stock
    proxy_set_header X-Real-IP $remote_addr @sites/app.conf:4:9-30 via sites/app.conf:4 stock
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for @sites/app.conf:4:9-30 via sites/app.conf:4 stock
    proxy_set_header X-Forwarded-Proto $scheme @sites/app.conf:4:9-30 via sites/app.conf:4 stock
`)
	check(t, "problems", problems(s), `
2 sites/app.conf:4:9-30 include "proxy_params" matches no file in the scanned tree; it is a stock file installed with nginx, not kept in the tree, so its usual Debian content is assumed
`)
}

func TestIncludeMissingAndOutside(t *testing.T) {
	s := load(t, map[string]string{
		"a/site.conf": "server {\n  include nowhere.conf;\n  include ../../x.conf;\n  include /etc/passwd;\n" +
			"  include /etc/nginx/conf.d/*.conf;\n  include /etc/nginx/uwsgi_params;\n" +
			"  include /etc/nginx/../passwd;\n  include mime.types;\n}\n",
	}, "a/site.conf")
	check(t, "problems", problems(s), `
2 a/site.conf:2:3-24 include "nowhere.conf" matches no file in the scanned tree; the directives it holds were not checked
3 a/site.conf:3:3-24 include "../../x.conf" points outside the scanned tree and was not read
3 a/site.conf:4:3-23 include "/etc/passwd" points outside the scanned tree and was not read
2 a/site.conf:6:3-35 include "/etc/nginx/uwsgi_params" matches no file in the scanned tree; it is a stock file installed with nginx, not kept in the tree, so its usual Debian content is assumed
3 a/site.conf:7:3-32 include "/etc/nginx/../passwd" points outside the scanned tree and was not read
`)
	// Unresolved includes stay in the tree, except the modelled stock
	// uwsgi_params; the empty glob and the inert stock mime.types vanish
	// without a problem.
	out := outline(s.Configs[0].Directives)
	if got := strings.Count(out, "include"); got != 4 {
		t.Errorf("%d include directives left, want 4", got)
	}
	if got := strings.Count(out, "uwsgi_param "); got != 14 {
		t.Errorf("%d stock uwsgi_param directives, want 14:\n%s", got, out)
	}
}

func TestIncludeOutsideFileRoot(t *testing.T) {
	fsys := mapFS(map[string]string{
		"deploy/site.conf":  "include ../secret.conf;\ninclude snip.conf;\n",
		"deploy/snip.conf":  "add_header X-A 1;\n",
		"secret.conf":       "add_header X-S 1;\n",
		"other/ignore.conf": "",
	})
	s := Load(Options{FS: fsys, Roots: []string{"deploy/site.conf"}}, []string{"deploy/site.conf"})
	check(t, "problems", problems(s), `
3 deploy/site.conf:1:1-24 include "../secret.conf" points outside the scanned tree and was not read
`)
	check(t, "tree", outline(s.Configs[0].Directives), `
include ../secret.conf @deploy/site.conf:1:1-24
add_header X-A 1 @deploy/snip.conf:1:1-18 via deploy/site.conf:2
`)
}

func TestIncludeGlobAbsolute(t *testing.T) {
	s := load(t, map[string]string{
		"nginx.conf":     "http {\n    include /etc/nginx/conf.d/*.conf;\n}\n",
		"conf.d/b.conf":  "server { listen 81; }\n",
		"conf.d/a.conf":  "server { listen 80; }\n",
		"conf.d/a.conf~": "server { listen 82; }\n",
	}, "nginx.conf", "conf.d/a.conf", "conf.d/b.conf")
	check(t, "tree", outline(s.Configs[0].Directives), `
http  @nginx.conf:1:1-7
  server  @conf.d/a.conf:1:1-9 via nginx.conf:2
    listen 80 @conf.d/a.conf:1:10-20 via nginx.conf:2
  server  @conf.d/b.conf:1:1-9 via nginx.conf:2
    listen 81 @conf.d/b.conf:1:10-20 via nginx.conf:2
`)
}

func TestIncludeCycle(t *testing.T) {
	s := load(t, map[string]string{
		"a.conf": "include b.conf;\nadd_header X-A 1;\n",
		"b.conf": "include a.conf;\nadd_header X-B 1;\n",
	}, "a.conf", "b.conf")
	if got := roots(s); len(got) != 1 || got[0] != "a.conf" {
		t.Fatalf("roots = %v, want [a.conf]", got)
	}
	check(t, "problems", problems(s), `
1 b.conf:1:1-16 include "a.conf" forms a cycle (a.conf -> b.conf -> a.conf); nginx cannot load it
`)
	check(t, "tree", outline(s.Configs[0].Directives), `
add_header X-B 1 @b.conf:2:1-18 via a.conf:1
add_header X-A 1 @a.conf:2:1-18
`)
}

func TestMapIncludeIsData(t *testing.T) {
	// Shared case 18: the map's include names a key list, not directives.
	s := load(t, map[string]string{
		"hosts.conf": "map $http_host $tenant {\n    hostnames;\n    default \"\";\n    .example.test main;\n    " +
			"include tenants.map;\n}\n",
		"tenants.map": "shop.example.test shop;\n\\volatile odd;\n",
	}, "hosts.conf", "tenants.map")
	check(t, "problems", problems(s), "")
	if got := roots(s); len(got) != 1 || got[0] != "hosts.conf" {
		t.Fatalf("roots = %v, want [hosts.conf]", got)
	}
	check(t, "tree", outline(s.Configs[0].Directives), `
map $http_host $tenant @hosts.conf:1:1-25
  hostnames  @hosts.conf:2:5-15
  default  @hosts.conf:3:5-16
  .example.test main @hosts.conf:4:5-24
  include tenants.map @hosts.conf:5:5-25
`)
}

func TestSyntaxErrorBesideGoodFile(t *testing.T) {
	s := load(t, map[string]string{
		"bad.conf":  "server {\n    listen 80;\n",
		"bad2.conf": "server {\n}\n}\n",
		"good.conf": "server {\n    listen 80;\n}\n",
	}, "bad.conf", "bad2.conf", "good.conf")
	check(t, "problems", problems(s), `
1 bad.conf:2:1-15 nginx cannot parse this file: unexpected end of file, expecting "}"
1 bad2.conf:3:1-2 nginx cannot parse this file: unexpected "}"
`)
	if len(s.Configs) != 3 || len(s.Configs[2].Directives) != 1 {
		t.Errorf("good.conf not loaded: %v", roots(s))
	}
}

func TestColumnsCRLFAndTemplates(t *testing.T) {
	src := "server {\r\n\tlisten 80; server_name \"a;b\" x; # c { ;\r\n" +
		"  location ${APP_ROOT} {\r\n    proxy_pass http://$FLASK_SERVER_ADDR;\r\n  }\r\n" +
		"  log_format x '{'\r\n     '\"a\":1'  # (comment)\r\n     '}';\r\n}\r\n"
	s := load(t, map[string]string{"t.conf": src}, "t.conf")
	check(t, "tree", outline(s.Configs[0].Directives), `
server  @t.conf:1:1-9
  listen 80 @t.conf:2:2-12
  server_name a;b x @t.conf:2:13-33
  location ${APP_ROOT} @t.conf:3:3-25
    proxy_pass http://$FLASK_SERVER_ADDR @t.conf:4:5-42
  log_format x { "a":1 } @t.conf:6:3-19
`)
	check(t, "problems", problems(s), "")
}

func TestLuaBlock(t *testing.T) {
	for _, block := range []string{"content_by_lua_block", "precontent_by_lua_block"} {
		src := "server {\n  location / {\n    " + block + " {\n      ngx.say(\"}\")\n    }\n  }\n  listen 80;\n}\n"
		s := load(t, map[string]string{"lua.conf": src}, "lua.conf")
		check(t, "problems", problems(s), "")
		out := outline(s.Configs[0].Directives)
		if !strings.Contains(out, "listen 80 @lua.conf:7:3-13") {
			t.Errorf("%s: directive after the lua block lost:\n%s", block, out)
		}
	}
}

func TestUnreadableRoot(t *testing.T) {
	s := load(t, map[string]string{}, "gone.conf")
	check(t, "problems", problems(s), "4 gone.conf:1:1-1 cannot read the file: open gone.conf: file does not exist")
}

// FuzzLoad checks that no input makes the loader panic or hang, and that
// every span stays on a line of its file. The input is loaded as a root, as
// a file included by another root (so it may include itself), and as a
// snippet reached through a glob include inside a server; it may include
// any of those files, and the stock proxy_params.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"server { listen 80; location / { return 444; } }",
		"include a.conf; include;",
		"map $a $b { include a.conf; \\x y; }",
		"}", "server {", "\"unterminated", "location ${X} { proxy_pass http://$Y; }",
		"content_by_lua_block { ngx.say('}') }", "a\r\nb;\rc;\n",
		"include snip/*.conf;", "location / { include proxy_params; include /etc/nginx/b.conf; }",
		"include ../a.conf; include /etc/passwd; include c.conf;",
		"http {\n server { listen 80; }\n server { listen 81; }\n server { return 200 \"}\"; }\n}\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Parsed in halves where it can be split (whatever its size), the
		// file gives the tree of a whole parse.
		sameParse(t, "input", []byte(src))
		fsys := mapFS(map[string]string{
			"a.conf":      src,
			"b.conf":      "include a.conf;\n" + src,
			"c.conf":      "http { server { include snip/*.conf; } }\n",
			"snip/s.conf": src,
		})
		s := Load(Options{FS: fsys, Roots: []string{"."}}, []string{"a.conf", "b.conf", "c.conf", "snip/s.conf"})
		for _, c := range s.Configs {
			checkSpans(t, s, c.Directives)
		}
	})
}

func checkSpans(t *testing.T, s *Set, ds []*Directive) {
	for _, d := range ds {
		f := s.Files[d.File]
		if f == nil || d.Span.StartLine < 1 || d.Span.StartLine > f.Lines.Count() || d.Span.EndCol < d.Span.StartCol {
			t.Fatalf("bad span %+v for %s in %s", d.Span, d.Name, d.File)
		}
		checkSpans(t, s, d.Block)
	}
}

// TestIncludeFanOutIsBounded: files that each include the next one twice
// would expand 2^n times; the loader stops and says so.
func TestIncludeFanOutIsBounded(t *testing.T) {
	fsys := fstest.MapFS{"nginx.conf": {Data: []byte("http {\n    server {\n        include f0.conf;\n    }\n}\n")}}
	for i := range 30 {
		next := fmt.Sprintf("include f%d.conf;\ninclude f%d.conf;\n", i+1, i+1)
		fsys[fmt.Sprintf("f%d.conf", i)] = &fstest.MapFile{Data: []byte(next)}
	}
	fsys["f30.conf"] = &fstest.MapFile{Data: []byte("add_header X 1;\n")}
	done := make(chan *Set)
	go func() { done <- Load(Options{FS: fsys, Roots: []string{"."}}, []string{"nginx.conf"}) }()
	select {
	case set := <-done:
		found := false
		for _, p := range set.Problems {
			found = found || strings.Contains(p.Message, "includes expand into more than")
		}
		if !found {
			t.Errorf("no problem reported for the fan-out: %+v", set.Problems)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("loading an include fan-out did not finish")
	}
}

// TestParserPanicIsAParseError: an input on which the crossplane parser
// panics (an `if ()` without a condition, found by fuzzing) is reported as
// a syntax error of its file at the line of the `if`, and the other files
// are still loaded.
func TestParserPanicIsAParseError(t *testing.T) {
	s := load(t, map[string]string{
		"bad.conf":  "server {\n    location / {\n        if ()\n    }\n}\n",
		"good.conf": "server {\n    listen 80;\n}\n",
	}, "bad.conf", "good.conf")
	got := problems(s)
	if !strings.Contains(got, "bad.conf:3") || !strings.Contains(got, "`if ()` has no condition") {
		t.Errorf("problems:\n%s\nwant a syntax error at bad.conf:3 naming the empty if", got)
	}
	if len(s.Configs) != 2 {
		t.Errorf("%d configs loaded, want both files", len(s.Configs))
	}
	other := load(t, map[string]string{"x.conf": "000{ if ()}"}, "x.conf")
	if !strings.Contains(problems(other), "x.conf:1") {
		t.Errorf("problems:\n%s\nwant a syntax error at x.conf:1", problems(other))
	}
}

// TestMayHoldLua: the Lua lexers are registered whenever crossplane could
// meet a *_by_lua_block directive, carriage returns inside its name
// included, since its lexer drops them.
func TestMayHoldLua(t *testing.T) {
	for src, want := range map[string]bool{
		"server { listen 80; }\n":                       false,
		"server { listen 80; }\r\n":                     false,
		"location / { content_by_lua_block { } }\n":     true,
		"location / { content_by_lua\r_block { } }\r\n": true,
		"location / { content_by_lua_file x.lua; }\r\n": false,
		"location / { access_by_lua_block { } }\r\n":    true,
	} {
		if got := mayHoldLua([]byte(src)); got != want {
			t.Errorf("mayHoldLua(%q) = %v, want %v", src, got, want)
		}
	}
}
