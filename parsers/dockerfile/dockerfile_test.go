package dockerfile

import "testing"

func TestParse(t *testing.T) {
	src := "FROM python:3.12 AS build\nARG FLASK_DEBUG=1\nFROM python:3.12\nENV FLASK_ENV=development \\\n    " +
		"FLASK_RUN_HOST=\"0.0.0.0\"\nCOPY .env.dev /app/.env\nRUN <<EOF\necho hi\nEOF\nCMD [\"flask\", \"run\", " +
		"\"--debug\"]\n"
	f := Parse("Dockerfile", []byte(src))
	if f.Error != "" {
		t.Fatal(f.Error)
	}
	if len(f.Vars) != 3 || f.Vars[1].Key != "FLASK_ENV" || f.Vars[2].Value != "0.0.0.0" || f.Vars[2].Line != 4 {
		t.Errorf("vars: %+v", f.Vars)
	}
	if f.Vars[0].Stage != 0 || !f.Vars[0].Arg || f.Vars[0].Value != "1" {
		t.Errorf("arg: %+v", f.Vars[0])
	}
	l := f.Launches()
	if len(l) != 1 || !l[0].Exec || len(l[0].Args) != 3 || l[0].Line != 10 {
		t.Errorf("launches: %+v", l)
	}
	if c := f.Copies(); len(c) != 1 || c[0].Args[0] != ".env.dev" {
		t.Errorf("copies: %+v", c)
	}
}

func TestParseError(t *testing.T) {
	for _, src := range []string{"FROM x\nRUN <<EOF\n", "\x00\xff{{ jinja }}\n", "FROM a\nCMD [\"unterminated\n"} {
		f := Parse("Dockerfile", []byte(src))
		_ = f // must not panic
	}
	f := Parse("Dockerfile", []byte("FROM a\nENV A=1 B\n"))
	if f.Error == "" || f.ErrorLine != 2 {
		t.Errorf("want an error on line 2, got %q at %d", f.Error, f.ErrorLine)
	}
}
