package runner

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// readFile gives a file's exact bytes in a buffer of their size, empty
// files included, and refuses what is not a regular file or is too big,
// without opening it.
func TestReadFileExactBytes(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 4097, MaxFileSize} {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("ab\n"), size/3+1)[:size]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p)
		if err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		if !bytes.Equal(got, want) || cap(got) != size {
			t.Errorf("%d bytes: read %d bytes in a buffer of %d", size, len(got), cap(got))
		}
	}
	p := filepath.Join(dir, "big")
	if err := os.WriteFile(p, make([]byte, MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readFile(p); err == nil || !strings.Contains(err.Error(), "over the 10 MiB limit") {
		t.Errorf("file over the limit: %v", err)
	}
	if _, err := readFile(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("folder: %v", err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readFile(fifo); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("named pipe: %v", err) // and it did not wait for a writer
	}
}

// readSized gives the bytes there are when the file shrank or grew since
// its Stat, down to none, and refuses one that grew past the limit.
func TestReadSizedAfterAChange(t *testing.T) {
	for _, tt := range []struct {
		content string
		size    int64
	}{
		{"", 10}, {"abc", 10}, {"abc", 3}, {"abcdef", 3}, {"abcdef", 0},
	} {
		got, err := readSized(strings.NewReader(tt.content), tt.size)
		if err != nil || string(got) != tt.content {
			t.Errorf("%q read as of %d bytes: %q, %v", tt.content, tt.size, got, err)
		}
	}
	huge := bytes.NewReader(make([]byte, MaxFileSize+1))
	if _, err := readSized(huge, 3); err == nil || !strings.Contains(err.Error(), "over the 10 MiB limit") {
		t.Errorf("grown past the limit: %v", err)
	}
}
