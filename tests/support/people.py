"""Build review-service data for tests: statement drafts, renditions, users."""

from service.languages import Language
from service.models import EngineReference, Provenance, Rendition, RenditionOrigin
from service.review import Role, User
from service.store.records import LineDraft, RenditionDraft, StatementDraft
from service.workflow import Workspace
from service.workflow.statement_views import RenditionView, StatementView
from service.workflow.statements import (
    StatementRequest,
    get_statement,
    run_adapt_job,
    submit_statement,
)
from service.workflow.users import NewUserRequest, add_user, authenticate

EN, FR, ES = Language.EN, Language.FR, Language.ES


def statement_draft(created_by: str = "ed", **changes: object) -> StatementDraft:
    """A submitted statement as the use case would store it."""
    values: dict[str, object] = {
        "text": "Vaccines save lives. Wash your hands.",
        "approval_ref": "WHO/2026/1",
        "language": None,
        "source_language": EN,
        "title": None,
        "link": None,
        "hashtags": [],
        "targets": [EN, FR, ES],
        "platforms": ["x"],
        "audiences": [],
        "observance": None,
        "urgent": False,
        "max_lines": 5,
        "created_by": created_by,
    }
    values.update(changes)
    return StatementDraft.model_validate(values)


def machine_rendition(text: str) -> Rendition:
    """A machine translation of ``text`` as the pipeline would finish it."""
    return Rendition(
        text=text,
        length=len(text),
        fits=True,
        origin=RenditionOrigin.MT,
        provenance=Provenance(
            origin=RenditionOrigin.MT, engine=EngineReference(engine="argos", package_version="1")
        ),
    )


def line_drafts(sources: list[str], languages: tuple[Language, ...] = (FR, ES)) -> list[LineDraft]:
    """Lines, each with one machine rendition per language on X."""
    return [
        LineDraft(
            source=source,
            score=0.9,
            reasons=["lead sentence"],
            renditions=[
                RenditionDraft(language, "x", machine_rendition(f"{language}: {source}"))
                for language in languages
            ],
        )
        for source in sources
    ]


People = dict[str, User]
PEOPLE: dict[str, tuple[Role, list[Language]]] = {
    "ed": (Role.EDITOR, []),
    "fr1": (Role.TRANSLATOR, [FR]),
    "fr2": (Role.TRANSLATOR, [FR]),
    "es1": (Role.TRANSLATOR, [ES]),
    "pub": (Role.PUBLISHER, []),
    "root": (Role.ADMIN, []),
}
STATEMENT = (
    "The World Health Organization calls on every country to protect 4.5 billion people. "
    "Vaccines prevent millions of deaths from measles every single year."
)


def add_person(workspace: Workspace, name: str, role: Role, languages: list[Language]) -> User:
    """Add a user and return them as their token authenticates them."""
    created = add_user(workspace, NewUserRequest(name=name, role=role, languages=languages))
    return authenticate(workspace, created.token)


def make_people(workspace: Workspace) -> People:
    return {name: add_person(workspace, name, *spec) for name, spec in PEOPLE.items()}


def ready_statement(
    workspace: Workspace, editor: User, text: str = STATEMENT, **fields: object
) -> StatementView:
    """Submit a statement (into en, fr, es on X unless told) and run its job."""
    values = {"text": text, "approval_ref": "WHO/2026/7", "targets": [EN, FR, ES], **fields}
    request = StatementRequest.model_validate(values)
    queued = submit_statement(workspace, editor, request)
    run_adapt_job(workspace, queued.id)
    return get_statement(workspace, editor, queued.id)


def renditions(view: StatementView, language: Language | None = None) -> list[RenditionView]:
    """Every rendition of the statement (of one language), line by line."""
    return [
        rendition
        for line in view.lines
        for rendition in line.renditions
        if language is None or rendition.language is language
    ]


def empty_rendition() -> Rendition:
    """The rendition of a pair no model serves: no text, nothing to post."""
    return Rendition(
        text="",
        length=0,
        fits=False,
        origin=RenditionOrigin.NONE,
        provenance=Provenance(origin=RenditionOrigin.NONE),
    )
