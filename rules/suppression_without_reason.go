package rules

import (
	"fmt"
	"strings"
)

// SuppressionWithoutReason reports suppression comments that give no reason.
var SuppressionWithoutReason = &Rule{
	ID:        "FL005",
	Name:      "suppression-without-reason",
	Title:     "a suppression comment gives no reason",
	Severity:  Medium,
	Precision: VeryHigh,
	Tags:      []string{"tool", "suppression"},
	Needles:   SuppressionFiles,
	Doc: Doc{
		Why: "A suppression hides a security finding from every later reader and from code " +
			"scanning, so it must say why the finding does not apply: `# flasklint: ignore[FL201] " +
			"container-only bind, published on 127.0.0.1`. A suppression without a reason does " +
			"not apply: the finding it names is still reported, and so is this notice.",
		Fix: "Write the reason after the bracket, on the same line: " +
			"`# flasklint: ignore[FL201] the port is only published on 127.0.0.1`. It may be " +
			"introduced by `--` or `:`.",
	},
	Check: func(p *Pass) error {
		for _, s := range p.Project.Suppressions {
			if s.Malformed != "" || s.Reason != "" {
				continue
			}
			ids := strings.Join(s.IDs, ",")
			p.Report(Finding{Pos: s.Pos, Message: fmt.Sprintf(
				"suppression of %s gives no reason, so it does not apply; write why after the bracket, "+
					"as in \"# flasklint: ignore[%s] <why this is safe here>\"", ids, ids)})
		}
		return nil
	},
}
