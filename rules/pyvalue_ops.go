package rules

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// call evaluates a call: environment reads, the builtin wrappers, string
// and dict methods, classes and single-return functions of the tree. A
// call to anything else from outside the tree is a ResultVal naming it.
func (e *evaluator) call(f *python.File, n *python.Node) Value {
	fn, args := n.Child("function"), argsOf(f, n)
	callee := Value{}
	if isType(fn, "attribute") {
		obj := e.eval(f, fn.Child("object"))
		if v, ok := e.method(f, n, obj, f.Text(fn.Child("attribute")), args); ok {
			return v
		}
		callee = e.attr(obj, f.Text(fn.Child("attribute")))
	} else {
		callee = e.eval(f, fn)
	}

	switch callee.Kind {
	case ExternalVal:
		return e.external(f, n, callee.Str, args)
	case ClassVal:
		return Value{Kind: InstVal, Def: callee.Def, Origin: Origin{f, n}}
	case FuncVal:
		return e.returnValue(callee.Def)
	}
	return Value{}
}

// method evaluates the methods of resolved values that matter for
// configuration: os.environ.get, dict.get and the string case methods.
func (e *evaluator) method(f *python.File, n *python.Node, obj Value, name string,
	args callArgs) (Value, bool) {
	switch {
	case obj.Is(ExternalVal, "os.environ") && (name == "get" || name == "setdefault"):
		return e.envRead(f, n, args), true
	case obj.Kind == DictVal && name == "get":
		if v := dictGet(obj, e.eval(f, args.at(0, "key"))); v.Known() {
			return v, true
		}
		if d := args.at(1, "default"); d != nil {
			return e.eval(f, d), true
		}
		return Value{Kind: NoneVal, Origin: Origin{f, n}}, true
	case obj.Kind == StrVal:
		return strMethod(obj, name, args)
	case obj.Is(ResultVal, argparseParser) && (name == "parse_args" || name == "parse_intermixed_args"):
		return parseArgs(f, n, obj), true
	}
	return Value{}, false
}

func strMethod(s Value, name string, args callArgs) (Value, bool) {
	noArgs := len(args.pos) == 0 && len(args.kw) == 0
	switch {
	case noArgs && (name == "lower" || name == "casefold"):
		s.Str = strings.ToLower(s.Str)
	case noArgs && name == "upper":
		s.Str = strings.ToUpper(s.Str)
	case noArgs && !s.Partial && name == "strip":
		s.Str = strings.TrimSpace(s.Str)
	case name == "format":
		prefix, _, _ := strings.Cut(s.Str, "{")
		s.Str, s.Partial = prefix, true
	default:
		return Value{}, true
	}
	return s, true
}

// envRead is os.environ.get(key, default) or os.getenv(key, default): the
// default, marked as overridable by key, with the call as its origin.
func (e *evaluator) envRead(f *python.File, n *python.Node, args callArgs) Value {
	key := e.eval(f, args.at(0, "key"))
	if key.Kind != StrVal || key.Partial {
		return Value{}
	}
	v := Value{Kind: NoneVal}
	if d := args.at(1, "default"); d != nil {
		v = e.eval(f, d)
	}
	v.Override, v.Origin = key.Str, Origin{f, n}
	return v
}

// external evaluates a call to a callable from outside the tree.
func (e *evaluator) external(f *python.File, n *python.Node, qual string, args callArgs) Value {
	arg := func() Value { return e.eval(f, args.at(0, "")) }
	here := Origin{f, n}
	switch qual {
	case "os.getenv", "os.environ.get":
		return e.envRead(f, n, args)
	case "builtins.bool":
		if args.at(0, "") == nil {
			return Value{Kind: BoolVal, Origin: here}
		}
		v := arg()
		if on, known := v.Truthy(); known {
			return Value{Kind: BoolVal, Bool: on, Origin: v.Origin, Override: v.Override}
		}
		return Value{}
	case "builtins.int":
		if len(args.pos) > 1 || len(args.kw) > 0 {
			return Value{}
		}
		return toInt(arg())
	case "builtins.str":
		if s, ok := pyStr(arg()); ok {
			return s
		}
		return Value{}
	case "builtins.dict":
		return e.dictCall(f, n, args)
	case "builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset":
		if v := arg(); v.Kind == ListVal {
			return v
		}
		return Value{}
	}
	return Value{Kind: ResultVal, Str: qual, Origin: here}
}

// dictCall evaluates dict(mapping, key=value, ...).
func (e *evaluator) dictCall(f *python.File, n *python.Node, args callArgs) Value {
	out := Value{Kind: DictVal, Origin: Origin{f, n}}
	if args.splat || len(args.pos) > 1 {
		return Value{}
	}
	if len(args.pos) == 1 {
		base := e.eval(f, args.pos[0])
		if base.Kind != DictVal {
			return Value{}
		}
		out.Entries = append(out.Entries, base.Entries...)
	}
	for _, kw := range args.kwNodes {
		name := f.Text(kw.Child("name"))
		out.Entries = append(out.Entries, DictEntry{
			Key:   Value{Kind: StrVal, Str: name, Origin: Origin{f, kw}},
			Value: e.eval(f, kw.Child("value")),
			Node:  kw,
		})
	}
	return out
}

func toInt(v Value) Value {
	switch v.Kind {
	case IntVal:
		return v
	case BoolVal:
		v.Kind, v.Int = IntVal, 0
		if v.Bool {
			v.Int = 1
		}
		return v
	case StrVal:
		if v.Partial {
			return Value{}
		}
		i, err := strconv.ParseInt(strings.TrimSpace(v.Str), 10, 64)
		if err != nil {
			return Value{}
		}
		v.Kind, v.Int = IntVal, i
		return v
	}
	return Value{}
}

// pyStr is str(v) for the scalar values.
func pyStr(v Value) (Value, bool) {
	switch v.Kind {
	case StrVal:
		return v, true
	case IntVal, BoolVal, NoneVal:
		s := v.Python()
		v.Kind, v.Str = StrVal, s
		return v, true
	}
	return Value{}, false
}

// returnValue is what a function of the tree returns, when it has exactly
// one return statement.
func (e *evaluator) returnValue(fn Def) Value {
	if fn.Node.Type() != "function_definition" {
		return Value{}
	}
	var returns []*python.Node
	python.Walk(fn.Node.Child("body"), func(n *python.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			returns = append(returns, n)
			return false
		}
		return true
	})
	if len(returns) != 1 {
		return Value{}
	}
	if vals := returns[0].NamedChildren(); len(vals) == 1 {
		return e.eval(fn.File, vals[0])
	}
	return Value{}
}

// str evaluates a string literal, decoding escapes and the fully known part
// of an f-string.
func (e *evaluator) str(f *python.File, n *python.Node) Value {
	out := Value{Kind: StrVal, Origin: Origin{f, n}}
	if n.ChildCount() == 0 {
		return Value{}
	}
	prefix := strings.ToLower(strings.TrimRight(f.Text(n.FirstChild()), `"'`))
	raw, fstr := strings.Contains(prefix, "r"), strings.Contains(prefix, "f")
	var b strings.Builder
	parts := n.NamedChildren()
	for _, c := range parts {
		switch c.Type() {
		case "string_content":
			text := f.Text(c)
			if fstr {
				text = strings.NewReplacer("{{", "{", "}}", "}").Replace(text)
			}
			if !raw {
				text = unescape(text)
			}
			b.WriteString(text)
		case "interpolation":
			v := e.interpolation(f, c)
			if v.Kind != StrVal {
				out.Str, out.Partial = b.String(), true
				return out
			}
			b.WriteString(v.Str)
			if v.Override != "" && out.Override == "" || len(parts) == 3 {
				// f"{HOST}" is HOST: keep where it was set.
				out.Override, out.Origin = v.Override, v.Origin
			}
		}
	}
	out.Str = b.String()
	return out
}

// interpolation evaluates one {expr} of an f-string to its text, or
// Unknown when it is not a plain scalar.
func (e *evaluator) interpolation(f *python.File, n *python.Node) Value {
	expr := n.Child("expression")
	if expr == nil || n.Child("type_conversion") != nil || n.Child("format_specifier") != nil {
		return Value{}
	}
	// f"{x=}" is "x=" and the repr of x, not x.
	if rest := bytes.TrimLeft(f.Src[expr.EndByte:n.EndByte], " \t\r\n"); len(rest) > 0 && rest[0] == '=' {
		return Value{}
	}
	v, ok := pyStr(e.eval(f, expr))
	if !ok || v.Partial {
		return Value{}
	}
	return v
}

func (e *evaluator) concat(f *python.File, n *python.Node) Value {
	out := Value{Kind: StrVal, Origin: Origin{f, n}}
	for _, c := range n.NamedChildren() {
		v := e.eval(f, c)
		if v.Kind != StrVal {
			out.Partial = true
			return out
		}
		out.Str += v.Str
		out = out.withOverride(v)
		if v.Partial {
			out.Partial = true
			return out
		}
	}
	return out
}

// unescape decodes the backslash escapes of a non-raw string literal;
// unknown escapes stay as written, as in Python.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case '\\', '\'', '"':
			b.WriteByte(c)
		case '\n':
		case 'x', 'u', 'U':
			size := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			if r, err := strconv.ParseUint(s[i+1:min(i+1+size, len(s))], 16, 32); err == nil && i+size < len(s) {
				b.WriteRune(rune(r))
				i += size
				continue
			}
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String()
}

// binary evaluates +, - and * on numbers and + and % on strings.
func (e *evaluator) binary(f *python.File, n *python.Node) Value {
	l, r := e.eval(f, n.Child("left")), e.eval(f, n.Child("right"))
	op := f.Text(n.Child("operator"))
	here := Origin{f, n}
	switch {
	case l.Kind == IntVal && r.Kind == IntVal:
		v := Value{Kind: IntVal, Origin: here}.withOverride(l).withOverride(r)
		switch op {
		case "+":
			v.Int = l.Int + r.Int
		case "-":
			v.Int = l.Int - r.Int
		case "*":
			v.Int = l.Int * r.Int
		default:
			return Value{}
		}
		return v
	case l.Kind == StrVal && op == "+":
		v := Value{Kind: StrVal, Str: l.Str, Partial: true, Origin: here}.withOverride(l)
		if !l.Partial && r.Kind == StrVal {
			v.Str, v.Partial = l.Str+r.Str, r.Partial
			v = v.withOverride(r)
		}
		return v
	case l.Kind == StrVal && op == "%":
		prefix, _, _ := strings.Cut(l.Str, "%")
		return Value{Kind: StrVal, Str: prefix, Partial: true, Origin: here}.withOverride(l)
	}
	return Value{}
}

// boolean evaluates and/or, which return one of their operands.
func (e *evaluator) boolean(f *python.File, n *python.Node) Value {
	l := e.eval(f, n.Child("left"))
	on, known := l.Truthy()
	if !known {
		return Value{}
	}
	if op := f.Text(n.Child("operator")); op == "or" && on || op == "and" && !on {
		return l
	}
	return e.eval(f, n.Child("right")).withOverride(l)
}

// comparison evaluates a (possibly chained) comparison: a real parse of an
// environment string, not "any non-empty string".
func (e *evaluator) comparison(f *python.File, n *python.Node) Value {
	var operands []Value
	var ops []string
	for c := range n.Children() {
		switch {
		case c.Field() == "operators":
			ops = append(ops, strings.Join(strings.Fields(f.Text(c)), " "))
		case c.Named:
			operands = append(operands, e.eval(f, c))
		}
	}
	if len(operands) != len(ops)+1 {
		return Value{}
	}
	out := Value{Kind: BoolVal, Bool: true, Origin: Origin{f, n}}
	for i, op := range ops {
		res, known := compare(operands[i], op, operands[i+1])
		if !known {
			return Value{}
		}
		out = out.withOverride(operands[i]).withOverride(operands[i+1])
		out.Bool = out.Bool && res
	}
	return out
}

func compare(a Value, op string, b Value) (res, known bool) {
	switch op {
	case "==", "is":
		return pyEqual(a, b)
	case "!=", "is not":
		eq, known := pyEqual(a, b)
		return !eq, known
	case "in":
		return contains(b, a)
	case "not in":
		in, known := contains(b, a)
		return !in, known
	}
	if a.Kind != IntVal || b.Kind != IntVal {
		return false, false
	}
	switch op {
	case "<":
		return a.Int < b.Int, true
	case "<=":
		return a.Int <= b.Int, true
	case ">":
		return a.Int > b.Int, true
	case ">=":
		return a.Int >= b.Int, true
	}
	return false, false
}

// pyEqual is a == b for the scalar kinds.
func pyEqual(a, b Value) (eq, known bool) {
	if a.Partial || b.Partial || !isScalar(a) || !isScalar(b) {
		return false, false
	}
	num := func(v Value) (int64, bool) {
		switch v.Kind {
		case IntVal:
			return v.Int, true
		case BoolVal:
			if v.Bool {
				return 1, true
			}
			return 0, true
		}
		return 0, false
	}
	if x, ok := num(a); ok {
		y, ok := num(b)
		return ok && x == y, true
	}
	return a.Kind == b.Kind && a.Str == b.Str, true
}

func isScalar(v Value) bool {
	switch v.Kind {
	case NoneVal, BoolVal, IntVal, StrVal:
		return true
	}
	return false
}

// contains is item in container.
func contains(container, item Value) (in, known bool) {
	switch container.Kind {
	case StrVal:
		if container.Partial || item.Kind != StrVal || item.Partial {
			return false, false
		}
		return strings.Contains(container.Str, item.Str), true
	case ListVal, DictVal:
		var elems []Value
		if container.Kind == ListVal {
			elems = container.Items
		}
		for _, en := range container.Entries {
			elems = append(elems, en.Key)
		}
		for _, el := range elems {
			eq, known := pyEqual(el, item)
			if !known {
				return false, false
			}
			if eq {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}
