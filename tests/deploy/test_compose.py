"""The deployment files hold together: the compose file, the Dockerfile and the proxy's config.

There is no Docker engine in CI, so the compose file is checked as data (and with `docker compose
config` where the client has the compose plugin); test_smoke.py runs its web command for real.
"""

import os
import re
import shutil
import subprocess

import pytest

from .support import ROOT, compose


@pytest.fixture(scope="module")
def services():
    return compose()["services"]


def test_the_whole_site_is_five_services(services):
    assert set(services) == {"db", "redis", "release", "web", "proxy"}


def test_postgres_keeps_its_data_in_a_named_volume_and_reports_health(services):
    db = services["db"]

    assert db["image"].startswith("postgres:")
    assert "postgres:/var/lib/postgresql/data" in db["volumes"]
    assert "postgres" in compose()["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_migrations_and_demo_content_run_once_before_the_web_replicas(services):
    release, web = services["release"], services["web"]

    assert release["command"] == ["sh", "deploy/release.sh"]
    assert release["depends_on"]["db"]["condition"] == "service_healthy"
    assert release["depends_on"]["redis"]["condition"] == "service_healthy"
    assert web["depends_on"]["release"]["condition"] == "service_completed_successfully"
    script = (ROOT / "deploy" / "release.sh").read_text()
    assert "migrate --no-input" in script and 'DEMO:-0}" = "1"' in script and "load_demo" in script
    assert script.rstrip().endswith("renew_page_cache")


def test_web_runs_gunicorn_with_its_config_on_postgres_and_redis(services):
    web = services["web"]

    assert web["command"][:3] == ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert web["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert "media:/app/media" in web["volumes"]
    assert "ports" not in web  # reachable only through the proxy


def test_the_proxy_serves_media_and_passes_the_rest_to_every_web_replica(services):
    proxy = services["proxy"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()

    assert "media:/srv/media:ro" in proxy["volumes"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert "handle_path /media/*" in caddyfile and "root * /srv/media" in caddyfile
    assert "dynamic a {$WEB_HOST:web} {$WEB_PORT:8000}" in caddyfile


def test_the_image_is_slim_unprivileged_and_built_with_static_files_and_translations():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    steps = [dockerfile.index(step) for step in ("COPY pyproject.toml", "RUN pip install", "COPY . .")]
    assert steps == sorted(steps)  # dependencies are a layer of their own, before the code
    assert "compilemessages" in dockerfile and "collectstatic" in dockerfile
    assert "USER embassy" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env", "db.sqlite3", "media", "node_modules"} <= set(ignored)


def test_every_compose_variable_is_documented_in_env_example():
    lines = (ROOT / ".env.example").read_text().splitlines()
    documented = {line.split("=")[0] for line in lines if "=" in line and not line.startswith("#")}

    assert {"POSTGRES_PASSWORD", "SITE_ADDRESS", "DEMO", "DJANGO_SECRET_KEY", "DJANGO_HTTPS"} <= documented


def environment_names(path):
    """The variables a Python file reads: os.environ.get("X"), os.environ["X"], env_bool("X") and the like."""
    text = (ROOT / path).read_text()
    return set(re.findall(r'(?:environ\.get\(|environ\[|env_\w+\()"([A-Z][A-Z0-9_]*)"', text))


@pytest.mark.parametrize("path", ["deploy/gunicorn.conf.py", "embassy/settings.py"])
def test_every_variable_the_code_reads_is_in_env_example_and_the_readme(path):
    names = environment_names(path)
    example = (ROOT / ".env.example").read_text().splitlines()
    documented = {line.split("=")[0] for line in example if "=" in line and not line.startswith("#")}
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Environment variables") :].split("\n## ")[0]

    assert names, path
    assert names - documented == set()
    assert {name for name in names if f"`{name}`" not in table} == set()


def test_dockerignore_keeps_every_git_ignored_credentials_file_out_of_the_image():
    ignored_by_git = (ROOT / ".gitignore").read_text().split()
    ignored_by_docker = (ROOT / ".dockerignore").read_text().split()
    credentials = {line.strip("/") for line in ignored_by_git if "credentials" in line}

    assert credentials, "the .gitignore lists the login files make run writes"
    assert credentials - set(ignored_by_docker) == set()


def compose_command():
    """Docker Compose v2 (the docker plugin) where it exists, else Debian's docker-compose (v1.29)."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.fail("No Docker Compose client: apt-get install docker-compose (make test installs it)")


def test_docker_compose_accepts_the_file(tmp_path):
    # Validated in a copy beside a .env made from .env.example, as a deployer would start it.
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    result = subprocess.run(
        [*compose_command(), "config", "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"POSTGRES_PASSWORD": "example", "PATH": os.environ["PATH"]},
    )
    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_a_broken_file(tmp_path):
    """The check above can fail: an unknown option is reported."""
    broken = (ROOT / "docker-compose.yml").read_text().replace("image: postgres", "imagee: postgres", 1)
    (tmp_path / "docker-compose.yml").write_text(broken)
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    result = subprocess.run(
        [*compose_command(), "config", "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"POSTGRES_PASSWORD": "example", "PATH": os.environ["PATH"]},
    )
    assert result.returncode != 0
