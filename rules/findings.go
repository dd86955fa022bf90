package rules

import (
	"cmp"
	"slices"
)

// Unread is a file that was found but could not be read.
type Unread struct {
	File   string
	Reason string
}

// compareFindings orders findings by file, position, rule and message.
func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.StartLine, b.Pos.StartLine),
		cmp.Compare(a.Pos.StartCol, b.Pos.StartCol),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Pos.EndLine, b.Pos.EndLine),
		cmp.Compare(a.Pos.EndCol, b.Pos.EndCol),
		cmp.Compare(a.Severity, b.Severity),
	)
}

// SortFindings sorts findings and drops exact duplicates (the same file
// reached from two nginx roots gives the same finding twice).
func SortFindings(fs *[]Finding) {
	slices.SortStableFunc(*fs, compareFindings)
	*fs = slices.CompactFunc(*fs, func(a, b Finding) bool {
		return compareFindings(a, b) == 0 && slices.Equal(a.Related, b.Related)
	})
}

// reportStrongest reports findings, keeping only the most severe of those
// at the same position (one directive reached through several servers or
// header sets is one finding).
func reportStrongest(p *Pass, findings []Finding) {
	seen := map[Pos]int{}
	var out []Finding
	for _, f := range findings {
		if i, dup := seen[f.Pos]; dup {
			if f.Severity > out[i].Severity {
				out[i] = f
			}
			continue
		}
		seen[f.Pos] = len(out)
		out = append(out, f)
	}
	for _, f := range out {
		p.Report(f)
	}
}
