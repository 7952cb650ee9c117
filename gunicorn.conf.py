"""Gunicorn settings for the web container (docker-compose.yml) or any host that serves the portal.

Start with: gunicorn dialogue_platform.wsgi --config gunicorn.conf.py
Each value can be changed through the environment variable named beside it.
"""

from __future__ import annotations

import multiprocessing
import os

# Inside a container the port must be reachable from outside it; on a bare host set GUNICORN_BIND.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104

# Pages are short database-bound requests: the classic rule of thumb, capped so a big host does not
# exhaust PostgreSQL's connections.
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# Exports (PDF, spreadsheets) can take a while; anything longer belongs in a Celery task.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak never takes the site down.
max_requests = 1000
max_requests_jitter = 100

# Heartbeat files on tmpfs: a container's overlay filesystem can stall them and get workers killed.
_SHM = "/dev/shm"  # noqa: S108 - gunicorn's own recommendation; it only holds heartbeat files
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None

# Logs to stdout/stderr, where the container runtime collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Addresses of the reverse proxy whose X-Forwarded-* headers gunicorn may trust.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
