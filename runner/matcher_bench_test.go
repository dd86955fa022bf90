package runner

import (
	"testing"
)

// BenchmarkPrescan is the pre-scan of every rule's needles over Python
// source that holds none of them.
func BenchmarkPrescan(b *testing.B) {
	var src []byte
	for len(src) < 1<<20 {
		src = append(src, "def handler(items, limit=10):\n    return [i * 2 for i in items[:limit]]\n"...)
	}
	scan := newPrescan(nil)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if scan.wanted("lib/util.py", src) != needNone {
			b.Fatal("matched")
		}
	}
}
