"""Locust users for the load test: consultants browsing lists and details on the
pages and through the API, as `benchmarks.mix` says. Started by `benchmarks.load`,
which writes the users' sessions and tokens to the file named by BENCH_LOAD_USERS."""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, task

from benchmarks.mix import API_DETAIL, API_LIST, DETAIL_PAGE, LIST_PAGE, WAIT, Ask

ACCOUNTS = json.loads(Path(os.environ["BENCH_LOAD_USERS"]).read_text())
NEXT_ACCOUNT = itertools.cycle(range(len(ACCOUNTS)))


class Consultant(FastHttpUser):
    # geventhttpclient rather than requests: the load runs on the server's own cores,
    # and this client takes a fraction of the CPU time a request.
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        self.account: dict[str, Any] = ACCOUNTS[next(NEXT_ACCOUNT)]
        self.page_headers = {"Cookie": f"sessionid={self.account['session']}"}
        self.api_headers = {"Authorization": f"Token {self.account['token']}"}
        self.next_page: str | None = None
        self.rng = random.Random()

    def _ask(self, ask: Ask) -> None:
        self.client.get(
            ask.url(self.account, self.rng),
            headers=self.api_headers if ask.api else self.page_headers,
            name=ask.name,
        )

    @task(LIST_PAGE.weight)
    def entity_list_page(self) -> None:
        self._ask(LIST_PAGE)

    @task(DETAIL_PAGE.weight)
    def entity_detail_page(self) -> None:
        self._ask(DETAIL_PAGE)

    @task(API_LIST.weight)
    def api_entity_list(self) -> None:
        # Half the time the next page of the last list, as a client paging through.
        if self.next_page and self.rng.random() < 0.5:
            url, name = self.next_page, f"{API_LIST.name}?cursor=[next]"
        else:
            url, name = API_LIST.url(self.account, self.rng), API_LIST.name
        with self.client.get(
            url, headers=self.api_headers, name=name, catch_response=True
        ) as response:
            if response.status_code == 200:
                self.next_page = response.json().get("next")
                response.success()

    @task(API_DETAIL.weight)
    def api_entity_detail(self) -> None:
        self._ask(API_DETAIL)
