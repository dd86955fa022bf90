package sarif

import (
	"slices"
	"strings"
	"testing"
)

// The vectors of github/codeql-action src/fingerprints.test.ts, as listed
// in INTEGRATIONS.md §1.
func TestLineHashesVectors(t *testing.T) {
	greetings := []string{
		"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
		"b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
	}
	greetingsLF := " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"
	lorem := []string{
		"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
		"a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
		"a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
		"cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1",
	}
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", []string{"c129715d7a2bc9a3:1"}},
		{"spaces and tabs", " a\nb\n  \t\tc\n d", []string{
			"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1",
		}},
		{"greetings LF", greetingsLF, greetings},
		{"greetings CR", strings.ReplaceAll(greetingsLF, "\n", "\r"), greetings},
		{"greetings CRLF", strings.ReplaceAll(greetingsLF, "\n", "\r\n"), greetings},
		{"lorem x10", strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), lorem},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lineHashes([]byte(tt.src)); !slices.Equal(got, tt.want) {
				t.Errorf("lineHashes(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// Line breaks: CR, space, LF is two breaks; a lone CR is one.
func TestLineHashesLineCount(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"a\r \nb", 3},
		{"a\rb", 2},
		{"a\r\nb", 2},
		{"a\n\r\nb", 3},
	}
	for _, tt := range tests {
		if got := len(lineHashes([]byte(tt.src))); got != tt.want {
			t.Errorf("lineHashes(%q) has %d lines, want %d", tt.src, got, tt.want)
		}
	}
}

// Bad UTF-8 decodes as Node.js does: one U+FFFD per maximal invalid subpart;
// astral characters count as two UTF-16 units.
func TestLineHashesDecoding(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		same string
	}{
		{"truncated 3-byte sequence", []byte("x\xe2\x82y"), "x\uFFFDy"},
		{"stray continuation bytes", []byte("x\x80\x80y"), "x\uFFFD\uFFFDy"},
		{"encoded surrogate", []byte("x\xed\xa0\x80y"), "x\uFFFD\uFFFD\uFFFDy"},
		{"truncated 4-byte sequence", []byte("x\xf0\x9f\x98y"), "x\uFFFDy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := lineHashes(tt.src), lineHashes([]byte(tt.same))
			if !slices.Equal(got, want) {
				t.Errorf("lineHashes(%q) = %q, want %q (as %q)", tt.src, got, want, tt.same)
			}
		})
	}

	units := utf16Units([]byte("é😀"))
	if want := []uint16{0xE9, 0xD83D, 0xDE00}; !slices.Equal(units, want) {
		t.Errorf("utf16Units(é😀) = %X, want %X", units, want)
	}
}

func TestFingerprinterLineHash(t *testing.T) {
	src := map[string][]byte{"a.py": []byte("x = 1\ny = 2\n")}
	calls := 0
	fp := newFingerprinter(func(file string) []byte { calls++; return src[file] })

	if h, ok := fp.lineHash("a.py", 2); !ok || h != lineHashes(src["a.py"])[1] {
		t.Errorf("lineHash(a.py, 2) = %q, %v", h, ok)
	}
	if _, ok := fp.lineHash("a.py", 4); ok {
		t.Error("lineHash(a.py, 4) found a hash for a line past the end")
	}
	if _, ok := fp.lineHash("missing.py", 1); ok {
		t.Error("lineHash of a file without source found a hash")
	}
	fp.lineHash("a.py", 1)
	if calls != 2 {
		t.Errorf("source called %d times, want 2 (once per file)", calls)
	}
	if _, ok := newFingerprinter(nil).lineHash("a.py", 1); ok {
		t.Error("a nil source gave a hash")
	}
}
