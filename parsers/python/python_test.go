package python

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func parse(t *testing.T, src string) *File {
	t.Helper()
	p := NewParser()
	defer p.Close()
	f, err := p.Parse(context.Background(), "x.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestTreeHasFieldsAndNoComments(t *testing.T) {
	f := parse(t, "app.run(host='0.0.0.0')  # not a comment node\n")
	var calls, comments int
	Walk(f.Root, func(n *Node) bool {
		switch n.Type() {
		case "call":
			calls++
			if got := f.Text(n.Child("function")); got != "app.run" {
				t.Errorf("function field = %q", got)
			}
			if n.Child("arguments") == nil {
				t.Error("no arguments field")
			}
		case "comment":
			comments++
		}
		return true
	})
	if calls != 1 || comments != 0 {
		t.Errorf("calls %d, comments %d", calls, comments)
	}
	if len(f.Errors) != 0 {
		t.Errorf("unexpected syntax errors: %v", f.Errors)
	}
}

func TestSyntaxErrorsKeepTheRest(t *testing.T) {
	f := parse(t, "x = 1\ndef f(:\n    pass\napp.run(debug=True)\n")
	if len(f.Errors) == 0 {
		t.Fatal("no syntax error found")
	}
	if line := f.Errors[0].Span.StartLine; line != 2 {
		t.Errorf("first error on line %d, want 2", line)
	}
	found := false
	Walk(f.Root, func(n *Node) bool {
		found = found || (n.Type() == "call" && f.Text(n.Child("function")) == "app.run")
		return true
	})
	if !found {
		t.Error("the call after the error is not in the tree")
	}
}

func TestSpanCountsUTF16(t *testing.T) {
	f := parse(t, "s = \"😀\"; app.run()\n")
	var span []int
	Walk(f.Root, func(n *Node) bool {
		if n.Type() == "call" {
			s := f.Span(n)
			span = []int{s.StartLine, s.StartCol, s.EndLine, s.EndCol}
		}
		return true
	})
	if want := []int{1, 11, 1, 20}; !reflect.DeepEqual(span, want) {
		t.Errorf("span %v, want %v", span, want)
	}
}

func TestImports(t *testing.T) {
	f := parse(t, "import os, a.b as c\nfrom .config import Prod, Dev as D\nfrom pkg import *\n")
	want := []string{"os", "a.b", ".config", ".config.Prod", ".config.Dev", "pkg"}
	if got := f.Imports(); !reflect.DeepEqual(got, want) {
		t.Errorf("Imports = %q, want %q", got, want)
	}
}

// Comments are listed beside the tree, in source order, with their
// positions; strings that look like comments are not.
func TestComments(t *testing.T) {
	f := parse(t, "# first\nx = '# not one'  # second\n\ndef f():\n    # third\n    pass\n")
	var got []string
	for _, c := range f.Comments {
		got = append(got, fmt.Sprintf("%d:%d %s", c.Span.StartLine, c.Span.StartCol, c.Text))
	}
	want := []string{"1:1 # first", "2:18 # second", "5:5 # third"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("comments = %q, want %q", got, want)
	}
	for _, c := range f.Comments {
		if string(f.Src[c.StartByte:c.StartByte+len(c.Text)]) != c.Text {
			t.Errorf("StartByte %d does not point at %q", c.StartByte, c.Text)
		}
	}
}

// A cancelled parse returns the context's error, and the parser parses
// the next file as if nothing had happened.
func TestCancelledParseLeavesTheParserUsable(t *testing.T) {
	p := NewParser()
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Parse(ctx, "x.py", []byte("app.run(debug=True)\n")); err == nil {
		t.Fatal("a cancelled parse gave no error")
	}
	f, err := p.Parse(context.Background(), "x.py", []byte("app.run(debug=True)\n"))
	if err != nil || f.Root == nil || len(f.Errors) != 0 {
		t.Fatalf("parse after a cancelled one: root %v, errors %v, err %v", f.Root, f.Errors, err)
	}
	if call := f.Root.FirstChild().FirstChild(); call.Type() != "call" || call.Child("function") == nil {
		t.Errorf("tree after a cancelled parse: %s with function %v", call.Type(), call.Child("function"))
	}
}

// A file larger than the parser's node list at first makes the list grow
// without losing a node: every node's parent comes before it and holds it.
func TestLargeFileKeepsEveryParentLink(t *testing.T) {
	var src []byte
	for i := range 3000 {
		src = fmt.Appendf(src, "def f%d(a, b=[1, (2, {3: 4})]):\n    return a(b)  # c\n", i)
	}
	f := parse(t, string(src))
	count := 0
	Walk(f.Root, func(n *Node) bool {
		count++
		for c := range n.Children() {
			if c.Parent() != n {
				t.Fatalf("%s at %d: child %s has another parent", n.Type(), n.StartByte, c.Type())
			}
		}
		return true
	})
	if got := f.Root.ChildCount(); got != 3000 {
		t.Errorf("module has %d children, want 3000", got)
	}
	if count < 3000*20 || len(f.Comments) != 3000 {
		t.Errorf("%d nodes and %d comments, want over 60000 and 3000", count, len(f.Comments))
	}
	if nodeSize != 20 {
		t.Errorf("a node takes %d bytes, want 20", nodeSize)
	}
}

// TestParseEditedMatchesParse: parsing the new bytes of a file with its
// last tree gives the same tree, errors and comments as parsing them
// afresh, for edits anywhere in the file, of any size, that break and
// mend the syntax.
func TestParseEditedMatchesParse(t *testing.T) {
	base := "import os\n\ndef f(x):\n    return {\"k\": x}  # note\n\nclass C:\n    y = 'é'\r\n"
	edits := []string{
		base + "app.run(debug=True)\n",                     // appended
		"from flask import Flask\n" + base,                 // prepended
		strings.Replace(base, "return", "retur", 1),        // a deletion that breaks the syntax
		strings.Replace(base, "(x):", "(x, y=[1, 2]):", 1), // an insertion in the middle
		strings.Replace(base, "    y = 'é'\r\n", "", 1),    // the end removed
		"", // everything removed
		strings.Replace(base, "def f(x):\n", "def f(x:\n", 1), // an unclosed bracket
		base + "\tx = 1\n\r\r  y = (\n",                       // lone CRs and odd indentation
	}
	long := strings.Repeat(base, 40)
	edits = append(edits,
		long, // a large file, then edits in its middle
		long[:len(long)/2]+"    z = call(1,\n        2)\n"+long[len(long)/2:],
		long[:len(long)/3]+long[len(long)/2:],
		long[:len(long)/2]+"é"+long[len(long)/2+1:],
	)
	keeper := NewParser()
	keeper.KeepTrees = true
	defer keeper.Close()
	fresh := NewParser()
	defer fresh.Close()
	for _, first := range []string{base, edits[2]} {
		old, err := keeper.Parse(context.Background(), "x.py", []byte(first))
		if err != nil {
			t.Fatal(err)
		}
		for _, src := range edits {
			got, err := keeper.ParseEdited(context.Background(), "x.py", []byte(src), old)
			if err != nil {
				t.Fatal(err)
			}
			want, err := fresh.Parse(context.Background(), "x.py", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if g, w := dump(got), dump(want); g != w {
				t.Errorf("%q edited to %q:\n got %s\nwant %s", first, src, g, w)
			}
			old = got // the next edit starts from this one's tree
		}
	}
}

// dump is a tree, its syntax errors and its comments as text.
func dump(f *File) string {
	var b strings.Builder
	Walk(f.Root, func(n *Node) bool {
		fmt.Fprintf(&b, "(%s %s %d-%d %v)", n.Type(), n.Field(), n.StartByte, n.EndByte, n.Named)
		return true
	})
	fmt.Fprintf(&b, " errors %v comments %v", f.Errors, f.Comments)
	return b.String()
}

// TestSplitParseMatchesParse: a file parsed in two halves gives the tree,
// errors and comments of a whole parse, whether the halves meet at a
// definition or the file has no place to split, strings and brackets
// that span lines, and syntax errors (which make it parse whole).
func TestSplitParseMatchesParse(t *testing.T) {
	unit := "@app.route('/x')\ndef view(a,\n         b):\n    '''doc\ndef not_here():\n'''\n" +
		"    return [a,\n# comment\nb]\n\nclass C(Base):  # c\n    x = \"\"\"\nclass Inner:\n\"\"\"\n" +
		"    y = 1 + \\\n        2\n\n\nasync def g():\n    await h(r'\\'', \"\\\"\")\n"
	srcs := []string{
		strings.Repeat(unit, 30),
		strings.Repeat(unit, 30) + "def broken(:\n",
		"def broken(:\n" + strings.Repeat(unit, 30),
		strings.Repeat("x = 1\n", 500),
		strings.Repeat(unit, 15) + "s = '''\n" + strings.Repeat(unit, 15) + "'''\n",
		strings.Repeat(unit, 15) + "t = (\n" + strings.Repeat(unit, 15) + ")\n",
		"é = 1\r\n" + strings.Repeat(unit, 30),
		// A backslash before a CRLF joins the next line, decorator or def.
		strings.ReplaceAll(strings.Repeat(unit, 15)+"u = app \\\n@app.before_request\ndef hook():\n    pass\n"+
			strings.Repeat(unit, 15), "\n", "\r\n"),
		strings.ReplaceAll(strings.Repeat(unit, 15)+"total = app \\\ndef broken():\n    pass\n"+
			strings.Repeat(unit, 15), "\n", "\r\n"),
	}
	whole := NewParser()
	defer whole.Close()
	halves := NewParser()
	halves.SplitFrom = 1
	defer halves.Close()
	split := 0
	for _, src := range srcs {
		if splitPoint([]byte(src)) > 0 {
			split++
		}
		got, err := halves.Parse(context.Background(), "x.py", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want, err := whole.Parse(context.Background(), "x.py", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if g, w := dump(got), dump(want); g != w {
			t.Errorf("%.60q...: parsed in halves:\n%s\nparsed whole:\n%s", src, g, w)
		}
	}
	if split < 5 {
		t.Errorf("only %d of the files have a place to split", split)
	}
}

// TestSplitPoint: the halves meet at a top-level definition, never in a
// string, a bracket or after a decorator or a backslash.
func TestSplitPoint(t *testing.T) {
	for src, want := range map[string]string{
		"x = 1\ny = 2\ndef f():\n    pass\nz = 3\n":                   "def f():",
		"s = '''\ndef f():\n'''\nt = 1\n":                             "",
		"a = [\ndef f():\n]\n":                                        "",
		"x = 1\n@d\ndef f():\n    pass\n":                             "@d",
		"x = 1 + \\\ndef f():\n    pass\n":                            "",
		"x = 1 + \\\r\ndef f():\r\n    pass\r\n":                      "",
		"x = 1\r\ndef f():\r\n    pass\r\n":                           "def f():\r",
		"x = 1  # '\ndef f():\n    pass\n":                            "def f():",
		"x = 'it''s'\nclass C:\n    pass\nasync def g():\n    pass\n": "async def g():",
	} {
		at := splitPoint([]byte(src))
		got := ""
		if at > 0 {
			got, _, _ = strings.Cut(src[at:], "\n")
		}
		if got != want {
			t.Errorf("%q: split before %q, want %q", src, got, want)
		}
	}
}
