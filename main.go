// Command flasklint is a static configuration linter for Flask deployments.
package main

import (
	"os"

	"github.com/flasklint/flasklint/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
