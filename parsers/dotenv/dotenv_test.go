package dotenv

import "testing"

func TestParse(t *testing.T) {
	f := Parse(
		".env.dev-sample",
		[]byte("# c\nFLASK_DEBUG=1\nexport FLASK_ENV=\"development\"\nKEY='a\nb'\nHOST=0.0.0.0 # all\nnot a setting\n"),
	)
	if !f.Sample {
		t.Error("sample not recognised")
	}
	want := []Var{{"FLASK_DEBUG", "1", 2}, {"FLASK_ENV", "development", 3}, {"KEY", "a\nb", 4}, {"HOST", "0.0.0.0", 6}}
	if len(f.Vars) != len(want) {
		t.Fatalf("%+v", f.Vars)
	}
	for i, w := range want {
		if f.Vars[i] != w {
			t.Errorf("var %d: %+v, want %+v", i, f.Vars[i], w)
		}
	}
	if len(f.Bad) != 1 || f.Bad[0] != 7 {
		t.Errorf("bad %v", f.Bad)
	}
	if Parse(".flaskenv", nil).Sample || !IsEnvFile(".flaskenv") || !IsEnvFile(".env.prod") || IsEnvFile("env.py") {
		t.Error("names")
	}
	Parse(".env", []byte("A=\"unterminated\nB=\\")) // must not panic
}

func TestBadLines(t *testing.T) {
	f := Parse(".env", []byte("A=1\n  not a setting\n{% if x %}\n{{ key }}=2\n${K}=3\n\tB\n"))
	if len(f.Bad) != 2 || f.Bad[0] != 2 || f.BadCol[0] != 3 || f.Bad[1] != 6 || f.BadCol[1] != 2 {
		t.Errorf("Bad = %v at columns %v, want lines 2 and 6 at columns 3 and 2", f.Bad, f.BadCol)
	}
}
