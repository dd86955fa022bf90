package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/flasklint/flasklint/rules"
)

// Text writes one GNU-style line per finding:
// "path:line:col: level: message [FL101 debug-run]".
func Text(w io.Writer, findings []rules.Finding, ruleByID RuleLookup) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		d := describe(f, ruleByID)
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s [%s]\n",
			oneLine(d.Pos.File), d.region.line, d.region.col,
			d.severity.Level(), strings.TrimSpace(oneLine(d.Message)), d.label())
	}
	return bw.Flush()
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

// oneLine replaces every line break (CR LF, CR or LF) with a space.
func oneLine(s string) string { return lineBreaks.Replace(s) }
