package runner

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// errOutside is the error for a path whose real location is outside the
// scanned tree.
var errOutside = errors.New("the path leads outside the scanned tree")

// errSpecial is the error for a path that is neither a regular file nor a
// directory: opening a FIFO blocks until a writer comes, and a device may
// never end.
var errSpecial = errors.New("not a regular file")

// treeFS is the scan base as an fs.FS that never leaves the scanned roots:
// a path whose real location, after every symlink, lies outside all roots
// cannot be opened. nginx includes are read through it.
type treeFS struct {
	base  string
	roots []string // real absolute directories
	in    inputs   // overlaid files are opened from memory
	// read holds the files the scan has read, by slash path relative to
	// the base: ReadFile hands them out again instead of a second copy.
	read map[string][]byte
}

func newTreeFS(base string, roots []string) treeFS {
	t := treeFS{base: base}
	for _, r := range roots {
		real, err := filepath.EvalSymlinks(r)
		if err != nil {
			continue
		}
		if info, err := os.Stat(real); err == nil && !info.IsDir() {
			real = filepath.Dir(real)
		}
		t.roots = append(t.roots, real)
	}
	return t
}

// Open opens a slash path relative to the base.
func (t treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	abs := filepath.Join(t.base, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	for _, r := range t.roots {
		if !within(real, r) {
			continue
		}
		if info, err := os.Stat(real); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
			return nil, &fs.PathError{Op: "open", Path: name, Err: errSpecial}
		}
		if f, ok := t.in.overlaid(abs); ok {
			return f, nil // an open buffer of a file of the tree
		}
		return os.Open(real)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: errOutside}
}

// ReadFile reads a slash path relative to the base, with the checks of Open.
// A file the scan has read already is returned as it was read, not copied:
// the caller must not modify it.
func (t treeFS) ReadFile(name string) ([]byte, error) {
	src, ok := t.read[name]
	if !ok {
		return fs.ReadFile(openOnly{t}, name)
	}
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	_ = f.Close()
	return src, nil
}

// openOnly hides the ReadFile method of an FS, for fs.ReadFile.
type openOnly struct{ fs.FS }
