package rules

import (
	"regexp"

	"github.com/flasklint/flasklint/parsers/python"
	"github.com/flasklint/flasklint/parsers/source"
)

// Fix is an obvious correction of a finding, as text edits: editors offer
// it as a quick fix and SARIF carries it in a result's fixes.
type Fix struct {
	Description string
	Edits       []Edit
}

// Edit replaces the text of a span (an empty span inserts) with NewText.
type Edit struct {
	Pos     Pos
	NewText string
}

// replaceNode is the fix that replaces the source of a Python node.
func replaceNode(f *python.File, n *python.Node, newText, description string) *Fix {
	return &Fix{Description: description, Edits: []Edit{{Pos: nodePos(f, n), NewText: newText}}}
}

// replaceInLine is the fix that replaces the first submatch of re found on
// or after the start of pos, on pos's first line, with newText. It is nil
// when the line does not match.
func replaceInLine(src []byte, pos Pos, re *regexp.Regexp, newText, description string) *Fix {
	if src == nil {
		return nil
	}
	lines := source.NewLines(src)
	start := lines.Offset(pos.StartLine, pos.StartCol)
	end := lines.LineStart(pos.StartLine) + len(lines.Line(pos.StartLine))
	if start > end {
		return nil
	}
	m := re.FindSubmatchIndex(src[start:end])
	if len(m) < 4 || m[2] < 0 {
		return nil
	}
	span := lines.Span(start+m[2], start+m[3])
	return &Fix{Description: description, Edits: []Edit{{Pos: Pos{File: pos.File, Span: span}, NewText: newText}}}
}

// nginxSrc is the text of an nginx file that the project read, or nil.
func nginxSrc(p *Project, file string) []byte {
	if p.Nginx == nil || p.Nginx.Files[file] == nil {
		return nil
	}
	return p.Nginx.Files[file].Src
}
