"""gunicorn in production mode on the loopback interface, for the bench scripts that measure over HTTP
(bench/load.py, bench/tracker.py).

`production_env()` is the environment both give it (DJANGO_DEBUG=0, a throwaway secret key, hashed static files
collected once into `static_root`, kept database connections, quiet logs), `collectstatic()` collects those files
the first time, and `Gunicorn` starts the portal's gunicorn.conf.py with the script's own options, waits until
/healthz answers and stops it again.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _bootstrap import ROOT

GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 60


def production_env(*, static_root: Path, **extra: str) -> dict[str, str]:
    """The process environment in production mode; `extra` adds or overrides variables (DJANGO_..., GUNICORN_...)."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_CONN_MAX_AGE": "60",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def collectstatic(static_root: Path, env: dict[str, str]) -> None:
    """Collect the hashed static files into `static_root`. Every run: files unchanged since the last are not copied
    again, and a root collected by an older checkout would lack the files added since (a 500 for a missing manifest
    entry)."""
    print(f"collecting static files into {static_root}")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,  # noqa: S603
                   env=env, check=True)


class Gunicorn:
    """gunicorn serving the portal at `url` (127.0.0.1:`port`), its output in a log file under the temporary folder.

    `options` are gunicorn's command-line options beyond the portal's gunicorn.conf.py (bind, workers, worker class,
    access log); `env` is the process environment, production_env() with the script's additions. It runs in a
    session of its own, so stop() ends the master and its workers even when the script was interrupted."""

    def __init__(self, *, port: int, env: dict[str, str], options: list[str], name: str) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.log = Path(tempfile.gettempdir()) / f"bench-{name}-gunicorn-{port}.log"
        command = [str(GUNICORN), "dialogue_platform.wsgi", "--config", "gunicorn.conf.py", *options]
        with self.log.open("wb") as handle:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle,  # noqa: S603 - our own gunicorn
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz within {START_SECONDS} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
