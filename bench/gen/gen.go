// Package gen writes the generated inputs of the benchmarks: a monorepo of
// many small Flask apps with their deployment files, one nginx
// configuration of many server blocks, and one long Flask module. The
// output depends only on the arguments.
package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FilesPerApp is how many files Monorepo writes for each app.
const FilesPerApp = 13

// Monorepo writes apps small Flask services under dir/apps, each with its
// package, tests, gunicorn, Docker, compose, nginx and .env files. A few of
// them have the mistakes flasklint reports (debug on, binds on all
// interfaces, a hard-coded secret key, any-origin CORS), at fixed places.
func Monorepo(dir string, apps int) error {
	for i := range apps {
		root := filepath.Join(dir, "apps", fmt.Sprintf("svc%05d", i))
		for name, content := range appFiles(i) {
			if err := write(filepath.Join(root, name), content); err != nil {
				return err
			}
		}
	}
	return nil
}

func appFiles(i int) map[string]string {
	port := 8000 + i%1000
	debug, host, secret := "False", "127.0.0.1", `os.environ["SECRET_KEY"]`
	if i%17 == 3 {
		debug = "True"
	}
	if i%23 == 5 {
		host = "0.0.0.0"
	}
	if i%29 == 7 {
		secret = fmt.Sprintf("%q", fmt.Sprintf("s3cret-%d", i))
	}
	cors := ""
	if i%11 == 2 {
		cors = "    from flask_cors import CORS\n    CORS(app, origins=\"*\")\n"
	}
	files := map[string]string{
		"app/__init__.py": fmt.Sprintf(`from flask import Flask

from .views import bp


def create_app():
    app = Flask(__name__)
    app.config.from_object("app.config.Config")
%s    app.register_blueprint(bp)
    return app
`, cors),
		"app/config.py": fmt.Sprintf(`import os


class Config:
    DEBUG = %s
    SECRET_KEY = %s
    SESSION_COOKIE_SECURE = True
    ITEMS_PER_PAGE = %d
`, debug, secret, 10+i%40),
		"app/views.py": fmt.Sprintf(`from flask import Blueprint, jsonify, request

from .models import Item, find_items
from .utils import paginate

bp = Blueprint("svc%d", __name__)


@bp.route("/items")
def items():
    page = int(request.args.get("page", 1))
    return jsonify([item.as_dict() for item in paginate(find_items(), page)])


@bp.route("/items/<int:item_id>")
def item(item_id):
    return jsonify(Item(item_id, "item %%d" %% item_id).as_dict())


@bp.route("/health")
def health():
    return {"status": "ok", "service": %d}
`, i, i),
		"app/models.py": fmt.Sprintf(`from dataclasses import dataclass, field


@dataclass
class Item:
    id: int
    name: str
    tags: list = field(default_factory=list)

    def as_dict(self):
        return {"id": self.id, "name": self.name, "tags": list(self.tags)}


def find_items(limit=%d):
    return [Item(n, "item %%d" %% n) for n in range(limit)]
`, 50+i%50),
		"app/utils.py": `import itertools


def paginate(items, page, size=20):
    start = (page - 1) * size
    return list(itertools.islice(items, start, start + size))


def chunks(items, size):
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk
`,
		"wsgi.py": fmt.Sprintf(`from app import create_app

app = create_app()

if __name__ == "__main__":
    app.run(host=%q, port=%d, debug=%s)
`, host, port, debug),
		"gunicorn.conf.py": fmt.Sprintf("bind = %q\nworkers = %d\ntimeout = 30\n",
			fmt.Sprintf("%s:%d", host, port), 2+i%4),
		"tests/test_views.py": `from app import create_app


def test_health():
    client = create_app().test_client()
    assert client.get("/health").status_code == 200
`,
		"requirements.txt": fmt.Sprintf("flask==3.0.%d\ngunicorn==22.0.0\nflask-cors==4.0.1\n", i%4),
		"Dockerfile": fmt.Sprintf(`FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
EXPOSE %d
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
`, port),
		"docker-compose.yml": fmt.Sprintf(`services:
  web:
    build: .
    env_file: .env
    expose:
      - "%d"
  proxy:
    image: nginx:1.27
    ports:
      - "127.0.0.1:%d:80"
    volumes:
      - ./nginx/site.conf:/etc/nginx/conf.d/default.conf:ro
`, port, 10000+i%50000),
		"nginx/site.conf": fmt.Sprintf(`server {
    listen 80;
    server_name svc%d.example.internal;
    server_tokens off;

    location / {
        proxy_pass http://web:%d;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
`, i, port),
		".env": fmt.Sprintf("FLASK_APP=wsgi.py\nLOG_LEVEL=info\nPORT=%d\n", port),
	}
	if len(files) != FilesPerApp {
		panic("gen: FilesPerApp is out of date")
	}
	return files
}

// Nginx writes one nginx.conf of servers server blocks (about nine lines
// each) with an upstream for every ten of them. Its pid, logs and temporary
// files go under prefix, so that `nginx -t -p prefix -c file` needs nothing
// else.
func Nginx(file, prefix string, servers int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "worker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log;\n\n", prefix, prefix)
	b.WriteString("events {\n    worker_connections 4096;\n}\n\nhttp {\n")
	fmt.Fprintf(&b, "    access_log %s/access.log;\n    client_body_temp_path %s/body;\n", prefix, prefix)
	fmt.Fprintf(&b, "    proxy_temp_path %s/proxy;\n    server_tokens off;\n\n", prefix)
	for u := 0; u < (servers+9)/10; u++ {
		fmt.Fprintf(&b, "    upstream app%d {\n        server 127.0.0.1:%d;\n        server 127.0.0.1:%d;\n    }\n\n",
			u, 8000+u%1000, 9000+u%1000)
	}
	for i := range servers {
		fmt.Fprintf(&b, `    server {
        listen %d;
        server_name site%d.example.com www.site%d.example.com;
        location / {
            proxy_pass http://app%d;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }
        location /static/ {
            root /srv/site%d;
        }
    }
`, 10000+i%500, i, i, i/10, i)
	}
	b.WriteString("}\n")
	return write(file, b.String())
}

// PythonModule returns a Flask module of about lines lines: an app and its
// config, and then many routes and helpers.
func PythonModule(lines int) string {
	var b strings.Builder
	b.WriteString(`import os

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "")
app.config["SESSION_COOKIE_SECURE"] = True

`)
	for i := 0; strings.Count(b.String(), "\n") < lines-10; i++ {
		fmt.Fprintf(&b, `
@app.route("/r%d/<int:item_id>")
def route_%d(item_id):
    limit = int(request.args.get("limit", %d))
    values = [n * %d for n in range(item_id, item_id + limit)]
    if not values:
        return jsonify({"error": "empty"}), 404
    return jsonify({"route": %d, "values": values})

`, i, i, 10+i%7, i, i)
	}
	b.WriteString(`
if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
`)
	return b.String()
}

func write(file, content string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, []byte(content), 0o644)
}
