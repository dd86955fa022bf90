package runner

import (
	"context"
	"crypto/sha256"
	"os"
	"sync"
	"time"

	"github.com/flasklint/flasklint/parsers/python"
)

// Cache keeps what one run read and parsed for the next runs over the same
// tree, as a language server makes them on every keystroke: file bytes by
// path, size and modification time, and Python syntax trees by path and
// content. A run with a cache re-reads only the files that changed on disk
// and re-parses only the Python files whose bytes changed (an edited
// buffer). Parsed files are shared between runs and never modified. A
// Cache is safe for concurrent use.
type Cache struct {
	mu     sync.Mutex
	files  map[string]cachedRead
	python map[pyKey]cachedParse
}

type cachedRead struct {
	size int64
	mod  time.Time
	src  []byte
}

type pyKey struct {
	path string
	full bool // a full tree, not only the syntax check
}

type cachedParse struct {
	sum  [sha256.Size]byte
	file *python.File
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cachedRead{}, python: map[pyKey]cachedParse{}}
}

// Forget drops what the cache holds for a file (by absolute path), after
// it changed or vanished on disk.
func (c *Cache) Forget(abs string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.files, abs)
}

// read is readFile through the cache: a file whose size and modification
// time are unchanged is not read again.
func (c *Cache) read(abs string) ([]byte, error) {
	info, err := os.Stat(abs)
	if err == nil && info.Mode().IsRegular() {
		c.mu.Lock()
		hit, ok := c.files[abs]
		c.mu.Unlock()
		if ok && hit.size == info.Size() && hit.mod.Equal(info.ModTime()) {
			return hit.src, nil
		}
	}
	src, err := readFile(abs)
	if err != nil {
		c.Forget(abs)
		return nil, err
	}
	if info != nil {
		c.mu.Lock()
		c.files[abs] = cachedRead{size: info.Size(), mod: info.ModTime(), src: src}
		c.mu.Unlock()
	}
	return src, nil
}

// parse returns the cached tree of a Python file with the same path and
// bytes, else parses it with the parser and keeps the result.
func (c *Cache) parse(ctx context.Context, parser *python.Parser, full bool, path string, src []byte,
) (*python.File, error) {
	parse := parser.Check
	if full {
		parse = parser.Parse
	}
	if c == nil {
		return parse(ctx, path, src)
	}
	key, sum := pyKey{path, full}, sha256.Sum256(src)
	c.mu.Lock()
	hit, ok := c.python[key]
	c.mu.Unlock()
	if ok && hit.sum == sum {
		return hit.file, nil
	}
	f, err := parse(ctx, path, src)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.python[key] = cachedParse{sum: sum, file: f}
	c.mu.Unlock()
	return f, nil
}
