// Command benchgen writes the generated inputs of `make bench`.
//
//	benchgen monorepo DIR FILES      about FILES files of small Flask apps
//	benchgen nginx FILE PREFIX N     an nginx.conf of N server blocks
//	benchgen python FILE LINES       a Flask module of LINES lines
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/flasklint/flasklint/bench/gen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	if len(args) < 3 {
		return fmt.Errorf("usage: benchgen monorepo DIR FILES | nginx FILE PREFIX N | python FILE LINES")
	}
	n, err := strconv.Atoi(args[len(args)-1])
	if err != nil || n <= 0 {
		return fmt.Errorf("not a positive count: %q", args[len(args)-1])
	}
	switch {
	case args[0] == "monorepo" && len(args) == 3:
		return gen.Monorepo(args[1], (n+gen.FilesPerApp-1)/gen.FilesPerApp)
	case args[0] == "nginx" && len(args) == 4:
		return gen.Nginx(args[1], args[2], n)
	case args[0] == "python" && len(args) == 3:
		if err := os.MkdirAll(filepath.Dir(args[1]), 0o755); err != nil {
			return err
		}
		return os.WriteFile(args[1], []byte(gen.PythonModule(n)), 0o644)
	}
	return fmt.Errorf("unknown command %q", args)
}
