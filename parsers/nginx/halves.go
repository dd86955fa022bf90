package nginx

import (
	"bytes"
	"io"

	crossplane "github.com/nginxinc/nginx-go-crossplane"
)

// A large file (a generated http block of thousands of servers) is parsed
// in two halves at once, on two cores: crossplane reads one character at a
// time, and one file keeps one core busy. The halves meet between two
// blocks that close inside a top-level block (two servers in http). The
// first half is the file without the directives after the meeting point up
// to that top-level block's closing brace, the second half is those
// directives alone; both keep every line end, so every directive keeps its
// line. A file is only split where its braces and quotes are all read alike
// by nginx, crossplane and the scan that finds the meeting point (none in
// the middle of a word); when either half has a syntax error, the file is
// parsed whole instead, so that errors are placed as a whole parse places
// them.

// halvesFrom is the size from which a file is parsed in two halves.
const halvesFrom = 256 << 10

// parseHalves parses src in two halves and joins their trees, or returns
// nil when src cannot be split or a half does not parse cleanly.
func parseHalves(name string, src []byte) *crossplane.Payload {
	at, end := meetingPoint(src)
	if at == 0 {
		return nil
	}
	lines := func(b []byte) io.Reader {
		return bytes.NewReader(bytes.Repeat([]byte("\n"), bytes.Count(b, []byte("\n"))))
	}
	first := io.MultiReader(bytes.NewReader(src[:at]), lines(src[at:end]), bytes.NewReader(src[end:]))
	second := io.MultiReader(lines(src[:at]), bytes.NewReader(src[at:end]))
	var tail *crossplane.Payload
	var tailErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		tail, tailErr = parseSafely(name, src, readOptions(name, false, second))
	}()
	head, err := parseSafely(name, src, readOptions(name, false, first))
	<-done
	if err != nil || tailErr != nil || len(head.Errors)+len(tail.Errors) > 0 ||
		len(head.Config) != 1 || len(tail.Config) != 1 {
		return nil
	}
	// The top-level block open at the meeting point is the last top-level
	// directive of the first half that starts before it.
	atLine := 1 + bytes.Count(src[:at], []byte("\n"))
	var outer *crossplane.Directive
	for _, d := range head.Config[0].Parsed {
		if d.Line <= atLine && d.IsBlock() {
			outer = d
		}
	}
	if outer == nil {
		return nil
	}
	outer.Block = append(outer.Block, tail.Config[0].Parsed...)
	return head
}

// meetingPoint finds, near the middle of src, the end of a block that
// closes inside a top-level block, and the offset of that top-level block's
// closing brace; 0, 0 when there is none, or src holds a brace or a quote
// in the middle of a word or after a statement without its ";" (read
// differently by crossplane and nginx), a block without a name or an empty
// statement (errors in some places only). Quotes,
// escapes, comments and ${...} are read as crossplane reads them.
func meetingPoint(src []byte) (at, end int) {
	depth, best := 0, len(src)
	candidate := 0 // best meeting point in the current top-level block
	start := true  // a word may start here
	word := false  // the statement under way has a word
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\':
			i++
			start, word = false, true
		case c == '"' || c == '\'':
			if !start {
				return 0, 0
			}
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			start, word = false, true
		case c == '#' && start:
			for i < len(src) && src[i] != '\n' {
				i++
			}
			start = true
		case c == '$' && i+1 < len(src) && src[i+1] == '{':
			for i < len(src) && src[i] != '}' {
				i++
			}
			start, word = false, true
		case c == '{' || c == '}':
			if !start || c == '{' && !word || c == '}' && word {
				return 0, 0 // a brace in a word, a block without a name or after an unended statement
			}
			start, word = true, false
			if c == '{' {
				depth++
				break
			}
			depth--
			switch {
			case depth < 0:
				return 0, 0
			case depth == 1:
				if d := abs(i + 1 - len(src)/2); d < best {
					best, candidate = d, i+1
				}
			case depth == 0:
				if candidate > 0 {
					at, end = candidate, i
				}
				candidate = 0
			}
		case c == ';':
			if !word {
				return 0, 0 // an empty statement
			}
			start, word = true, false
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			start = true
		default:
			start, word = false, true
		}
	}
	if depth != 0 {
		return 0, 0
	}
	return at, end
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
