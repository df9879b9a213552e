"""Benchmark: the API's requests per second on a real uvicorn server, against a bare
FastAPI endpoint that returns a constant, served the same way in the same run.

What it does, in one run:

1. Starts ``adapt serve --port 0`` on a fresh SQLite data dir (offline, jobs in-process),
   adds a user with ``adapt users add`` and submits one statement (into English only, so
   no MT model is needed) and waits until it is ready.
2. Starts a bare FastAPI app (``POST /length`` and ``GET /statement`` each return a
   constant) with the same uvicorn, in its own process, with the same settings.
3. For each pair (``POST /v1/length`` vs the bare POST, ``GET /v1/statements/{id}`` vs the
   bare GET) it runs ``--clients`` concurrent clients (asyncio + httpx, keep-alive) for
   ``--seconds``, alternating bare and adapt ``--rounds`` times; the best round of each
   counts (a tiny keep-alive HTTP/1.1 client per connection, so the client costs
   little). It prints requests per second, p50 and p99 latency of both, and the ratio
   (target for ``POST /v1/length``: at least 50% of the bare endpoint, p99 under 50 ms at
   32 clients).

Run: ``.venv/bin/python bench/api.py [--clients 32] [--seconds 5] [--rounds 2]``. The
client shares the machine with the server: on few cores it takes a core of its own.
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import regex

ROOT = Path(__file__).resolve().parent.parent
ADAPT = Path(sys.executable).parent / "adapt"
_CONTENT_LENGTH = regex.compile(rb"(?i)content-length: *(\d+)")
_LISTENING = regex.compile(r"Uvicorn running on http://([\d.]+):(\d+)")
STATEMENT = (
    "The Secretary-General calls on every country to protect 4.5 billion people. "
    "Vaccines prevent millions of deaths from measles every single year."
)
POST = "Clean water and sanitation are human rights. #WaterAction https://un.org/water"


def bare_server() -> None:
    """The baseline: FastAPI endpoints that return a constant, under the same uvicorn."""
    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()

    @app.post("/length")
    async def length() -> dict[str, object]:
        return {"platform": "x", "length": 77, "limit": 280, "fits": True}

    @app.get("/statement")
    async def statement() -> dict[str, object]:
        return {"id": 1, "status": "ready"}

    uvicorn.run(app, host="127.0.0.1", port=0, log_level="info")


@contextmanager
def serving(command: list[str], env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Run a server command; yield its base URL once uvicorn says where it listens."""
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not (found := _LISTENING.search(log_path.read_text(errors="replace"))):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{command[0]} did not start:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield f"http://{found[1]}:{found[2]}"
    finally:
        server.terminate()
        server.wait(15)


@dataclass
class Result:
    requests: int
    seconds: float
    latencies_s: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.latencies_s)
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


Request = tuple[str, str, dict[str, str], bytes | None]


def _wire(base_url: str, request: Request) -> tuple[str, int, bytes]:
    """The request's bytes for HTTP/1.1 keep-alive, and where to send them."""
    method, path, headers, body = request
    url = httpx.URL(base_url)
    lines = [f"{method} {path} HTTP/1.1", f"Host: {url.host}:{url.port}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append(f"Content-Length: {len(body or b'')}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    return str(url.host), int(url.port or 80), head + (body or b"")


async def _one_client(
    host: str, port: int, wire: bytes, end: float, latencies: list[float]
) -> None:
    """One connection sending ``wire`` again and again until ``end``; a tiny HTTP/1.1
    client, so that the client costs little next to the servers measured."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while (started := time.perf_counter()) < end:
            writer.write(wire)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            found = _CONTENT_LENGTH.search(head)
            assert found is not None, head
            length = int(found[1])
            body = await reader.readexactly(length)
            if status != 200:
                raise SystemExit(f"{status}: {body.decode(errors='replace')}")
            latencies.append(time.perf_counter() - started)
    finally:
        writer.close()


async def _load(base_url: str, request: Request, clients: int, seconds: float) -> Result:
    host, port, wire = _wire(base_url, request)
    latencies: list[float] = []
    await _one_client(host, port, wire, time.perf_counter() + 0.2, [])  # warm up
    began = time.perf_counter()
    end = began + seconds
    await asyncio.gather(*(_one_client(host, port, wire, end, latencies) for _ in range(clients)))
    return Result(len(latencies), time.perf_counter() - began, latencies)


def _prepare(api_url: str, env: dict[str, str]) -> tuple[str, int]:
    """A user's token and a ready statement on the adapt server."""
    added = subprocess.run(
        [str(ADAPT), "users", "add", "bench", "--role", "editor", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    token = json.loads(added.stdout)["token"]
    headers = {"Authorization": f"Bearer {token}"}
    body = {"text": STATEMENT, "approval_ref": "BENCH/1", "targets": ["en"]}
    submitted = httpx.post(f"{api_url}/v1/statements", json=body, headers=headers)
    location = submitted.headers["Location"]
    deadline = time.monotonic() + 60
    while httpx.get(location, headers=headers).json()["status"] != "ready":
        if time.monotonic() > deadline:
            raise SystemExit(f"the statement did not become ready: {httpx.get(location).text}")
        time.sleep(0.2)
    return token, int(submitted.json()["id"])


def _row(name: str, result: Result) -> str:
    return (
        f"  {name:<28} {result.per_second:>8.0f} req/s   p50 {result.percentile_ms(0.5):6.1f} ms"
        f"   p99 {result.percentile_ms(0.99):6.1f} ms   ({result.requests} requests)"
    )


def _compare(name: str, bare: Result, adapt: Result) -> None:
    print(f"{name}:")
    print(_row("bare FastAPI constant", bare))
    print(_row("adapt", adapt))
    print(f"  ratio adapt/bare: {adapt.per_second / bare.per_second:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--bare-server", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.bare_server:
        bare_server()
        return
    with tempfile.TemporaryDirectory(prefix="adapt-bench-api-") as folder:
        env = {**os.environ, "ADAPT_DATA_DIR": folder, "ADAPT_OFFLINE": "1"}
        api = serving([str(ADAPT), "serve", "--port", "0"], env, Path(folder) / "api.log")
        bare_command = [sys.executable, str(Path(__file__).resolve()), "--bare-server"]
        bare = serving(bare_command, env, Path(folder) / "bare.log")
        with api as api_url, bare as bare_url:
            token, statement_id = _prepare(api_url, env)
            _run(arguments, api_url, bare_url, token, statement_id)


def _run(
    arguments: argparse.Namespace, api_url: str, bare_url: str, token: str, statement_id: int
) -> None:
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    post = json.dumps({"text": POST, "platform": "x"}).encode()
    pairs: dict[str, tuple[Request, Request]] = {
        "POST /v1/length": (("POST", "/length", {}, post), ("POST", "/v1/length", auth, post)),
        f"GET /v1/statements/{statement_id}": (
            ("GET", "/statement", {}, None),
            ("GET", f"/v1/statements/{statement_id}", auth, None),
        ),
    }
    clients, seconds = arguments.clients, arguments.seconds
    print(f"{clients} concurrent clients, {seconds:g} s a round, best of {arguments.rounds}")
    for name, (bare_request, adapt_request) in pairs.items():
        bares: list[Result] = []
        adapts: list[Result] = []
        for _ in range(arguments.rounds):  # interleaved, so both see the same machine
            bares.append(asyncio.run(_load(bare_url, bare_request, clients, seconds)))
            adapts.append(asyncio.run(_load(api_url, adapt_request, clients, seconds)))
        best = max(bares, key=lambda item: item.per_second)
        _compare(name, best, max(adapts, key=lambda item: item.per_second))
    print(f"(median of the bare rounds: {statistics.median(r.per_second for r in bares):.0f})")


if __name__ == "__main__":
    main()
