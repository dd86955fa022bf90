package nginx

import (
	"bytes"

	"github.com/flasklint/flasklint/parsers/source"
)

// locator recovers columns, which crossplane does not give. Directives are
// looked up in source order, so several statements on one line (location /
// { return 444; }) are found one after the other: each search on a line
// resumes where the previous statement on that line ended.
type locator struct {
	lines *source.Lines
	next  []int // by line - 1: byte offset where the next search starts
}

func newLocator(lines *source.Lines) *locator {
	return &locator{lines: lines, next: make([]int, lines.Count())}
}

// find returns the span of the directive called name that starts on line:
// from its name to its ';' or '{' on that line, else to the end of the line.
func (l *locator) find(line int, name string) source.Span {
	b := l.lines.Line(line)
	from := 0 // a line out of range is empty: its searches all start at 0
	if line >= 1 && line <= len(l.next) {
		from = l.next[line-1]
	}
	start, end := indexName(b, from, name), 0
	if start >= 0 {
		end = statementEnd(b, start+len(name))
	} else {
		start = skipSpace(b, from) // the name was written differently
		end = max(statementEnd(b, start), start)
	}
	if line >= 1 && line <= len(l.next) {
		l.next[line-1] = end
	}
	return source.Span{
		StartLine: line,
		StartCol:  source.UTF16Len(b[:start]) + 1,
		EndLine:   line,
		EndCol:    source.UTF16Len(b[:end]) + 1,
	}
}

// indexName finds name in b at or after from as a whole word: preceded by
// the line start, a space or a ';', '{', '}', and followed by the line end,
// a space, a quote, ';' or '{'.
func indexName(b []byte, from int, name string) int {
	if name == "" {
		return -1
	}
	for from <= len(b) {
		i := bytes.Index(b[from:], []byte(name))
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(name)
		if (i == 0 || isBoundary(b[i-1])) && (end == len(b) || isBoundary(b[end]) || isQuote(b[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isBoundary(c byte) bool {
	switch c {
	case ' ', '\t', ';', '{', '}':
		return true
	}
	return false
}

func isQuote(c byte) bool { return c == '"' || c == '\'' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return min(i, len(b))
}

// statementEnd returns the offset just past the ';' or '{' that ends the
// statement begun before i, skipping quoted strings and ${...} templates. A
// statement that goes on to the next line ends at the last non-space byte
// before the end of the line or a comment.
func statementEnd(b []byte, i int) int {
	for i < len(b) {
		switch c := b[i]; {
		case c == '\\':
			i++
		case isQuote(c):
			i = closingQuote(b, i)
		case c == '$' && i+1 < len(b) && b[i+1] == '{':
			if j := bytes.IndexByte(b[i:], '}'); j > 0 {
				i += j
			}
		case c == ';' || c == '{':
			return i + 1
		case c == '#':
			return trimRight(b, i)
		}
		i++
	}
	return trimRight(b, len(b))
}

// closingQuote returns the offset of the quote closing the string that opens
// at i, or the last offset of the line when it is not closed there.
func closingQuote(b []byte, i int) int {
	q := b[i]
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case q:
			return j
		}
	}
	return len(b) - 1
}

func trimRight(b []byte, i int) int {
	for i > 0 && (b[i-1] == ' ' || b[i-1] == '\t') {
		i--
	}
	return i
}
