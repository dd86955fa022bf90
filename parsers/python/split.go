package python

import (
	"bytes"
	"context"
)

// A large file is parsed in two halves at once, on two cores, when the
// parser is asked to (Parser.SplitFrom): the halves meet at a top-level
// definition near the middle, where no bracket or string is open, so each
// half is a module of its own and the two trees together are the tree of
// the whole. When either half has a syntax error, the file is parsed whole
// instead, so that errors are placed as a whole parse places them.

// splitPoint is the offset of a line near the middle of src that starts a
// top-level definition ("def", "async def", "class" or a decorator) outside
// any bracket and string, after a line that is no decorator and does not
// end in a backslash; 0 when there is none.
func splitPoint(src []byte) int {
	var (
		depth      int  // open brackets
		quote      byte // the quote of the open string, 0 outside strings
		triple     bool // the open string is triple-quoted
		lastStart  = 0  // start of the line before this one
		best, dist = 0, len(src)
	)
	for i := 0; i < len(src); i++ {
		c := src[i]
		if quote != 0 {
			switch {
			case c == '\\':
				i++
			case c == quote && !triple:
				quote = 0
			case c == quote && bytes.HasPrefix(src[i:], []byte{c, c, c}):
				quote, i = 0, i+2
			case c == '\n' && !triple:
				quote = 0 // an unterminated string ends with its line
			}
			continue
		}
		switch c {
		case '#':
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				i += j - 1
			} else {
				i = len(src)
			}
		case '\'', '"':
			quote, triple = c, bytes.HasPrefix(src[i:], []byte{c, c, c})
			if triple {
				i += 2
			}
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth = max(depth-1, 0)
		case '\n':
			start := i + 1
			if depth == 0 && definitionAt(src[start:]) && !continued(src[:i]) && src[lastStart] != '@' {
				if d := abs(start - len(src)/2); d < dist {
					best, dist = start, d
				}
			}
			if start < len(src) && src[start] != '\n' {
				lastStart = start
			}
		}
	}
	return best
}

// continued tells whether the line that ends src (before its line end)
// ends in a backslash, which joins the next line to it.
func continued(src []byte) bool {
	src = bytes.TrimSuffix(src, []byte("\r"))
	return len(src) == 0 || src[len(src)-1] == '\\'
}

func definitionAt(line []byte) bool {
	for _, kw := range []string{"def ", "async def ", "class ", "@"} {
		if bytes.HasPrefix(line, []byte(kw)) {
			return true
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// parseSplit parses in as two halves that meet at offset at and lists
// the nodes of both as one walk of the whole. It reports false when a
// half has a syntax error.
func (p *Parser) parseSplit(ctx context.Context, in []byte, at int) ([]flatNode, bool, error) {
	if p.aux == nil {
		p.aux = newTSParser()
	}
	var second []flatNode
	var errSecond error
	done := make(chan struct{})
	go func() {
		defer close(done)
		tree, err := p.aux.parse(ctx, in[at:], nil)
		if err != nil {
			errSecond = err
			return
		}
		second = p.aux.walk(tree)
		go deleteTree(tree)
	}()
	tree, err := p.ts.parse(ctx, in[:at], nil)
	var first []flatNode
	if err == nil {
		first = p.ts.walk(tree)
		go deleteTree(tree)
	}
	<-done
	switch {
	case err != nil:
		return nil, false, err
	case errSecond != nil:
		return nil, false, errSecond
	case first[0].flags&flagHasError != 0 || second[0].flags&flagHasError != 0:
		return nil, false, nil
	}
	// The second half's nodes follow the first's, its module's children
	// under the first's module, every offset moved by at.
	merged := append(p.merged[:0], first...)
	merged[0].end = uint32(len(in))
	base := int32(len(first) - 1)
	for _, n := range second[1:] {
		n.start += uint32(at)
		n.end += uint32(at)
		if n.parent > 0 {
			n.parent += base
		}
		merged = append(merged, n)
	}
	p.merged = merged
	return merged, true, nil
}
