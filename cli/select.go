package cli

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/rules"
)

// selectRules applies --select and --ignore. Each names a rule id, a prefix
// of ids (FL3, FL30) or ALL. The tool's own FL0xx rules stay on under any
// --select, so that a file that could not be read is never taken for clean;
// only an --ignore that names them turns them off.
func selectRules(sel, ign []string) ([]*rules.Rule, error) {
	if err := checkSelectors(append(append([]string{}, sel...), ign...)); err != nil {
		return nil, err
	}
	var out []*rules.Rule
	for _, r := range rules.All {
		on := len(sel) == 0 || matchesAny(r.ID, sel) || r.Family() == "0"
		if on && !matchesAny(r.ID, ign) {
			out = append(out, r)
		}
	}
	return out, nil
}

func matchesAny(id string, selectors []string) bool {
	for _, s := range selectors {
		s = strings.ToUpper(strings.TrimSpace(s))
		if s == "ALL" || strings.HasPrefix(id, s) {
			return true
		}
	}
	return false
}

func checkSelectors(selectors []string) error {
	for _, s := range selectors {
		found := false
		for _, r := range rules.All {
			found = found || matchesAny(r.ID, []string{s})
		}
		if !found {
			return usageError{fmt.Errorf("%q matches no rule id (see 'flasklint rules')", s)}
		}
	}
	return nil
}
