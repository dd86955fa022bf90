package packagejson

import "testing"

func TestScripts(t *testing.T) {
	src := "{\n  \"name\": \"web\",\n  \"deps\": {\"a\": [1, {\"b\": null}]},\n  \"scripts\": {\n" +
		"    \"dev\": \"FLASK_DEBUG=1 flask run --host 0.0.0.0\",\n    \"n\": 3,\n" +
		"    \"start\":\"gunicorn -b \\\"0.0.0.0:8000\\\" app:app\"\n  }\n}\n"
	f := Parse("package.json", []byte(src))
	if f.Error != "" {
		t.Fatal(f.Error)
	}
	want := []Script{
		{"dev", "FLASK_DEBUG=1 flask run --host 0.0.0.0", 5, 12},
		{"start", `gunicorn -b "0.0.0.0:8000" app:app`, 7, 13},
	}
	if len(f.Scripts) != len(want) {
		t.Fatalf("scripts = %+v, want %+v", f.Scripts, want)
	}
	for i := range want {
		if f.Scripts[i] != want[i] {
			t.Errorf("script %d = %+v, want %+v", i, f.Scripts[i], want[i])
		}
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
	}{
		{"{\n  \"scripts\": {\n    \"dev\": \"flask run\",\n  }\n}\n", 4, 3},
		{"{\n  \"a\": 1\n", 3, 1},
		{"{} {}", 1, 4},
		{"", 1, 1},
		{"[1]", 1, 1},
	} {
		f := Parse("package.json", []byte(c.src))
		if f.Error == "" || f.ErrorLine != c.line || f.ErrorCol != c.col {
			t.Errorf("Parse(%q) = %q at %d:%d, want an error at %d:%d", c.src, f.Error, f.ErrorLine, f.ErrorCol,
				c.line, c.col)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"scripts": {"dev": "flask run"}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		p := Parse("package.json", src)
		if p.Error != "" && (p.ErrorLine < 1 || len(p.Scripts) != 0) {
			t.Fatalf("error %q at line %d with %d scripts", p.Error, p.ErrorLine, len(p.Scripts))
		}
	})
}
