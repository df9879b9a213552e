"""The CAT-tool round trip: a batch exported as XLIFF 2.0, edited, imported as revisions."""

from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from support.people import People
from translate.storage.xliff2 import Xliff2File

from service.errors import AdaptError, ErrorCode
from service.languages import Language
from service.review import ReviewDecision, ReviewState
from service.workflow import Workspace
from service.workflow.batch import BatchRequest, run_batch
from service.workflow.batch_format import BatchFormat
from service.workflow.batch_import import import_xliff
from service.workflow.review import ReviewRequest, review_rendition

EN, FR, ES = Language.EN, Language.FR, Language.ES
STATEMENTS = {
    "vaccines.txt": "Vaccines save millions of lives every year. Every child deserves them.",
    "water.md": "# Water\n\nClean water protects 2 billion people from disease every day.",
    "hands.txt": "Hand hygiene stops the spread of infection in every hospital.",
}


def _batch(workspace: Workspace, folder: Path) -> Path:
    inputs = folder / "inputs"
    inputs.mkdir()
    for name, text in STATEMENTS.items():
        (inputs / name).write_text(text, encoding="utf-8")
    out = folder / "out"
    summary = run_batch(workspace, _request(folder))
    assert (summary.statements, summary.failed) == (len(STATEMENTS), 0)
    return out


def _request(folder: Path, **options: Any) -> BatchRequest:
    """The batch of STATEMENTS in ``folder`` (XLIFF by default), with ``options``."""
    fields: dict[str, Any] = {"targets": [EN, FR, ES], "max_lines": 2, "format": BatchFormat.XLIFF}
    return BatchRequest(inputs=[folder / "inputs"], out_dir=folder / "out", **fields | options)


def _units(path: Path) -> tuple[Any, list[Any]]:
    store: Any = Xliff2File.parsestring(path.read_bytes())  # type: ignore[no-untyped-call]
    return store, list(store.units)


def _rendition_id(unit: Any) -> int:
    return int(str(unit.getid()).split("-")[1])


def _approve_all(workspace: Workspace, people: People, ids: list[int]) -> None:
    for rendition_id in ids:
        for reviewer in ("fr1", "fr2"):
            request = ReviewRequest(decision=ReviewDecision.APPROVE, version=1)
            review_rendition(workspace, people[reviewer], rendition_id, request)


def test_the_export_has_one_unit_per_rendition_with_its_state_origin_and_findings(
    service_workspace: Workspace, tmp_path: Path
) -> None:
    out = _batch(service_workspace, tmp_path)
    assert sorted(path.name for path in out.glob("*.xlf")) == ["batch.en-es.xlf", "batch.en-fr.xlf"]
    text = (out / "batch.en-fr.xlf").read_text(encoding="utf-8")
    assert 'srcLang="en"' in text and 'trgLang="fr"' in text
    _, units = _units(out / "batch.en-fr.xlf")
    notes = _notes(out / "batch.en-fr.xlf")
    assert len(units) == len(notes) >= 3
    for unit in units:
        rendition = service_workspace.store.renditions.get(_rendition_id(unit))
        assert unit.getid() == f"rendition-{rendition.id}-x"
        assert (unit.source, unit.target) == (rendition.source, rendition.text)
        expected = [("origin", rendition.origin.value)] + [
            (f"finding:{f.severity.value}", f"{f.check}: {f.message}") for f in rendition.findings
        ]
        assert notes[unit.getid()] == expected
    assert text.count('state="translated"') == len(units)


def _notes(path: Path) -> dict[str, list[tuple[str, str]]]:
    """The notes of each unit, read as XLIFF 2.0 places them (unit/notes/note)."""
    space = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ElementTree.parse(path).getroot()
    return {
        unit.attrib["id"]: [
            (note.attrib["category"], note.text or "")
            for note in unit.findall("x:notes/x:note", space)
        ]
        for unit in root.iterfind(".//x:unit", space)
    }


def test_two_edited_units_come_back_as_revisions_with_their_approvals_cleared(
    service_workspace: Workspace, people: People, tmp_path: Path
) -> None:
    out = _batch(service_workspace, tmp_path)
    path = out / "batch.en-fr.xlf"
    store, units = _units(path)
    ids = [_rendition_id(unit) for unit in units]
    assert len(ids) >= 3
    _approve_all(service_workspace, people, ids)
    units[0].target = "Les vaccins sauvent des millions de vies chaque année."
    units[1].target = "L’eau potable protège 2 milliards de personnes chaque jour."
    path.write_bytes(bytes(store))

    result = import_xliff(service_workspace, people["fr1"], path)

    assert (result.edited, result.remembered, result.unchanged) == (2, len(ids) - 2, 0)
    renditions = service_workspace.store.renditions
    for unit, rendition_id in zip(units[:2], ids[:2], strict=True):
        current = renditions.get(rendition_id)
        assert (current.text, current.version) == (unit.target, 2)
        assert current.review_state is ReviewState.PENDING and current.last_editor == "fr1"
        assert [revision.version for revision in renditions.revisions(rendition_id)] == [1, 2]
    for rendition_id in ids[2:]:
        assert renditions.get(rendition_id).review_state is ReviewState.APPROVED
        source = renditions.get(rendition_id)
        found = service_workspace.memory.lookup(source.source, EN, FR)
        assert found is not None and found.target_text == source.text
        assert found.provenance.approved_by == "fr1, fr2"


def _versions(workspace: Workspace, ids: list[int]) -> list[int]:
    return [workspace.store.renditions.get(item).version for item in ids]


def test_unknown_ids_and_malformed_files_import_nothing(
    service_workspace: Workspace, people: People, tmp_path: Path
) -> None:
    out = _batch(service_workspace, tmp_path)
    path = out / "batch.en-fr.xlf"
    store, units = _units(path)
    ids = [_rendition_id(unit) for unit in units]
    units[0].target = "Un texte revu par une traductrice."
    units[1].setid("rendition-999999-x")
    units[2].setid("segment-7")
    path.write_bytes(bytes(store))
    with pytest.raises(AdaptError) as raised:
        import_xliff(service_workspace, people["fr1"], path)
    assert raised.value.code is ErrorCode.INVALID_XLIFF
    assert "no rendition 999999" in raised.value.message and "'segment-7'" in raised.value.message
    assert _versions(service_workspace, ids) == [1] * len(ids)

    broken = tmp_path / "broken.xlf"
    broken.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(AdaptError) as malformed:
        import_xliff(service_workspace, people["fr1"], broken)
    assert malformed.value.code is ErrorCode.INVALID_XLIFF


def test_an_error_half_way_rolls_back_the_edits_before_it(
    service_workspace: Workspace, people: People, tmp_path: Path
) -> None:
    out = _batch(service_workspace, tmp_path)
    path = out / "batch.en-fr.xlf"
    store, units = _units(path)
    ids = [_rendition_id(unit) for unit in units]
    units[0].target = "Première révision."
    twin = store.addsourceunit(units[0].source)  # the same rendition again: a stale version
    twin.setid(units[0].getid())
    twin.target = "Seconde révision."
    path.write_bytes(bytes(store))
    with pytest.raises(AdaptError) as raised:
        import_xliff(service_workspace, people["fr1"], path)
    assert raised.value.code is ErrorCode.STALE_VERSION
    assert _versions(service_workspace, ids) == [1] * len(ids)
    assert len(service_workspace.store.renditions.revisions(ids[0])) == 1


def test_a_rerun_after_review_shows_the_current_states_and_plans_the_approved_posts(
    service_workspace: Workspace, people: People, tmp_path: Path
) -> None:
    out = _batch(service_workspace, tmp_path)
    _, units = _units(out / "batch.en-fr.xlf")
    approved = [_rendition_id(unit) for unit in units[:2]]
    _approve_all(service_workspace, people, approved)
    request = _request(tmp_path)
    run_batch(service_workspace, request)
    text = (out / "batch.en-fr.xlf").read_text(encoding="utf-8")
    assert text.count('state="final"') == 2
    calendar = run_batch(service_workspace, request.model_copy(update={"format": BatchFormat.ICS}))
    assert calendar.outputs[0].endswith("batch.ics")
    events = (out / "batch.ics").read_text(encoding="utf-8")
    assert events.count("BEGIN:VEVENT") == 2  # the two approved French posts, nothing else
    for rendition_id in approved:
        assert f"UID:rendition-{rendition_id}-v1-" in events


def test_hootsuite_files_hold_each_account_s_posts_one_per_time_statement_after_statement(
    service_workspace: Workspace, people: People, tmp_path: Path
) -> None:
    out = _batch(service_workspace, tmp_path)
    _, units = _units(out / "batch.en-fr.xlf")
    approved = [_rendition_id(unit) for unit in units]  # every French post, three statements
    _approve_all(service_workspace, people, approved)
    request = _request(tmp_path, format=BatchFormat.HOOTSUITE, csv_timezone="Europe/Paris")
    summary = run_batch(service_workspace, request)
    files = sorted(path.name for path in out.glob("batch.hootsuite.*.csv"))
    assert files == ["batch.hootsuite.fr.csv"]  # only French is approved: one account
    assert str(out / files[0]) in summary.outputs
    rows = (out / files[0]).read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(approved)
    times = [datetime.strptime(row.split(",")[0], "%d/%m/%Y %H:%M") for row in rows]
    gap = timedelta(minutes=service_workspace.audiences["fr"].min_gap_minutes)
    assert all(later - earlier >= gap for earlier, later in pairwise(times))


def test_an_unknown_hootsuite_time_zone_is_refused_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(AdaptError) as refused:
        BatchRequest(inputs=[tmp_path], out_dir=tmp_path / "out", csv_timezone="Mars/Olympus")
    assert refused.value.code is ErrorCode.UNKNOWN_TIMEZONE
