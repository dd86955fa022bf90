package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// dropUnset rewrites compact JSON without the object members whose value is
// -1, keeping everything else and its order. go-sarif writes -1 for every
// unset integer it holds by value (region byteOffset and charOffset,
// artifactLocation index, location id, rank, descriptor index); SARIF reads
// -1 as "absent", but GitHub documents these properties as 0…2^63−1.
// NOTE: flasklint itself never writes a -1 that means something.
func dropUnset(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out bytes.Buffer
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if err := copyValue(dec, tok, &out); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the json value")
	}
	return out.Bytes(), nil
}

// copyValue writes the value that starts with tok, reading the rest of it
// from dec.
func copyValue(dec *json.Decoder, tok json.Token, out *bytes.Buffer) error {
	switch tok {
	case json.Delim('{'):
		return copyObject(dec, out)
	case json.Delim('['):
		return copyArray(dec, out)
	}
	return writeScalar(tok, out)
}

func copyObject(dec *json.Decoder, out *bytes.Buffer) error {
	out.WriteByte('{')
	first := true
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		val, err := dec.Token()
		if err != nil {
			return err
		}
		if val == json.Number("-1") {
			continue
		}
		if !first {
			out.WriteByte(',')
		}
		first = false
		if err := writeScalar(key, out); err != nil {
			return err
		}
		out.WriteByte(':')
		if err := copyValue(dec, val, out); err != nil {
			return err
		}
	}
	_, err := dec.Token() // '}'
	out.WriteByte('}')
	return err
}

func copyArray(dec *json.Decoder, out *bytes.Buffer) error {
	out.WriteByte('[')
	for i := 0; dec.More(); i++ {
		if i > 0 {
			out.WriteByte(',')
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := copyValue(dec, tok, out); err != nil {
			return err
		}
	}
	_, err := dec.Token() // ']'
	out.WriteByte(']')
	return err
}

// writeScalar writes a string, number, boolean or null. Strings keep '<',
// '>' and '&' readable (no HTML escaping).
func writeScalar(tok json.Token, out *bytes.Buffer) error {
	if n, ok := tok.(json.Number); ok {
		out.WriteString(n.String())
		return nil
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tok); err != nil {
		return err
	}
	out.Truncate(out.Len() - 1) // Encode's newline
	return nil
}
