package rules

import (
	"strings"
	"testing"
)

// TestWebsocketNeedles: every websocket module FL605 looks for holds one of
// its needles.
func TestWebsocketNeedles(t *testing.T) {
	for _, mod := range websocketModules {
		found := false
		for _, n := range UpgradeForwarded.Needles.Python {
			found = found || strings.Contains(mod, n)
		}
		if !found {
			t.Errorf("no needle finds %s", mod)
		}
	}
}
