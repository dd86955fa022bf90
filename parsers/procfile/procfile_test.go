package procfile

import "testing"

func TestParse(t *testing.T) {
	f := Parse("Procfile", []byte("web: gunicorn app:app\n\n# c\nrelease:flask db upgrade\noops\n"))
	if len(f.Processes) != 2 || f.Processes[1].Name != "release" || f.Processes[1].Command != "flask db upgrade" ||
		f.Processes[1].Line != 4 || len(f.Bad) != 1 || f.Bad[0] != 5 {
		t.Errorf("%+v", f)
	}
}
