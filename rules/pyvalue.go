package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// ValueKind is what a resolved Python expression turned out to be.
type ValueKind uint8

// The kinds of resolved values. Unknown is the zero value: a value that could
// not be resolved is never a finding.
const (
	Unknown   ValueKind = iota
	NoneVal             // None
	BoolVal             // True or False
	IntVal              // an integer
	StrVal              // a string (see Value.Partial)
	ListVal             // a list, tuple or set display
	DictVal             // a dict display or dict(...) call
	ClassVal            // a class defined in the scanned tree
	InstVal             // an instance of a class defined in the scanned tree
	FuncVal             // a function defined in the scanned tree
	ModuleVal           // a module of the scanned tree
	// ExternalVal is a name from outside the tree, by qualified name in
	// Value.Str: "flask.Flask", "os.environ", "builtins.bool".
	ExternalVal
	// ResultVal is what a call to an external callable returned; Value.Str
	// is the callable's qualified name and Value.Origin the call. A Flask
	// application object is a ResultVal of "flask.Flask".
	ResultVal
)

// Origin is the place in the scanned tree a value was written.
type Origin struct {
	File *python.File
	Node *python.Node
}

// Valid tells whether the origin points anywhere.
func (o Origin) Valid() bool { return o.File != nil && o.Node != nil }

// Pos is the origin as a finding position.
func (o Origin) Pos() Pos {
	if !o.Valid() {
		return Pos{}
	}
	return Pos{File: o.File.Path, Span: o.File.Span(o.Node)}
}

// Line is the origin's 1-based line, 0 when it has none.
func (o Origin) Line() int {
	if !o.Valid() {
		return 0
	}
	return o.Pos().StartLine
}

// Def is a class, function or module definition of the scanned tree. For a
// module Node is the file's root.
type Def struct {
	File *python.File
	Node *python.Node
}

// Value is a resolved Python value with its provenance.
type Value struct {
	Kind ValueKind
	Bool bool
	// Partial marks a StrVal of which only the beginning (Str) is known, as
	// in f"0.0.0.0:{port}".
	Partial bool
	Int     int64
	// Str is the string of a StrVal, or the qualified name of an ExternalVal
	// or ResultVal.
	Str     string
	Items   []Value     // ListVal
	Entries []DictEntry // DictVal
	Def     Def         // ClassVal, InstVal (the class), FuncVal, ModuleVal
	// Origin is where the value was written: the literal, the assignment of
	// a configuration key, or the os.environ.get call of a default.
	Origin Origin
	// Override names what can replace the value at run time: the
	// environment variable of an os.environ.get(KEY, default) whose default
	// this is, or the command-line option ("--host") of an argparse default.
	Override string
}

// DictEntry is one key of a resolved dict.
type DictEntry struct {
	Key   Value
	Value Value
	Node  *python.Node // the pair or keyword argument
}

// Known tells whether the value was resolved at all.
func (v Value) Known() bool { return v.Kind != Unknown }

// Truthy is Python's bool(v), when it can be decided.
func (v Value) Truthy() (on, known bool) {
	switch v.Kind {
	case NoneVal:
		return false, true
	case BoolVal:
		return v.Bool, true
	case IntVal:
		return v.Int != 0, true
	case StrVal:
		if v.Partial {
			return v.Str != "", v.Str != ""
		}
		return v.Str != "", true
	case ListVal:
		return len(v.Items) > 0, true
	case DictVal:
		return len(v.Entries) > 0, true
	case ClassVal, FuncVal, ModuleVal:
		return true, true
	}
	return false, false
}

// IsOn is true when the value is known and truthy.
func (v Value) IsOn() bool {
	on, known := v.Truthy()
	return known && on
}

// Is tells whether v is the external name or the result of calling it.
func (v Value) Is(kind ValueKind, qual string) bool { return v.Kind == kind && v.Str == qual }

// Lookup finds a string key of a dict.
func (v Value) Lookup(key string) (DictEntry, bool) {
	for i := len(v.Entries) - 1; i >= 0; i-- {
		if e := v.Entries[i]; e.Key.Kind == StrVal && !e.Key.Partial && e.Key.Str == key {
			return e, true
		}
	}
	return DictEntry{}, false
}

// Strings returns the strings of a string or of a list of strings, with ok
// false when any of them is not a fully known string.
func (v Value) Strings() (out []Value, ok bool) {
	switch v.Kind {
	case StrVal:
		return []Value{v}, true
	case ListVal:
		for _, it := range v.Items {
			if it.Kind != StrVal {
				return nil, false
			}
			out = append(out, it)
		}
		return out, true
	}
	return nil, false
}

// Python renders the value the way Python would print it, for messages.
func (v Value) Python() string {
	switch v.Kind {
	case NoneVal:
		return "None"
	case BoolVal:
		if v.Bool {
			return "True"
		}
		return "False"
	case IntVal:
		return strconv.FormatInt(v.Int, 10)
	case StrVal:
		if v.Partial {
			return strconv.Quote(v.Str + "...")
		}
		return strconv.Quote(v.Str)
	case ListVal:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = it.Python()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case DictVal:
		return fmt.Sprintf("{...%d keys}", len(v.Entries))
	case ExternalVal:
		return v.Str
	case ResultVal:
		return v.Str + "(...)"
	case ClassVal, FuncVal:
		if name := v.Def.Node.Child("name"); name != nil {
			return v.Def.File.Text(name)
		}
	case InstVal:
		if name := v.Def.Node.Child("name"); name != nil {
			return v.Def.File.Text(name) + "()"
		}
	case ModuleVal:
		return v.Def.File.Path
	}
	return "unknown"
}

// withOverride marks v as overridable by what overrides src, if anything,
// keeping v's own mark first.
func (v Value) withOverride(src Value) Value {
	if v.Override == "" {
		v.Override = src.Override
	}
	return v
}

// OverrideNote is the message fragment for an overridable value, or "".
func (v Value) OverrideNote() string {
	if v.Override == "" {
		return ""
	}
	return "overridable by " + v.Override
}
