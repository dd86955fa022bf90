package jsonrpc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

type echo struct{}

func (echo) Handle(_ context.Context, req Request) (any, error) {
	switch req.Method {
	case "exit":
		return nil, ErrExit
	case "panic":
		panic("boom")
	case "echo":
		return req.Params, nil
	}
	return nil, Errorf(MethodNotFound, "no %s", req.Method)
}

func frame(s string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(s), s) }

// replies runs a connection over the input and returns what it wrote, one
// compact JSON message a line.
func replies(t *testing.T, in string) []string {
	t.Helper()
	var out bytes.Buffer
	err := NewConn(strings.NewReader(in), &out).Serve(context.Background(), echo{})
	if truncated := strings.HasSuffix(in, "{"); (err != nil) != truncated || (truncated && err != io.ErrUnexpectedEOF) {
		t.Fatalf("Serve: %v", err)
	}
	var got []string
	r := bufio.NewReader(&out)
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return got
		}
		n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Content-Length:")))
		r.ReadString('\n')
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil || !json.Valid(body) {
			t.Fatalf("bad frame %q: %v", body, err)
		}
		var m struct {
			ID    any `json:"id"`
			Error *Error
		}
		json.Unmarshal(body, &m)
		if m.Error != nil {
			got = append(got, fmt.Sprintf("%v error %d", m.ID, m.Error.Code))
		} else {
			got = append(got, fmt.Sprintf("%v ok", m.ID))
		}
	}
}

func TestFraming(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"a request", frame(`{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]}`), []string{"1 ok"}},
		{"a notification gets nothing", frame(`{"jsonrpc":"2.0","method":"echo"}`), nil},
		{"string ids", frame(`{"jsonrpc":"2.0","id":"a","method":"nope"}`), []string{"a error -32601"}},
		{"a panic",
			frame(`{"jsonrpc":"2.0","id":2,"method":"panic"}`) + frame(`{"jsonrpc":"2.0","id":3,"method":"echo"}`),
			[]string{"2 error -32603", "3 ok"}},
		{"no jsonrpc field", frame(`{"id":4,"method":"echo"}`), []string{"4 error -32600"}},
		{"a response is ignored", frame(`{"jsonrpc":"2.0","id":5,"result":1}`), nil},
		{"exit ends it", frame(`{"jsonrpc":"2.0","method":"exit"}`) + frame(`{"jsonrpc":"2.0","id":6,"method":"echo"}`),
			nil},
		{"header names any case, blank lines between", "\r\n" + strings.Replace(
			frame(`{"jsonrpc":"2.0","id":7,"method":"echo"}`), "Content-Length", "content-length", 1),
			[]string{"7 ok"}},
		{"unframed bytes, then a message", "Content-Type: x\r\n\r\n{\"id\":1}" +
			frame(`{"jsonrpc":"2.0","id":8,"method":"echo"}`), []string{"<nil> error -32700", "<nil> error -32700",
			"8 ok"}},
		{"a truncated body ends it with io.ErrUnexpectedEOF", "Content-Length: 50\r\n\r\n{", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := replies(t, tt.in)
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
