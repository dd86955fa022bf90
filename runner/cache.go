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
	python map[string]cachedParse
	// The import scans of Python files by path; the
	// imports are valid while the set of Python paths is the same.
	sums    map[string]cachedSum
	scans   map[string]cachedScan
	pathSet [sha256.Size]byte
}

type cachedSum struct {
	src *byte // the bytes summed: a file read from the cache keeps its slice
	n   int
	sum [sha256.Size]byte
}

type cachedScan struct {
	sum     [sha256.Size]byte
	pathSet [sha256.Size]byte
	imports links
	scanned bool // imports.imports is set
	named   bool // imports.named is set
	by      *prescan
	need    need // what by found in the bytes, when by is set
}

type cachedRead struct {
	size int64
	mod  time.Time
	src  []byte
}

type cachedParse struct {
	sum  [sha256.Size]byte
	file *python.File
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{
		files: map[string]cachedRead{}, python: map[string]cachedParse{},
		sums: map[string]cachedSum{}, scans: map[string]cachedScan{},
	}
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
func (c *Cache) parse(ctx context.Context, parser *python.Parser, path string, src []byte) (*python.File, error) {
	if c == nil {
		return parser.Parse(ctx, path, src)
	}
	sum := c.sum(path, src)
	c.mu.Lock()
	hit, ok := c.python[path]
	c.mu.Unlock()
	if ok && hit.sum == sum {
		return hit.file, nil
	}
	// The last tree of the file, when there is one, makes an edit cheap
	// to parse.
	f, err := parser.ParseEdited(ctx, path, src, hit.file)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.python[path] = cachedParse{sum: sum, file: f}
	c.mu.Unlock()
	return f, nil
}

// hits fills in the files whose trees the cache holds and returns the
// indexes of the others, so that a run whose Python files are unchanged
// starts no parser.
func (c *Cache) hits(paths []string, sources map[string][]byte, files []*python.File) []int {
	todo := make([]int, 0, len(paths))
	for i, p := range paths {
		if c != nil {
			sum := c.sum(p, sources[p])
			c.mu.Lock()
			hit, ok := c.python[p]
			c.mu.Unlock()
			if ok && hit.sum == sum {
				files[i] = hit.file
				continue
			}
		}
		todo = append(todo, i)
	}
	return todo
}

// sum is the SHA-256 of a file's bytes, computed again only when the run
// holds other bytes for the path than the last one.
func (c *Cache) sum(path string, src []byte) [sha256.Size]byte {
	var first *byte
	if len(src) > 0 {
		first = &src[0]
	}
	c.mu.Lock()
	hit, ok := c.sums[path]
	c.mu.Unlock()
	if ok && hit.src == first && hit.n == len(src) {
		return hit.sum
	}
	sum := sha256.Sum256(src)
	c.mu.Lock()
	c.sums[path] = cachedSum{src: first, n: len(src), sum: sum}
	c.mu.Unlock()
	return sum
}

// setPaths records the run's Python paths: the imports found in a file
// depend on them.
func (c *Cache) setPaths(paths []string) {
	if c == nil {
		return
	}
	h := sha256.New()
	for _, p := range paths {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	c.mu.Lock()
	copy(c.pathSet[:], h.Sum(nil))
	c.mu.Unlock()
}

// scan returns the cached scan of a file whose bytes (and, for imports,
// the run's paths) are unchanged.
func (c *Cache) scan(path string, src []byte) (cachedScan, [sha256.Size]byte) {
	sum := c.sum(path, src)
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.scans[path]
	if !ok || s.sum != sum {
		s = cachedScan{sum: sum}
	}
	return s, sum
}

// need is scan.wanted through the cache.
func (c *Cache) need(scan *prescan, path string, src []byte) need {
	if c == nil {
		return scan.wanted(path, src)
	}
	s, _ := c.scan(path, src)
	if s.by == scan {
		return s.need
	}
	s.by, s.need = scan, scan.wanted(path, src)
	c.mu.Lock()
	c.scans[path] = s
	c.mu.Unlock()
	return s.need
}

// imported is imported through the cache; the named files too when
// withNames is set.
func (c *Cache) imported(path string, src []byte, index *modules, withNames bool) links {
	if c == nil {
		return imported(path, src, index, withNames)
	}
	s, _ := c.scan(path, src)
	c.mu.Lock()
	set := c.pathSet
	c.mu.Unlock()
	if s.scanned && s.pathSet == set && (s.named || !withNames) {
		return s.imports
	}
	s.imports, s.pathSet, s.scanned, s.named = imported(path, src, index, withNames), set, true, withNames
	c.mu.Lock()
	c.scans[path] = s
	c.mu.Unlock()
	return s.imports
}
