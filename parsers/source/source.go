// Package source converts byte offsets in a file into the positions that
// users see: 1-based lines and 1-based columns counted in UTF-16 code units,
// the unit SARIF (columnKind utf16CodeUnits), LSP and most editors use.
//
// Every parser keeps one Lines value beside the bytes it parsed, so that all
// conversions happen here and nowhere else.
package source

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Span is a region of one file. Lines and columns are 1-based; columns count
// UTF-16 code units and EndCol is one past the last character.
type Span struct {
	StartLine, StartCol int
	EndLine, EndCol     int
}

// Lines indexes the line starts of a file's bytes.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines indexes src. A lone CR, CR LF and LF each end a line.
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, 1+bytes.Count(src, []byte("\n")))
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Count is the number of lines (an empty file has one).
func (l *Lines) Count() int { return len(l.starts) }

// Line returns the bytes of the 1-based line n without its line ending.
func (l *Lines) Line(n int) []byte {
	if n < 1 || n > len(l.starts) {
		return nil
	}
	start, end := l.starts[n-1], len(l.src)
	if n < len(l.starts) {
		end = l.starts[n]
	}
	for end > start && (l.src[end-1] == '\n' || l.src[end-1] == '\r') {
		end--
	}
	return l.src[start:end]
}

// LineStart returns the byte offset at which the 1-based line n starts.
func (l *Lines) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return len(l.src)
	}
	return l.starts[n-1]
}

// Position converts a byte offset into a 1-based line and UTF-16 column.
func (l *Lines) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return i + 1, UTF16Len(l.src[l.starts[i]:off]) + 1
}

// Span converts the byte range [start, end) into a Span.
func (l *Lines) Span(start, end int) Span {
	sl, sc := l.Position(start)
	el, ec := l.Position(end)
	return Span{StartLine: sl, StartCol: sc, EndLine: el, EndCol: ec}
}

// LineSpan is the Span of a whole line, without its line ending.
func (l *Lines) LineSpan(n int) Span {
	return Span{StartLine: n, StartCol: 1, EndLine: n, EndCol: UTF16Len(l.Line(n)) + 1}
}

// UTF16Len counts the UTF-16 code units of b; invalid bytes count as one
// replacement character each.
func UTF16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}

// Offset converts a 1-based line and UTF-16 column back into a byte offset,
// clamped to the line (a column past its end gives the end of the line).
func (l *Lines) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	text := l.Line(line)
	off, units := 0, 1
	for off < len(text) && units < col {
		r, size := utf8.DecodeRune(text[off:])
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		off += size
	}
	return l.starts[line-1] + off
}
