"""Prometheus metrics of one app: requests by route and status, latency, jobs by state,
MT lines by language pair.

Each app has its own registry (two apps in one process, as in the tests, never share
counters). Requests are counted by the route's path template (``/v1/statements/{id}``),
never the raw path, so the label set stays small; a path no route matched is ``unmatched``.
"""

import time
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.workflow import Workspace
from service.workflow.health import job_counts, machine_translated

UNMATCHED = "unmatched"
_LATENCY_BUCKETS_S = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class DatabaseCollector(Collector):
    """``adapt_jobs{state}`` and ``adapt_mt_lines{source,target}``, read from the database
    at each scrape (so they count the work of every worker, not only this process's)."""

    def __init__(self, workspace: Callable[[], Workspace | None]) -> None:
        self._workspace = workspace

    def collect(self) -> Iterator[GaugeMetricFamily]:
        jobs = GaugeMetricFamily("adapt_jobs", "Jobs in the database by state.", labels=["state"])
        lines = GaugeMetricFamily(
            "adapt_mt_lines",
            "Lines machine translation wrote (per language and platform), by pair.",
            labels=["source", "target"],
        )
        workspace = self._workspace()
        if workspace is not None:
            for state, count in job_counts(workspace).items():
                jobs.add_metric([state.value], count)
            for (source, target), count in machine_translated(workspace).items():
                lines.add_metric([source, target], count)
        yield jobs
        yield lines


class Metrics:
    """The registry and the request metrics of one app."""

    def __init__(self, workspace: Callable[[], Workspace | None]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "adapt_http_requests",
            "HTTP requests by method, route and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "adapt_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route.",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS_S,
            registry=self.registry,
        )
        self.registry.register(DatabaseCollector(workspace))

    def observe(self, method: str, route: str, status: int, elapsed_s: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(elapsed_s)


class MetricsMiddleware:
    """Times every HTTP request and counts it by its route template and status."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = getattr(scope.get("route"), "path", UNMATCHED)
            elapsed_s = time.perf_counter() - started
            self.metrics.observe(scope["method"], route, status, elapsed_s)
