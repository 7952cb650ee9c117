"""A real SMTP server (aiosmtpd) and a real Celery worker process, for the live-worker tests and bench/notices.py."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from email.parser import BytesHeaderParser
from pathlib import Path
from urllib.parse import quote

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """Accepts mail and records (recipient, Message-ID); refuses or defers the addresses it is told to."""

    def __init__(
        self, *, refuse: Iterable[str] = frozenset(), defer_once: Iterable[str] = frozenset(), delay: float = 0.0
    ) -> None:
        self.refuse = set(refuse)
        self.defer_once = set(defer_once)
        self.deferred: set[str] = set()
        self.delay = delay
        self.lock = threading.Lock()
        self.received: dict[str, list[str]] = defaultdict(list)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        with self.lock:
            if address in self.defer_once and address not in self.deferred:
                self.deferred.add(address)
                return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        if self.delay:
            time.sleep(self.delay)  # a slow server, so that a fan-out takes long enough to be interrupted
        headers = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)  # type: ignore[arg-type]  # bytes: the server keeps the raw data
        message_id = "".join((headers["Message-ID"] or "").split())
        with self.lock:
            for address in envelope.rcpt_tos:
                self.received[address].append(message_id)
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return sum(len(ids) for ids in self.received.values())

    def snapshot(self) -> dict[str, list[str]]:
        with self.lock:
            return {address: list(ids) for address, ids in self.received.items()}


class SmtpSink:
    def __init__(self, handler: RecordingHandler) -> None:
        self.handler = handler
        self.port = free_port()
        self.controller = Controller(handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def database_url(settings_dict: dict) -> str:
    """The URL of the database Django is using now (in a test: pytest-django's test_<name> database)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{settings_dict['NAME']}"


class Worker:
    """`celery worker` in its own process group, so that kill() takes down the pool's children too (a crash)."""

    def __init__(self, *, env: dict[str, str], queue: str, log: Path, concurrency: int = 2) -> None:
        self.env = env
        self.queue = queue
        self.log = log
        self.concurrency = concurrency
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> None:
        command = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "dialogue_platform",
            "worker",
            "--loglevel=INFO",
            f"--concurrency={self.concurrency}",
            "-Q",
            self.queue,
            "-n",
            f"{self.queue}-{time.monotonic_ns()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            # The test-only notice kinds, registered in the worker too.
            "--include",
            "tests.notifications.kinds",
        ]
        self.log.parent.mkdir(parents=True, exist_ok=True)
        start = self.log.stat().st_size if self.log.exists() else 0
        handle = self.log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own fixed command line
            command, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        handle.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited at start-up:\n{self.tail()}")
            with self.log.open("rb") as f:
                f.seek(start)
                if b" ready." in f.read():
                    return
            time.sleep(0.2)
        raise RuntimeError(f"the Celery worker was not ready within {timeout}s:\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL to the whole process group: no clean shutdown, no task acknowledged or handed back."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def pids(self) -> list[int]:
        """The main process and its pool children."""
        import psutil

        assert self.process is not None
        main = psutil.Process(self.process.pid)
        return [main.pid, *(child.pid for child in main.children(recursive=True))]

    def tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
