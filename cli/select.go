package cli

import (
	"strings"

	"github.com/flasklint/flasklint/rules"
)

// selectRules applies select, extend-select and ignore. Each names rule ids,
// prefixes of ids (FL3, FL30) or ALL; an empty select means ALL. The tool's
// own FL0xx rules stay on under any select, so that a file that could not
// be read is never taken for clean; only an ignore that names them turns
// them off.
func selectRules(sel, extend, ign []string) []*rules.Rule {
	out := []*rules.Rule{} // not nil: an empty selection runs no rule, not all
	for _, r := range rules.All {
		on := len(sel) == 0 || matchesAny(r.ID, sel) || matchesAny(r.ID, extend) || r.Family() == "0"
		if on && !matchesAny(r.ID, ign) {
			out = append(out, r)
		}
	}
	return out
}

func matchesAny(id string, selectors []string) bool {
	for _, s := range selectors {
		s = strings.ToUpper(strings.TrimSpace(s))
		if s == "" {
			continue // "FL5," has an empty item that names nothing
		}
		if s == "ALL" || strings.HasPrefix(id, s) {
			return true
		}
	}
	return false
}
