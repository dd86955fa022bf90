// Command flasklint is a static configuration linter for Flask deployments.
package main

import (
	"os"
	"runtime/debug"

	"github.com/flasklint/flasklint/cli"
)

// gcPercent is the collector's target unless GOGC says otherwise: a run
// keeps every syntax tree of the tree until its rules have run, so a
// collection a little earlier than Go's default keeps the peak memory of a
// large tree about a tenth lower, for next to no time.
const gcPercent = 75

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
