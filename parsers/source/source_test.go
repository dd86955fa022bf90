package source

import "testing"

func TestPosition(t *testing.T) {
	src := []byte("ab\r\né😀x\rlast\n")
	l := NewLines(src)
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1},
		{2, 1, 3},  // the CR of CR LF still belongs to line 1
		{4, 2, 1},  // after CR LF
		{6, 2, 2},  // after é (2 bytes, 1 UTF-16 unit)
		{10, 2, 4}, // after 😀 (4 bytes, 2 UTF-16 units)
		{12, 3, 1}, // after a lone CR
		{17, 4, 1}, // after the final LF
	}
	for _, tt := range tests {
		line, col := l.Position(tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
	if l.Count() != 4 {
		t.Errorf("Count = %d, want 4", l.Count())
	}
	if got := string(l.Line(2)); got != "é😀x" {
		t.Errorf("Line(2) = %q", got)
	}
	if s := l.LineSpan(2); s.EndCol != 5 {
		t.Errorf("LineSpan(2).EndCol = %d, want 5", s.EndCol)
	}
}

func TestUTF16LenInvalid(t *testing.T) {
	if n := UTF16Len([]byte{0xff, 'a', 0xc3}); n != 3 {
		t.Errorf("invalid bytes count one unit each: got %d", n)
	}
}
