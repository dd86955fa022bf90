package shell

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cmds, err := Parse(
		"#!/bin/sh\nset -e\nflask db upgrade\nexec gunicorn -b \":$PORT\" 'app:create_app()'\nFLASK_DEBUG=1 flask " +
			"run --host=0.0.0.0 &\n",
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 4 {
		t.Fatalf("%+v", cmds)
	}
	if got := strings.Join(cmds[2].Words, " "); got != "gunicorn -b :$PORT app:create_app()" || cmds[2].Line != 4 {
		t.Errorf("%q line %d", got, cmds[2].Line)
	}
	if cmds[3].Assigns["FLASK_DEBUG"] != "1" || cmds[3].Words[0] != "flask" {
		t.Errorf("%+v", cmds[3])
	}
	_, err = Parse("if then fi (\n")
	if line, _ := ErrorPos(err); err == nil || line < 1 {
		t.Error("want a parse error")
	}
	c, _ := Parse("env FLASK_ENV=development python app.py")
	if len(c) != 1 || c[0].Assigns["FLASK_ENV"] != "development" || c[0].Words[0] != "python" {
		t.Errorf("%+v", c)
	}
}
