// Command readtree reads every regular file under its arguments, one after
// another, and prints how many files and bytes it read: the cost of reading
// the input, which `make bench` compares flasklint with.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	files, bytes := 0, 0
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files, bytes = files+1, bytes+len(data)
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "readtree:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%d files %d bytes\n", files, bytes)
}
