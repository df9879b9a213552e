"""A real job kind for the job tests, and ``adapt worker`` with that kind registered.

``digest`` does real work (a SHA-256 chain, seconds long at a million rounds) so that a
test can kill its worker mid-job, and its effect is not idempotent on purpose: it appends
one line to ``output`` when done. A job system that ran it twice would show two lines.
It appends ``pid`` to ``started`` first, so a test sees when the work has begun.

Run as a script, it is the ``adapt`` command line with ``digest`` registered::

    python tests/support/job_worker.py worker --name w1 --concurrency 1
"""

import hashlib
import os
import sys
from pathlib import Path

from service.errors import InputError
from service.jobs.base import JobHandler, JobPayload
from service.workflow.workspace import Workspace


def _field(payload: JobPayload, name: str) -> str:
    value = payload.get(name)
    if not isinstance(value, str):
        raise InputError(f"the digest job needs {name!r}, a path")
    return value


def _append(path: str, line: str) -> None:
    with Path(path).open("a", encoding="utf-8") as file:
        file.write(line + "\n")
        file.flush()
        os.fsync(file.fileno())


def digest_job(workspace: Workspace, payload: JobPayload) -> None:
    """Hash ``seed`` ``rounds`` times; append the pid to ``started``, the digest to ``output``."""
    rounds = payload.get("rounds")
    if not isinstance(rounds, int) or rounds < 1:
        raise InputError("the digest job needs 'rounds', a positive number")
    _append(_field(payload, "started"), str(os.getpid()))
    digest = str(payload.get("seed", "")).encode("utf-8")
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    _append(_field(payload, "output"), digest.hex())


TEST_HANDLERS: dict[str, JobHandler] = {"digest": digest_job}


def main() -> int:
    from service.cli import run
    from service.jobs.handlers import JOB_HANDLERS

    JOB_HANDLERS.update(TEST_HANDLERS)
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
