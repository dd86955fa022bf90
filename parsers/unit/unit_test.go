package unit

import "testing"

func TestParse(t *testing.T) {
	f := Parse(
		"app.service",
		[]byte(
			"[Unit]\nDescription=x\n\n[Service]\nEnvironment=\"FLASK_DEBUG=1\" "+
				"PATH=/bin\nExecStart=/venv/bin/gunicorn --workers 3 \\\n  --bind unix:app.sock wsgi:app\n",
		),
	)
	if len(f.Commands) != 1 || f.Commands[0].Line != 6 ||
		f.Commands[0].Text != "/venv/bin/gunicorn --workers 3  --bind unix:app.sock wsgi:app" ||
		f.Commands[0].Env["FLASK_DEBUG"] != "1" {
		t.Errorf("%+v", f.Commands)
	}
	s := Parse(
		"microblog.conf",
		[]byte(
			"[program:microblog]\ncommand=/venv/bin/gunicorn -b localhost:8000 -w 4 "+
				"microblog:app\nenvironment=FLASK_DEBUG=\"0\",X=1\n",
		),
	)
	if len(s.Commands) != 1 || s.Commands[0].Line != 2 || s.Commands[0].Env["FLASK_DEBUG"] != "0" {
		t.Errorf("%+v", s.Commands)
	}
	u := Parse("uwsgi.ini", []byte("[uwsgi]\nmodule = wsgi:app\nhttp = :8000\n"))
	if len(u.Binds) != 1 || u.Binds[0].Text != ":8000" || u.Binds[0].Line != 3 || len(u.Commands) != 0 {
		t.Errorf("%+v", u)
	}
	if !IsSupervisor([]byte("[uwsgi]\n")) {
		t.Error("uwsgi")
	}
	if !IsSupervisor([]byte("; c\n[program:x]\n")) || IsSupervisor([]byte("server {\n")) {
		t.Error("IsSupervisor")
	}
}

func TestBadLines(t *testing.T) {
	src := "[Unit]\nDescription=x\n\n[Service]\n  ExecStart /usr/bin/gunicorn app:app\n{% if x %}\nUser=${USER}\n"
	f := Parse("app.service", []byte(src))
	if len(f.Bad) != 1 || f.Bad[0] != 5 || f.BadCol[0] != 3 {
		t.Errorf("systemd Bad = %v %v, want line 5 column 3", f.Bad, f.BadCol)
	}
	sup := Parse("web.conf", []byte("[program:web]\ncommand: gunicorn app:app\nautostart\n"))
	if len(sup.Bad) != 1 || sup.Bad[0] != 3 {
		t.Errorf("supervisor Bad = %v, want line 3", sup.Bad)
	}
	uw := Parse("uwsgi.ini", []byte("[uwsgi]\nmaster\nhttp = :8000\n"))
	if len(uw.Bad) != 0 || len(uw.Binds) != 1 {
		t.Errorf("uwsgi Bad = %v Binds = %v, want none and one", uw.Bad, uw.Binds)
	}
}

func TestSupervisorColon(t *testing.T) {
	f := Parse("web.conf", []byte("[program:web]\ncommand: gunicorn -b 0.0.0.0:8000 app:app\n"+
		"environment: FLASK_DEBUG=\"1\"\n[program:api]\ncommand=gunicorn -b localhost:9000 api:app\n"))
	if len(f.Commands) != 2 || f.Commands[0].Text != "gunicorn -b 0.0.0.0:8000 app:app" ||
		f.Commands[1].Text != "gunicorn -b localhost:9000 api:app" || f.Commands[0].Env["FLASK_DEBUG"] != "1" {
		t.Errorf("commands = %+v", f.Commands)
	}
}

// TestSupervisorContinuationLines: supervisor reads INI, where indented
// lines go on the value above; they are neither bad lines nor settings of
// their own (a "-b 0.0.0.0:8000" continuation is not a "key: value").
func TestSupervisorContinuationLines(t *testing.T) {
	src := "[program:app]\ncommand=gunicorn app:app\n    --workers 3\n\t-b 0.0.0.0:8000\n  ; a comment\nuser=www\n"
	f := Parse("supervisord.conf", []byte(src))
	if len(f.Bad) != 0 {
		t.Errorf("bad lines %v", f.Bad)
	}
	if len(f.Commands) != 1 || f.Commands[0].Line != 2 ||
		f.Commands[0].Text != "gunicorn app:app --workers 3 -b 0.0.0.0:8000" {
		t.Errorf("%+v", f.Commands)
	}
	// systemd has no such continuation: an indented line stands alone.
	u := Parse("app.service", []byte("[Service]\nExecStart=/bin/gunicorn app:app\n  --workers 3\n"))
	if len(u.Commands) != 1 || u.Commands[0].Text != "/bin/gunicorn app:app" || len(u.Bad) != 1 {
		t.Errorf("%+v bad %v", u.Commands, u.Bad)
	}
}
