"""Locust users for the load test: consultants browsing lists and details on the
pages and through the API. Started by `benchmarks.load`, which writes the users'
sessions and tokens to the file named by BENCH_LOAD_USERS."""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

ACCOUNTS = json.loads(Path(os.environ["BENCH_LOAD_USERS"]).read_text())
NEXT_ACCOUNT = itertools.cycle(range(len(ACCOUNTS)))
FILTERS = ["", "sse_type=COOP", "workflow_state=validated", "sector=FARM_SMALL"]


class Consultant(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.account: dict[str, Any] = ACCOUNTS[next(NEXT_ACCOUNT)]
        self.page_headers = {"Cookie": f"sessionid={self.account['session']}"}
        self.api_headers = {"Authorization": f"Token {self.account['token']}"}
        self.next_page: str | None = None

    def _filter(self) -> str:
        return random.choice(FILTERS)

    def _entity(self) -> int:
        return int(random.choice(self.account["entities"]))

    @task(3)
    def entity_list_page(self) -> None:
        query = self._filter()
        page = random.choice([1, 1, 1, 2, 3, 10])
        self.client.get(
            f"/countries/{self.account['country']}/entities/?{query}&page={page}",
            headers=self.page_headers,
            name="/countries/[code]/entities/",
        )

    @task(3)
    def entity_detail_page(self) -> None:
        self.client.get(
            f"/entities/{self._entity()}/",
            headers=self.page_headers,
            name="/entities/[id]/",
        )

    @task(2)
    def api_entity_list(self) -> None:
        if self.next_page and random.random() < 0.5:
            url, name = self.next_page, "/api/v1/entities/?cursor=[next]"
        else:
            url = (
                f"/api/v1/entities/?country={self.account['country']}&{self._filter()}"
            )
            name = "/api/v1/entities/"
        with self.client.get(
            url, headers=self.api_headers, name=name, catch_response=True
        ) as response:
            if response.status_code == 200:
                self.next_page = response.json().get("next")
                response.success()

    @task(2)
    def api_entity_detail(self) -> None:
        self.client.get(
            f"/api/v1/entities/{self._entity()}/",
            headers=self.api_headers,
            name="/api/v1/entities/[id]/",
        )
