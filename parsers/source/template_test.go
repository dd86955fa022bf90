package source

import "testing"

func TestMaskTemplates(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"FROM python\n{% if dev %}\nENV A=1\n{% endif %}\n", "FROM python\n            \nENV A=1\n           \n"},
		{"image: {{ cookiecutter.name }}\n", "image: ${____________________}\n"},
		{"{# note #}x", "          x"},
		{"echo ${#list[@]} {{x}}", "echo ${#list[@]} ${__}"},
		{"a: {{ unclosed\nb: }}", "a: {{ unclosed\nb: }}"},
		{"plain ${VAR} $VAR", "plain ${VAR} $VAR"},
	} {
		if got := string(MaskTemplates([]byte(c.in))); got != c.want {
			t.Errorf("MaskTemplates(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(MaskTemplates([]byte(c.in))) != len(c.in) {
			t.Errorf("MaskTemplates(%q) changed the length", c.in)
		}
	}
}
