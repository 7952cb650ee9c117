"""The crowd of bench/load.py: readers of the public portal, as at a Platform meeting (issue 17, target 2).

Run by bench/load.py, which starts gunicorn and passes the targets in the environment; not meant to be run by
hand (it would then need LOAD_* set). Every reader, after a pause of LOAD_WAIT_MIN..LOAD_WAIT_MAX seconds, opens
one of: the home page, the meeting page everyone came for, the meeting list, the tracker (first page or a page
further on, a common filter, a search with or without a filter) or the open data API. The run ends after
LOAD_MAX_REQUESTS requests or the run time bench/load.py gives locust, whichever comes first.
"""

from __future__ import annotations

import json
import os
import random
from typing import Any

import gevent
from locust import FastHttpUser, between, events, task

TARGETS: dict[str, Any] = json.loads(os.environ.get("LOAD_TARGETS", "{}"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
_run: dict[str, Any] = {"sent": 0, "environment": None}


@events.init.add_listener
def _remember(environment: Any, **kwargs: Any) -> None:
    _run["environment"] = environment


@events.request.add_listener
def _count(**kwargs: Any) -> None:
    """Stop the whole run once the request budget is spent."""
    _run["sent"] += 1
    environment = _run["environment"]
    if MAX_REQUESTS and _run["sent"] == MAX_REQUESTS and environment is not None and environment.runner is not None:
        gevent.spawn(environment.runner.quit)


class Reader(FastHttpUser):
    wait_time = between(float(os.environ.get("LOAD_WAIT_MIN", "0.5")), float(os.environ.get("LOAD_WAIT_MAX", "1.5")))

    def _get(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")

    @task(2)
    def home(self) -> None:
        self._get(f"/{random.choice(TARGETS['languages'])}/", "home")

    @task(4)
    def meeting_page(self) -> None:
        self._get(f"/{random.choice(TARGETS['languages'])}/meetings/{TARGETS['meeting']}/", "meeting page")

    @task(1)
    def meeting_list(self) -> None:
        self._get(f"/{random.choice(TARGETS['languages'])}/meetings/", "meeting list")

    @task(2)
    def tracker(self) -> None:
        # Most open the first page; some leaf through.
        page = "" if random.random() < 0.7 else f"?page={random.randint(2, 50)}"
        self._get(f"/{random.choice(TARGETS['languages'])}/recommendations/{page}", "tracker")

    @task(2)
    def tracker_filtered(self) -> None:
        query = random.choice(TARGETS["filters"])
        self._get(f"/{random.choice(TARGETS['languages'])}/recommendations/?{query}", "tracker filtered")

    @task(2)
    def tracker_searched(self) -> None:
        query = random.choice(TARGETS["searches"])
        self._get(f"/{random.choice(TARGETS['languages'])}/recommendations/?{query}", "tracker searched")

    @task(2)
    def api(self) -> None:
        self._get(random.choice(TARGETS["api"]), "api")
