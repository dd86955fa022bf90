// Package packagejson reads the "scripts" of a package.json with the line and
// column of every script, using encoding/json's token stream and its input
// offsets. A file that is not valid JSON is kept with the position of the
// error.
package packagejson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/flasklint/flasklint/parsers/source"
)

// Script is one entry of "scripts".
type Script struct {
	Name, Command string
	Line, Col     int // of the command string
}

// File is a parsed package.json.
type File struct {
	Path    string
	Scripts []Script
	// Error is why the file could not be read, at ErrorLine and ErrorCol
	// (0 when unknown).
	Error               string
	ErrorLine, ErrorCol int
}

// Parse reads a package.json.
func Parse(path string, src []byte) *File {
	f := &File{Path: path}
	lines := source.NewLines(src)
	dec := json.NewDecoder(bytes.NewReader(src))
	if err := readTop(dec, src, f, lines); err != nil {
		f.Scripts = nil
		f.Error, f.ErrorLine, f.ErrorCol = describe(err, dec, src, lines)
	}
	return f
}

func readTop(dec *json.Decoder, src []byte, f *File, lines *source.Lines) error {
	if err := delim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		if key != "scripts" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if err := readScripts(dec, src, f, lines); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the top-level object")
	}
	return nil
}

// readScripts reads "scripts": {"name": "command", ...}; any other value is
// skipped.
func readScripts(dec *json.Decoder, src []byte, f *File, lines *source.Lines) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		if d, ok := tok.(json.Delim); ok && d == '[' {
			for dec.More() {
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	for dec.More() {
		name, err := dec.Token()
		if err != nil {
			return err
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return err
		}
		var cmd string
		if json.Unmarshal(val, &cmd) != nil {
			continue // not a string: npm ignores it
		}
		start := int(dec.InputOffset()) - len(val)
		line, col := lines.Position(start)
		f.Scripts = append(f.Scripts, Script{Name: fmt.Sprint(name), Command: cmd, Line: line, Col: col})
	}
	_, err = dec.Token()
	return err
}

func delim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("expected %q, found %v", want, tok)
	}
	return nil
}

// describe turns a decoding error into a message and a position.
func describe(err error, dec *json.Decoder, src []byte, lines *source.Lines) (string, int, int) {
	off := int(dec.InputOffset()) - 1 // the token just read
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// The offset is at or just past the offending byte, depending on
		// the call that failed: start before it and skip blanks.
		off = int(se.Offset) - 1
		for off >= 0 && off < len(src) && isSpace(src[off]) {
			off++
		}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		off = len(src)
		err = errors.New("unexpected end of file")
	}
	off = min(max(off, 0), len(src))
	line, col := lines.Position(off)
	return "invalid JSON: " + err.Error(), line, col
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
