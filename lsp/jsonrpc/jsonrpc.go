// Package jsonrpc is the JSON-RPC 2.0 layer of flasklint's language server:
// messages framed by a Content-Length header, as the Language Server
// Protocol sends them over standard input and output. It knows nothing of
// linting. A malformed message gets the protocol's error response and the
// connection goes on serving: only the end of the input, or an "exit",
// ends it.
package jsonrpc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The JSON-RPC and LSP error codes.
const (
	ParseError           = -32700
	InvalidRequest       = -32600
	MethodNotFound       = -32601
	InvalidParams        = -32602
	InternalError        = -32603
	ServerNotInitialized = -32002
	RequestFailed        = -32803
)

// MaxMessage is the largest message body read; a larger one is skipped and
// answered with a ParseError.
const MaxMessage = 64 << 20

// Error is a JSON-RPC error object.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return fmt.Sprintf("jsonrpc error %d: %s", e.Code, e.Message) }

// Errorf makes an error response of the code.
func Errorf(code int, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// message is any JSON-RPC message: a request (method and id), a
// notification (method, no id) or a response (id, no method).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// response is what the connection writes for a request.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// Request is a request or a notification handed to the Handler.
type Request struct {
	Method string
	Params json.RawMessage // nil when absent
	// Notify is true for a notification, which gets no response.
	Notify bool
}

// Handler answers the requests of a connection, one at a time, in the
// order they came. A nil result is written as JSON null. An error that is
// an *Error is sent as is, any other as an InternalError. ErrExit ends the
// connection.
type Handler interface {
	Handle(ctx context.Context, req Request) (any, error)
}

// ErrExit, returned by a handler, ends Serve without an error.
var ErrExit = errors.New("exit")

// Conn is one connection.
type Conn struct {
	in      *bufio.Reader
	pending string // a header line read ahead
	mu      sync.Mutex
	out     io.Writer
}

// NewConn makes a connection that reads r and writes w.
func NewConn(r io.Reader, w io.Writer) *Conn {
	return &Conn{in: bufio.NewReaderSize(r, 64<<10), out: w}
}

// Serve reads and handles messages until the input ends, the context is
// cancelled or the handler returns ErrExit.
func (c *Conn) Serve(ctx context.Context, h Handler) error {
	for ctx.Err() == nil {
		body, err := c.read()
		if err != nil {
			var bad *Error
			if errors.As(err, &bad) {
				c.reply(nil, nil, bad)
				continue
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := c.dispatch(ctx, h, body); errors.Is(err, ErrExit) {
			return nil
		}
	}
	return ctx.Err()
}

// dispatch decodes one message and handles it.
func (c *Conn) dispatch(ctx context.Context, h Handler, body []byte) error {
	var m message
	var shape struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
	}
	if json.Unmarshal(body, &shape) == nil && len(shape.Method) > 0 && shape.Method[0] != '"' &&
		string(shape.Method) != "null" {
		var id json.RawMessage
		if validID(shape.ID) {
			id = shape.ID
		}
		c.reply(id, nil, Errorf(InvalidRequest, "the method must be a string"))
		return nil
	}
	if err := json.Unmarshal(body, &m); err != nil {
		if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '[' && json.Valid(t) {
			c.reply(nil, nil, Errorf(InvalidRequest, "batches are not supported"))
			return nil
		}
		c.reply(nil, nil, Errorf(ParseError, "the message is not a JSON-RPC object: %v", err))
		return nil
	}
	id := m.ID
	if string(id) == "null" {
		id = nil
	}
	if id != nil && !validID(id) {
		c.reply(nil, nil, Errorf(InvalidRequest, "the id must be a number or a string"))
		return nil
	}
	switch {
	case m.JSONRPC != "2.0":
		if id != nil || m.Method != "" {
			c.reply(id, nil, Errorf(InvalidRequest, `the message lacks "jsonrpc": "2.0"`))
		}
		return nil
	case m.Method == "" && id != nil && (m.Result != nil || m.Error != nil):
		return nil // a response to a request of ours: none are sent that wait
	case m.Method == "" && id != nil:
		c.reply(id, nil, Errorf(InvalidRequest, "the message has an id but no method, result or error"))
		return nil
	case m.Method == "":
		c.reply(nil, nil, Errorf(InvalidRequest, "the message has neither a method nor an id"))
		return nil
	}
	req := Request{Method: m.Method, Params: m.Params, Notify: id == nil}
	if string(req.Params) == "null" {
		req.Params = nil
	}
	result, err := handle(ctx, h, req)
	if errors.Is(err, ErrExit) {
		return err
	}
	if req.Notify {
		return nil
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			e = Errorf(InternalError, "%v", err)
		}
		c.reply(id, nil, e)
		return nil
	}
	if result == nil {
		result = json.RawMessage("null")
	}
	c.reply(id, result, nil)
	return nil
}

// handle calls the handler; a panic in it becomes an InternalError so that
// the connection goes on.
func handle(ctx context.Context, h Handler, req Request) (result any, err error) {
	defer func() {
		if v := recover(); v != nil {
			result, err = nil, Errorf(InternalError, "internal error in %s: %v", req.Method, v)
		}
	}()
	return h.Handle(ctx, req)
}

func validID(id json.RawMessage) bool {
	var v any
	if json.Unmarshal(id, &v) != nil {
		return false
	}
	switch v.(type) {
	case string, float64:
		return true
	}
	return false
}

// Pending tells whether more input is already read and waiting: a handler
// may leave work that the next message makes stale for later. Call it
// from the handler only.
func (c *Conn) Pending() bool { return c.pending != "" || c.in.Buffered() > 0 }

// Request sends a request to the other side. Its response, when it
// comes, is read and dropped: the server asks only what needs no answer.
func (c *Conn) Request(id, method string, params any) error {
	return c.write(struct {
		JSONRPC string `json:"jsonrpc"`
		ID      string `json:"id"`
		Method  string `json:"method"`
		Params  any    `json:"params"`
	}{"2.0", id, method, params})
}

// Notify sends a notification.
func (c *Conn) Notify(method string, params any) error {
	return c.write(struct {
		JSONRPC string `json:"jsonrpc"`
		Method  string `json:"method"`
		Params  any    `json:"params"`
	}{"2.0", method, params})
}

func (c *Conn) reply(id json.RawMessage, result any, e *Error) {
	if id == nil {
		id = json.RawMessage("null")
	}
	_ = c.write(response{JSONRPC: "2.0", ID: id, Result: result, Error: e})
}

func (c *Conn) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.out, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = c.out.Write(body)
	return err
}

// read reads one framed message body. A framing problem that leaves the
// stream readable (a bad or missing Content-Length, a body over
// MaxMessage) is an *Error; the end of the input is io.EOF.
func (c *Conn) read() ([]byte, error) {
	length, seen := -1, false
	var bad *Error
	for {
		line, err := c.pending, error(nil)
		if c.pending != "" {
			c.pending = ""
		} else {
			line, err = c.in.ReadString('\n')
		}
		if err != nil {
			if errors.Is(err, io.EOF) && (line != "" || seen) {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if !seen {
				continue // blank lines between messages
			}
			break
		}
		if i := strings.Index(line, "Content-Length:"); i > 0 {
			// The rest of a message whose length was unknown runs into the
			// next header: report it, and take up the stream again there.
			c.pending = line[i:] + "\n"
			return nil, Errorf(ParseError, "unframed bytes before a header")
		}
		seen = true
		if len(line) > 4096 {
			bad = Errorf(ParseError, "a header line is too long")
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = Errorf(ParseError, "malformed header %q", line)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				bad = Errorf(ParseError, "bad Content-Length %q", strings.TrimSpace(value))
				continue
			}
			length = n
		}
	}
	if length < 0 {
		if bad == nil {
			bad = Errorf(ParseError, "the message has no Content-Length header")
		}
		return nil, bad
	}
	if length > MaxMessage {
		if _, err := io.CopyN(io.Discard, c.in, int64(length)); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, Errorf(ParseError, "a message of %d bytes is over the %d MiB limit", length, MaxMessage>>20)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(c.in, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	if bad != nil {
		return nil, bad
	}
	return body, nil
}
