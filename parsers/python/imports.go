package python

import "strings"

// Imports lists the modules the file imports, as written: dotted names,
// with the leading dots of relative imports kept. For "from a import b" it
// lists both "a" and "a.b", since b may be a module.
func (f *File) Imports() []string {
	var mods []string
	Walk(f.Root, func(n *Node) bool {
		switch n.Type() {
		case "import_statement":
			for c := range n.Children() {
				if c.Field() == "name" {
					mods = append(mods, f.moduleName(c))
				}
			}
			return false
		case "import_from_statement":
			mod := f.Text(n.Child("module_name"))
			mods = append(mods, mod)
			for c := range n.Children() {
				if c.Field() == "name" {
					mods = append(mods, strings.TrimSuffix(mod, ".")+"."+f.moduleName(c))
				}
			}
			return false
		}
		return true
	})
	return mods
}

// moduleName is the dotted name of an import target, without "as alias".
func (f *File) moduleName(n *Node) string {
	if n.Type() == "aliased_import" {
		n = n.Child("name")
	}
	return f.Text(n)
}
