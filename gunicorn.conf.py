"""Gunicorn settings for the web container (docker-compose.yml) or any host that serves the portal.

Start with: gunicorn dialogue_platform.wsgi --config gunicorn.conf.py
Each value can be changed through the environment variable named beside it.
"""

from __future__ import annotations

import multiprocessing
import os

# Inside a container the port must be reachable from outside it; on a bare host set GUNICORN_BIND.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104

# One process per core, each with a few threads (docs/performance.md): a thread waiting on PostgreSQL or Redis
# lets another run, a slow page no longer blocks its whole process, and two processes with four threads served a
# crowd of 50 readers on 2 cores with a lower p95 than 2 or 5 sync workers or 8 threads each, in less memory than
# more processes. Capped so that workers x threads stays well under PostgreSQL's connections (one per thread).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", min(max(2, multiprocessing.cpu_count()), 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Load the portal once in the master and fork the workers from it: a worker recycled by max_requests is back in
# milliseconds instead of seconds of imports (a recycle in the middle of a crowd cost a p99 of 5-10 s), and the
# workers share the loaded code's memory. Set GUNICORN_PRELOAD=0 to reload code with a plain HUP instead.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").lower() not in ("0", "false", "no", "off")

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
