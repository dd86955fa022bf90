package nginx

import (
	"fmt"
	"strings"
	"testing"

	crossplane "github.com/nginxinc/nginx-go-crossplane"

	"github.com/flasklint/flasklint/parsers/source"
)

// dumpTree is a crossplane tree as text: each directive with its line,
// arguments and block.
func dumpTree(ds crossplane.Directives) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%d:%s%q", d.Line, d.Directive, d.Args)
		if d.IsBlock() {
			fmt.Fprintf(&b, "{%s}", dumpTree(d.Block))
		}
		b.WriteString(";")
	}
	return b.String()
}

// sameParse fails the test when the halves of src parse to another tree
// than the whole, and reports whether src was parsed in halves.
func sameParse(t *testing.T, name string, src []byte) bool {
	t.Helper()
	halves := parseHalves("nginx.conf", src)
	if halves == nil {
		return false
	}
	whole, err := parseSafely("nginx.conf", src, parseOptions("nginx.conf", src, false))
	if err != nil || len(whole.Errors) > 0 {
		t.Fatalf("%s: parsed in halves, but the whole file does not parse: %v %v", name, err, whole.Errors)
	}
	if g, w := dumpTree(halves.Config[0].Parsed), dumpTree(whole.Config[0].Parsed); g != w {
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Errorf("%s: halves and whole differ after %d bytes:\n%.300s\n%.300s", name, i,
			g[max(i-200, 0):], w[max(i-200, 0):])
	}
	return true
}

// TestHalvesMatchWhole: a large file parsed in two halves gives the tree
// and the problems of a whole parse, with quotes, comments and ${...}
// about the meeting point and a block after the http block; a syntax error
// or a brace in the middle of a word makes it parse whole.
func TestHalvesMatchWhole(t *testing.T) {
	server := func(i int) string {
		return fmt.Sprintf("    server {  # a server { with a comment\n        listen 80%02d;\n"+
			"        server_name s%d.example \"q}{\" 'x;y';\n        location ~ \"^/a{2}$\" {\n"+
			"            return 200 \"${host}}\";\n            set $x ${y}z;\n        }\n    }\n", i%100, i)
	}
	var servers strings.Builder
	for i := 0; servers.Len() < halvesFrom+1000; i++ {
		servers.WriteString(server(i))
	}
	body := servers.String()
	for _, tt := range []struct {
		name, src string
		halves    bool
	}{
		{"http only", "events {}\nhttp {\n" + body + "}\n", true},
		{"a block after http", "http {\n" + body + "}\nstream {\n    server { listen 53; }\n}\n", true},
		{"an unclosed block", "http {\n" + body + "    server {\n}\n", false},
		{"an error in the middle", "http {\n" + body[:len(body)/2] + "    }\n" + body[len(body)/2:] + "}\n", false},
		{"a brace in a word", "http {\n" + body + "    location ~ ^/b{2}$ { }\n}\n", false},
		{"a quote in a word", "http {\n" + body + "    add_header X a\"b;c\";\n}\n", false},
	} {
		if got := sameParse(t, tt.name, []byte(tt.src)); got != tt.halves {
			t.Errorf("%s: parsed in halves: %v, want %v", tt.name, got, tt.halves)
		}
		// parseFile reports the problems of a whole parse either way.
		f := &File{Path: "nginx.conf", Src: []byte(tt.src), Lines: source.NewLines([]byte(tt.src))}
		whole, err := parseSafely(f.Path, f.Src, parseOptions(f.Path, f.Src, false))
		want := 1
		if err == nil {
			want = len(whole.Errors)
		}
		if p := parseFile(f); len(p.problems) != want {
			t.Errorf("%s: %d problems, want %d: %v", tt.name, len(p.problems), want, p.problems)
		}
	}
}
