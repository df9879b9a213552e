"""Benchmark sides in their own processes, asked for one pass at a time, so passes interleave.

A machine shared with other work changes speed from one minute to the next. Running all of
one side and then all of the other puts that drift into the ratio; asking each side's
process for one pass in turn, round after round, and comparing medians does not. Each side
keeps its own process, so its peak RSS is its own.

Protocol: the worker prints one line ``BENCH {json}`` when set up, then one per command
read from stdin, and on ``exit`` a last one with its peak RSS. Other output is ignored.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

PREFIX = "BENCH "
Result = dict[str, Any]


def peak_rss_mib() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time this process has used, all threads, user and system."""
    times = os.times()
    return times.user + times.system


def load_average() -> float:
    """The one-minute load average: how busy the machine was, other work included."""
    return os.getloadavg()[0]


def machine_ticks() -> tuple[int, int]:
    """The machine's CPU time since boot, in clock ticks: (stolen, all). Steal is time the
    hypervisor gave this virtual machine's CPUs to others; (0, 0) without ``/proc/stat``."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except OSError:
        return 0, 0
    # user nice system idle iowait irq softirq steal [guest guest_nice, already in user]
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def steal_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """The share of the machine's CPU time stolen between two :func:`machine_ticks`."""
    elapsed = after[1] - before[1]
    return (after[0] - before[0]) / elapsed if elapsed > 0 else 0.0


class Worker:
    """One side of a benchmark, running ``script`` with ``arguments`` in a fresh process."""

    def __init__(self, script: Path, *arguments: str, environment: Mapping[str, str] = {}):
        self.name = " ".join(arguments)
        self._process = subprocess.Popen(
            [sys.executable, str(script), *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **environment},
        )
        self.ready = self._answer()

    def ask(self, command: str) -> Result:
        """The answer to ``command``, with ``steal``: the machine's stolen share meanwhile."""
        before = machine_ticks()
        self.send(command)
        answer = self._answer()
        return {**answer, "steal": steal_share(before, machine_ticks())}

    def send(self, command: str) -> None:
        """Start ``command`` without waiting: several workers can run at once."""
        assert self._process.stdin is not None
        self._process.stdin.write(command + "\n")
        self._process.stdin.flush()

    def receive(self) -> Result:
        """The answer to the command :meth:`send` started."""
        return self._answer()

    def close(self) -> Result:
        """Stop the worker; its last answer carries its peak RSS."""
        answer = self.ask("exit")
        self._process.wait()
        return answer

    def _answer(self) -> Result:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            if line.startswith(PREFIX):
                answer: Result = json.loads(line[len(PREFIX) :])
                return answer
        self._process.wait()
        sys.exit(f"bench worker {self.name!r} stopped (exit code {self._process.returncode})")


def serve(set_up: Callable[[], Result], commands: Mapping[str, Callable[[], Result]]) -> None:
    """The worker's side: answer ``set_up()``, then each command, until ``exit``."""
    _say(set_up())
    for line in sys.stdin:
        command = line.strip()
        if command == "exit":
            break
        _say(commands[command]())
    _say({"peak_rss_mib": peak_rss_mib()})


def _say(result: Result) -> None:
    print(PREFIX + json.dumps(result), flush=True)


def interleave(
    passes: Mapping[str, Callable[[], Result]], rounds: int, repeats: Mapping[str, int] = {}
) -> tuple[dict[str, list[Result]], list[float]]:
    """Run every pass once per round, or ``repeats[name]`` times, alternating with the others.

    Each round starts one further along the list of passes. Returns each pass's results and
    the load average after each round.
    """
    names = list(passes)
    results: dict[str, list[Result]] = {name: [] for name in names}
    loads: list[float] = []
    for round_number in range(rounds):
        shift = round_number % len(names)
        order = names[shift:] + names[:shift]
        for turn in range(max(repeats.values(), default=1)):
            for name in order:
                if turn < repeats.get(name, 1):
                    results[name].append(passes[name]())
        loads.append(load_average())
    return results, loads


def median_seconds(results: list[Result]) -> float:
    return float(statistics.median(result["seconds"] for result in results))
