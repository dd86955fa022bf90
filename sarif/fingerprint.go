package sarif

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The primaryLocationLineHash algorithm of github/codeql-action
// (src/fingerprints.ts), which upload-sarif runs when a result has none.
// Writing the same value ourselves keeps alerts stable across REST uploads.
//
// The file is decoded to UTF-16 code units; spaces and tabs are dropped, and
// CR LF, CR and LF all become one LF. A line's hash is a polynomial hash
// (base 37, wrapping uint64) of the first hashWindow units from the line's
// start, running on into the following lines and, at the end, into one
// endMarker unit and zeros. The value is the hash in hex, ':' and how many
// lines up to this one have the same hash.
const (
	hashWindow = 100
	hashBase   = 37
	endMarker  = 0xFFFF
)

// fingerprinter computes line hashes, once per file.
type fingerprinter struct {
	source func(file string) []byte
	cache  map[string][]string
}

func newFingerprinter(source func(string) []byte) *fingerprinter {
	return &fingerprinter{source: source, cache: map[string][]string{}}
}

// lineHash is the hash of the 1-based line of file, if its bytes are known
// and it has that line.
func (fp *fingerprinter) lineHash(file string, line int) (string, bool) {
	hashes, ok := fp.cache[file]
	if !ok {
		if fp.source != nil {
			if src := fp.source(file); src != nil {
				hashes = lineHashes(src)
			}
		}
		fp.cache[file] = hashes
	}
	if line < 1 || line > len(hashes) {
		return "", false
	}
	return hashes[line-1], true
}

// LineHashes returns the primaryLocationLineHash of every line of src, line
// 1 first, as GitHub computes it. Baselines key findings by it.
func LineHashes(src []byte) []string { return lineHashes(src) }

// lineHashes returns the primaryLocationLineHash of every line of src,
// line 1 first. An empty file has one line; a final newline starts one more.
func lineHashes(src []byte) []string {
	stream, starts := hashStream(src)
	seen := map[uint64]int{}
	out := make([]string, len(starts))
	for i, p := range starts {
		var h uint64
		for _, c := range stream[p : p+hashWindow] {
			h = h*hashBase + uint64(c)
		}
		seen[h]++
		out[i] = strconv.FormatUint(h, 16) + ":" + strconv.Itoa(seen[h])
	}
	return out
}

// hashStream is the normalised UTF-16 stream of src, padded with the end
// marker and hashWindow zeros, and the offsets at which lines start in it.
func hashStream(src []byte) (stream []uint16, starts []int) {
	stream = make([]uint16, 0, len(src)+hashWindow+1)
	starts = []int{0}
	prevCR := false
	for _, c := range utf16Units(src) {
		if c == ' ' || c == '\t' || (prevCR && c == '\n') {
			prevCR = false
			continue
		}
		prevCR = c == '\r'
		if c == '\r' {
			c = '\n'
		}
		stream = append(stream, c)
		if c == '\n' {
			starts = append(starts, len(stream))
		}
	}
	stream = append(stream, endMarker)
	stream = append(stream, make([]uint16, hashWindow)...)
	return stream, starts
}

// utf16Units decodes src as UTF-8 the way Node.js does (WHATWG): each
// maximal invalid subpart becomes one U+FFFD.
func utf16Units(src []byte) []uint16 {
	units := make([]uint16, 0, len(src))
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			size = invalidPrefix(src)
		}
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			units = append(units, uint16(r1), uint16(r2))
		} else {
			units = append(units, uint16(r))
		}
		src = src[size:]
	}
	return units
}

// invalidPrefix is the length of the maximal subpart at the start of b, an
// ill-formed UTF-8 sequence: a lead byte and the continuation bytes that
// were still valid for it before the sequence broke off.
func invalidPrefix(b []byte) int {
	lo, hi, need := byte(0x80), byte(0xBF), 0
	switch c := b[0]; {
	case 0xC2 <= c && c <= 0xDF:
		need = 1
	case c == 0xE0:
		lo, need = 0xA0, 2
	case c == 0xED:
		hi, need = 0x9F, 2
	case 0xE1 <= c && c <= 0xEF:
		need = 2
	case c == 0xF0:
		lo, need = 0x90, 3
	case c == 0xF4:
		hi, need = 0x8F, 3
	case 0xF1 <= c && c <= 0xF3:
		need = 3
	}
	n := 1
	for n <= need && n < len(b) && lo <= b[n] && b[n] <= hi {
		n++
		lo, hi = 0x80, 0xBF
	}
	return n
}
