package runner

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"time"
)

// An overlay gives files contents other than those on disk: the unsaved
// buffers of an editor, or standard input read as a named file. A run reads
// an overlaid file's bytes from the overlay; every other file of the tree
// still comes from disk, so cross-file findings see the buffer together
// with its partners. Only files that the walk finds on disk are read: an
// overlay does not add files to the tree.

// inputs is where a run reads file contents from.
type inputs struct {
	overlay map[string][]byte // by absolute, cleaned path
	cache   *Cache            // nil for none
}

func newInputs(opts Options) inputs {
	in := inputs{cache: opts.Cache}
	if len(opts.Overlay) > 0 {
		in.overlay = make(map[string][]byte, len(opts.Overlay))
		for p, src := range opts.Overlay {
			in.overlay[filepath.Clean(p)] = src
		}
	}
	return in
}

// read returns a file's bytes: the overlay's, else the disk's (through the
// cache when there is one). The size cap applies to both.
func (in inputs) read(abs string) ([]byte, error) {
	if src, ok := in.overlay[abs]; ok {
		if len(src) > MaxFileSize {
			return nil, fmt.Errorf("file of %d bytes is over the %d MiB limit and was not read",
				len(src), MaxFileSize>>20)
		}
		return src, nil
	}
	if in.cache != nil {
		return in.cache.read(abs)
	}
	return readFile(abs)
}

// overlaid opens a file of the overlay as an fs.File, for reads through
// the tree's fs.FS (nginx includes).
func (in inputs) overlaid(abs string) (fs.File, bool) {
	src, ok := in.overlay[abs]
	if !ok || len(src) > MaxFileSize {
		return nil, false
	}
	return &memFile{Reader: bytes.NewReader(src), name: filepath.Base(abs), size: int64(len(src))}, true
}

// memFile is an overlay file opened for reading.
type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size}, nil }
func (f *memFile) Close() error               { return nil }

var _ io.Reader = (*memFile)(nil)

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
