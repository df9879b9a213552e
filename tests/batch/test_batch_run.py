"""A batch of 200+ statements in the six languages, with corrupt files among them.

One batch runs in this process on the copy models (output = input), into JSON Lines; the
tests read its outputs, its summary and the store.
"""

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.batch_corpus import CORRUPT, write_corpus

from service.engines.argos import ArgosEngine
from service.languages import ALL_LANGUAGES
from service.settings import Settings
from service.store import Store
from service.store.records import StatementStatus
from service.workflow import Workspace
from service.workflow.batch import BatchRequest, BatchSummary, run_batch
from service.workflow.batch_format import BatchFormat


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def started(self, statements: int, finished: int) -> None:
        self.calls.append(("started", statements, finished))

    def advanced(self, statements: int, lines: int) -> None:
        self.calls.append(("advanced", statements, lines))


class Ran:
    def __init__(self, root: Path, good: int, summary: BatchSummary, progress: _Recorder) -> None:
        self.root, self.good, self.summary, self.progress = root, good, summary, progress
        self.out = root / "out"

    def records(self) -> list[dict[str, Any]]:
        text = (self.out / "batch.jsonl").read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def ran(
    tmp_path_factory: pytest.TempPathFactory, argos_engine: ArgosEngine, argos_packages_dir: Path
) -> Iterator[Ran]:
    root = tmp_path_factory.mktemp("batch")
    inputs = root / "inputs"
    good = write_corpus(inputs)
    settings = Settings(data_dir=root, packages_dir=argos_packages_dir)
    with (
        Store.open(f"sqlite:///{root / 'adapt.sqlite3'}") as store,
        Workspace(settings, engine=argos_engine, store=store) as workspace,
    ):
        request = BatchRequest(inputs=[inputs], out_dir=root / "out", max_lines=1, chunk_size=64)
        progress = _Recorder()
        summary = run_batch(workspace, request, progress)
        yield Ran(root, good, summary, progress)


def test_every_good_statement_is_adapted_once_into_the_six_languages(ran: Ran) -> None:
    records = ran.records()
    assert ran.good >= 200
    assert len(records) == ran.summary.statements == ran.good
    places = Counter((record["file"], record["line"]) for record in records)
    assert max(places.values()) == 1
    assert {record["source_language"] for record in records} == set(ALL_LANGUAGES)
    # A paragraph with no sentence that fits a post (a long UDHR recital) has no line.
    assert sum(bool(record["lines"]) for record in records) > 0.8 * len(records)
    for record in records:
        for line in record["lines"]:
            languages = [rendition["language"] for rendition in line["renditions"]]
            assert sorted(languages) == sorted(ALL_LANGUAGES)
            for rendition in line["renditions"]:
                assert rendition["origin"] in {"mt", "source", "memory"}
                assert rendition["text"] and rendition["id"] > 0


def test_corrupt_items_are_error_records_and_the_batch_goes_on(ran: Ran) -> None:
    failures = {
        (Path(f.file).relative_to(ran.root / "inputs").as_posix(), f.line, f.code)
        for f in ran.summary.failures
    }
    assert failures == CORRUPT
    errors = (ran.out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(errors) == len(CORRUPT) == ran.summary.failed
    assert all(json.loads(line)["message"] for line in errors)


def test_the_summary_counts_what_the_outputs_hold(ran: Ran) -> None:
    records = ran.records()
    renditions = [r for record in records for line in record["lines"] for r in line["renditions"]]
    assert ran.summary.lines == sum(len(record["lines"]) for record in records)
    assert ran.summary.renditions == dict(Counter(r["origin"] for r in renditions))
    findings = Counter(f["check"] for r in renditions for f in r["findings"])
    assert ran.summary.findings == dict(findings)
    stored = json.loads((ran.out / "summary.json").read_text(encoding="utf-8"))
    assert stored["statements"] == ran.summary.statements and stored["failed"] == len(CORRUPT)
    assert ran.progress.calls[0] == ("started", ran.good, 0)  # japanese.txt is never stored
    advanced = [call for call in ran.progress.calls if call[0] == "advanced"]
    assert sum(call[1] for call in advanced) == ran.good


def test_the_statements_are_stored_for_review(ran: Ran) -> None:
    with Store.open(f"sqlite:///{ran.root / 'adapt.sqlite3'}") as store:
        for record in ran.records()[:20]:
            stored = store.statements.get(record["statement_id"])
            assert stored.status is StatementStatus.READY
            ids = {r.id for r in store.renditions.of_statement(stored.id)}
            assert ids == {r["id"] for line in record["lines"] for r in line["renditions"]}


def test_a_rerun_of_a_finished_batch_adapts_nothing_again(
    ran: Ran, argos_engine: ArgosEngine, argos_packages_dir: Path
) -> None:
    settings = Settings(data_dir=ran.root, packages_dir=argos_packages_dir)
    with Store.open(f"sqlite:///{ran.root / 'adapt.sqlite3'}") as store:
        count = len(store.statements.list_statements(_all())[0])
        with Workspace(settings, engine=argos_engine, store=store) as workspace:
            request = BatchRequest(
                inputs=[ran.root / "inputs"],
                out_dir=ran.out,
                max_lines=1,
                chunk_size=64,
                format=BatchFormat.CSV,
            )
            again = run_batch(workspace, request)
        assert len(store.statements.list_statements(_all())[0]) == count
    assert again.resumed_chunks == len(list((ran.out / "journal").glob("chunk-*.json")))
    assert again.statements == ran.summary.statements
    rows = (ran.out / "batch.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) > again.statements


def _all() -> Any:
    from service.store.statements import StatementFilter

    return StatementFilter(limit=100_000)


@pytest.mark.slow
def test_local_worker_processes_each_with_its_engine_adapt_every_statement_once(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    inputs = tmp_path / "inputs"
    good = write_corpus(inputs, corrupt=False, per_language=2)
    settings = Settings(
        data_dir=tmp_path,
        packages_dir=argos_packages_dir,
        database_url=f"sqlite:///{tmp_path / 'adapt.sqlite3'}",
    )
    request = BatchRequest(
        inputs=[inputs], out_dir=tmp_path / "out", workers=2, chunk_size=3, max_lines=1
    )
    with Workspace(settings) as workspace:
        summary = run_batch(workspace, request)
    assert (summary.statements, summary.failed) == (good, 0)
    lines = (tmp_path / "out" / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    places = Counter((record["file"], record["line"]) for record in map(json.loads, lines))
    assert len(places) == good and max(places.values()) == 1


def test_statements_stored_by_a_run_killed_before_its_plan_are_taken_up_not_stored_again(
    tmp_path: Path, argos_engine: ArgosEngine, argos_packages_dir: Path, monkeypatch: Any
) -> None:
    from service.workflow.batch_journal import Journal

    inputs = tmp_path / "inputs"
    good = write_corpus(inputs, corrupt=False, per_language=1)
    settings = Settings(data_dir=tmp_path, packages_dir=argos_packages_dir)
    request = BatchRequest(inputs=[inputs], out_dir=tmp_path / "out", max_lines=1)

    def killed(self: Journal, plan: object) -> None:
        raise KeyboardInterrupt  # the process dies after storing, before the plan is saved

    with (
        Store.open(f"sqlite:///{tmp_path / 'adapt.sqlite3'}") as store,
        Workspace(settings, engine=argos_engine, store=store) as workspace,
    ):
        with monkeypatch.context() as patched:
            patched.setattr(Journal, "save_plan", killed)
            with pytest.raises(KeyboardInterrupt):
                run_batch(workspace, request)
        stored = len(store.statements.list_statements(_all())[0])
        assert stored == good
        summary = run_batch(workspace, request)
        assert (summary.statements, summary.failed) == (good, 0)
        records = store.statements.list_statements(_all())[0]
    assert len(records) == good  # the first run's statements, adapted; none stored twice
    assert {record.status for record in records} == {StatementStatus.READY}


def test_a_rerun_with_other_workers_cuts_other_chunks_and_still_has_each_statement_once(
    tmp_path: Path, argos_engine: ArgosEngine, argos_packages_dir: Path, monkeypatch: Any
) -> None:
    from collections.abc import Sequence

    from service.workflow import batch as batch_module
    from service.workflow.batch import cut_evenly
    from service.workflow.batch_runners import Chunk, InlineRunner

    class Interrupted:
        """The inline runner, interrupted (Ctrl-C) after ``stop_after`` chunks."""

        def __init__(self, workspace: Workspace, stop_after: int | None) -> None:
            self._runner, self._stop_after = InlineRunner(workspace), stop_after

        def run(self, chunks: Sequence[Chunk]) -> Iterator[int]:
            for done, index in enumerate(self._runner.run(chunks), start=1):
                yield index
                if done == self._stop_after:
                    raise KeyboardInterrupt

    inputs = tmp_path / "inputs"
    good = write_corpus(inputs, corrupt=False, per_language=2)
    settings = Settings(data_dir=tmp_path, packages_dir=argos_packages_dir)

    def run(workers: int, stop_after: int | None = None) -> BatchSummary:
        # Local workers cut the chunks evenly (a multiple of the workers); the chunks run
        # here, so the test sees the journal's side of it without starting processes.
        runner = lambda workspace, *_: Interrupted(workspace, stop_after)  # noqa: E731
        monkeypatch.setattr(batch_module, "chunk_runner", runner)
        request = BatchRequest(
            inputs=[inputs], out_dir=tmp_path / "out", max_lines=1, chunk_size=5, workers=workers
        )
        return run_batch(workspace, request)

    alone = [len(chunk) for chunk in batch_module._chunk_ids(range(good), 5)]
    shared = [len(chunk) for chunk in cut_evenly(range(good), 5, 2)]
    assert (alone, shared) == ([5, 5, 5, 3], [5, 5, 4, 4])  # 18 statements
    with (
        Store.open(f"sqlite:///{tmp_path / 'adapt.sqlite3'}") as store,
        Workspace(settings, engine=argos_engine, store=store) as workspace,
    ):
        with pytest.raises(KeyboardInterrupt):
            run(1, stop_after=3)  # journals chunks 0-4, 5-9 and 10-14
        again = run(2)  # 0-4 and 5-9 are done; 10-13 and 14-17 are other chunks
        same = run(2)
    assert (again.resumed_chunks, same.resumed_chunks) == (2, 4)
    for summary in (again, same):
        assert (summary.statements, summary.failed) == (good, 0)
    lines = (tmp_path / "out" / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    places = Counter((record["file"], record["line"]) for record in map(json.loads, lines))
    assert len(places) == good and max(places.values()) == 1
