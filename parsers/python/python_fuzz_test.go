package python

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// slowParse is how long the two parses of one fuzz input may take before
// the input is kept as a failure: a hang guard, far above the usual
// milliseconds, not a speed assertion.
const slowParse = 10 * time.Second

// FuzzParse: Parse and Check never panic, and every span and byte range they
// return lies within the file. Seeded from the rules' Python testdata.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/rules/*/*.py")
	for _, p := range seeds {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"", "\xef\xbb\xbfimport flask\r\n", "a = (\x00)\r", "def f(:\n", "x = '\xff\xfe'  # flasklint: ignore[FL101]",
		"x = a \\\r\n@d\r\ndef f():\r\n    pass\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := NewParser()
		defer p.Close()
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > slowParse {
				t.Fatalf("parsing %d bytes took %v", len(src), d)
			}
		}()
		file, err := p.Parse(context.Background(), "app.py", src)
		if err != nil {
			t.Fatal(err)
		}
		checkFile(t, file)
		// The same bytes as an edit of a fixed file give the same tree.
		keeper := NewParser()
		keeper.KeepTrees = true
		defer keeper.Close()
		old, err := keeper.Parse(context.Background(), "app.py", []byte(fuzzBase))
		if err != nil {
			t.Fatal(err)
		}
		edited, err := keeper.ParseEdited(context.Background(), "app.py", src, old)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := dump(edited), dump(file); g != w {
			t.Fatalf("parsed as an edit:\n%s\nparsed afresh:\n%s", g, w)
		}
		// And parsed in two halves where it can be split.
		halves := NewParser()
		halves.SplitFrom = 1
		defer halves.Close()
		split, err := halves.Parse(context.Background(), "app.py", src)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := dump(split), dump(file); g != w {
			t.Fatalf("parsed in halves:\n%s\nparsed whole:\n%s", g, w)
		}
	})
}

// fuzzBase is the file that each fuzz input is also parsed as an edit of.
const fuzzBase = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route(\"/\")\ndef index():\n" +
	"    return {\"ok\": True}  # flasklint: ignore[FL101]\n\n\nif __name__ == \"__main__\":\n    app.run()\n"

func checkFile(t *testing.T, f *File) {
	t.Helper()
	lines := f.Lines.Count()
	for _, e := range f.Errors {
		if e.Span.StartLine < 1 || e.Span.EndLine > lines || e.Span.StartLine > e.Span.EndLine || e.Span.StartCol < 1 {
			t.Fatalf("syntax error span %+v outside a file of %d lines", e.Span, lines)
		}
	}
	for _, c := range f.Comments {
		if c.StartByte < 0 || c.StartByte+len(c.Text) > len(f.Src) || c.Span.StartLine < 1 || c.Span.EndLine > lines {
			t.Fatalf("comment %+v outside the file", c)
		}
	}
	if f.Root == nil {
		return
	}
	stack := []*Node{f.Root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.StartByte < 0 || int(n.EndByte) > len(f.Src) || n.StartByte > n.EndByte {
			t.Fatalf("node %s [%d,%d) outside a file of %d bytes", n.Type(), n.StartByte, n.EndByte, len(f.Src))
		}
		stack = slices.AppendSeq(stack, n.Children())
	}
}
