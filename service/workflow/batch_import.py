"""``adapt import FILE.xlf``: a CAT tool's XLIFF 2.0 file back into the store.

Every unit is matched to its rendition by its id (``rendition-<id>-<platform>``, as the
batch and statement exports write it). Before anything is written, the whole file is
checked: a file translate-toolkit cannot read as XLIFF 2.0, a unit whose id is not a
rendition id, names no stored rendition or another platform, or whose source is not the
rendition's line is an error (``invalid_xliff``) listing every bad unit, and nothing is
imported. Then, in ONE transaction (:meth:`~service.store.database.Store.unit_of_work`):

* a unit whose target differs from the rendition's current text is an edit by ``actor``,
  through :func:`service.workflow.review.edit_rendition` (the checks run again, a new
  version and revision are stored, the approvals start again);
* a unit that is unchanged and whose rendition is approved under the two-person rule goes
  into the translation memory, with its approvers.

Any error on the way (a stale version, a language the translator does not translate)
rolls the whole import back.
"""

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import Field
from translate.storage.xliff2 import Xliff2File

from service.errors import AdaptError, ErrorCode, InputError
from service.models import Model, UnitOrigin, UnitProvenance
from service.review import ReviewState, User
from service.store.records import RenditionRecord
from service.workflow.review import EditRequest, edit_rendition
from service.workflow.statement_views import load_rendition_view
from service.workflow.workspace import Workspace

_UNIT_ID = re.compile(r"rendition-(?P<id>[0-9]+)-(?P<platform>[a-z]+)")
MAX_XLIFF_BYTES = 50_000_000


class ImportedUnit(Model):
    unit_id: str
    rendition_id: int
    result: str = Field(description="edited, remembered (into the memory) or unchanged.")
    version: int = Field(description="The rendition's current version after the import.")


class XliffImport(Model):
    """What an import did, unit by unit."""

    file: str
    units: list[ImportedUnit]
    edited: int
    remembered: int
    unchanged: int
    message: str


def _read_units(path: Path) -> list[Any]:
    try:
        content = path.read_bytes()
    except OSError as error:
        code = ErrorCode.IS_A_DIRECTORY if path.is_dir() else ErrorCode.FILE_NOT_FOUND
        raise InputError(f"cannot read {path} ({error.strerror})", code=code) from None
    if len(content) > MAX_XLIFF_BYTES:
        raise InputError(
            f"{path} is over {MAX_XLIFF_BYTES:,} bytes", code=ErrorCode.INPUT_TOO_LARGE
        )
    try:
        store: Any = Xliff2File.parsestring(content)  # type: ignore[no-untyped-call]
        units = [unit for unit in store.units if not unit.isheader()]
    except (ValueError, SyntaxError, KeyError, AttributeError, TypeError) as error:
        raise InputError(
            f"{path} is not an XLIFF 2.0 file ({type(error).__name__}: {error}); nothing imported",
            code=ErrorCode.INVALID_XLIFF,
        ) from None
    if not units:
        raise InputError(
            f"{path} holds no XLIFF 2.0 unit; nothing imported", code=ErrorCode.INVALID_XLIFF
        )
    return units


def _match(workspace: Workspace, unit: Any) -> RenditionRecord:
    """The unit's rendition, or an :class:`InputError` saying why it has none."""
    unit_id = str(unit.getid() or "")
    found = _UNIT_ID.fullmatch(unit_id)
    if found is None:
        raise InputError(f"unit {unit_id!r}: not an adapt rendition id (rendition-N-platform)")
    rendition = workspace.store.renditions.get(int(found["id"]))
    if rendition.platform != found["platform"]:
        raise InputError(f"unit {unit_id!r}: rendition {rendition.id} is for {rendition.platform}")
    if str(unit.source or "") != rendition.source:
        raise InputError(
            f"unit {unit_id!r}: its source is not the line of rendition {rendition.id}"
        )
    return rendition


def _matched(workspace: Workspace, path: Path) -> list[tuple[str, str, RenditionRecord]]:
    """(unit id, target, rendition) for every unit; every bad unit in one error."""
    matched: list[tuple[str, str, RenditionRecord]] = []
    problems: list[str] = []
    for unit in _read_units(path):
        try:
            matched.append((str(unit.getid()), str(unit.target or ""), _match(workspace, unit)))
        except AdaptError as error:
            problems.append(error.message)
    if problems:
        raise InputError(
            f"{path}: {len(problems)} unit(s) do not match a stored rendition, nothing "
            f"imported: {'; '.join(problems[:20])}",
            code=ErrorCode.INVALID_XLIFF,
            problems=problems,
        )
    return matched


def _remember(workspace: Workspace, rendition: RenditionRecord, approvals: list[str]) -> None:
    statement = workspace.store.statements.get(rendition.statement_id)
    provenance = UnitProvenance(
        origin=UnitOrigin.REVIEW,
        approved_by=", ".join(approvals),
        approved_at_utc=datetime.now(UTC),
    )
    source_language = statement.source_language or rendition.language
    workspace.memory.add(
        rendition.source, rendition.text, source_language, rendition.language, provenance
    )


def _import_unit(
    workspace: Workspace, actor: User, unit_id: str, target: str, rendition: RenditionRecord
) -> ImportedUnit:
    if target.strip() and target != rendition.text:
        request = EditRequest(text=target, version=rendition.version)
        view = edit_rendition(workspace, actor, rendition.id, request)
        return ImportedUnit(
            unit_id=unit_id, rendition_id=rendition.id, result="edited", version=view.version
        )
    view = load_rendition_view(workspace, rendition.id)
    remembered = (
        view.review.state is ReviewState.APPROVED
        and rendition.language
        != workspace.store.statements.get(rendition.statement_id).source_language
    )
    if remembered:
        _remember(workspace, rendition, view.review.approvals)
    result = "remembered" if remembered else "unchanged"
    return ImportedUnit(
        unit_id=unit_id, rendition_id=rendition.id, result=result, version=view.version
    )


def import_xliff(workspace: Workspace, actor: User, path: Path) -> XliffImport:
    """Bring a CAT tool's edits back as revisions by ``actor``; see the module's docstring."""
    matched = _matched(workspace, path)
    with workspace.store.unit_of_work():
        units = [_import_unit(workspace, actor, *entry) for entry in matched]
    counts = {
        name: sum(unit.result == name for unit in units)
        for name in ("edited", "remembered", "unchanged")
    }
    return XliffImport(
        file=str(path),
        units=units,
        **counts,
        message=(
            f"{path}: {counts['edited']} edited (their review starts again), "
            f"{counts['remembered']} approved into the memory, {counts['unchanged']} unchanged"
        ),
    )


def import_user(workspace: Workspace, name: str) -> User:
    """The registered user an import's edits are made by; a revoked one is refused."""
    user = workspace.store.users.get(name)
    if user.is_revoked:
        raise InputError(f"the user {name} is revoked", code=ErrorCode.FORBIDDEN_ROLE, user=name)
    return user
