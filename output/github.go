package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/flasklint/flasklint/rules"
)

// commandNames maps a level to its workflow command.
var commandNames = map[string]string{"error": "error", "warning": "warning", "note": "notice"}

// GitHub writes one GitHub Actions workflow command per finding:
// "::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=FL101 debug-run::message".
func GitHub(w io.Writer, findings []rules.Finding, ruleByID RuleLookup) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		d := describe(f, ruleByID)
		fmt.Fprintf(bw, "::%s %s::%s\n", commandNames[d.severity.Level()], properties(d), escapeData(d.Message))
	}
	return bw.Flush()
}

// properties are the command's comma-separated key=value pairs.
func properties(d described) string {
	r := d.region
	props := []string{
		"file=" + escapeProperty(d.Pos.File),
		fmt.Sprintf("line=%d", r.line),
	}
	if r.endLine == r.line {
		props = append(props, fmt.Sprintf("col=%d", r.col))
	}
	props = append(props, fmt.Sprintf("endLine=%d", r.endLine))
	if r.endLine == r.line {
		props = append(props, fmt.Sprintf("endColumn=%d", r.endCol))
	}
	props = append(props, "title="+escapeProperty(d.label()))
	return strings.Join(props, ",")
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a command's message. strings.Replacer works in one
// pass, so the '%' of a "%0A" it writes is never escaped again.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a property value: the message escapes plus ':'
// and ','.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
