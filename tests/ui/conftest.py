"""The review UI over a SQLite workspace with the copy models: an app, people, a statement."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.people import ready_statement
from support.review_ui import UI_TARGETS, add_ui_people

from service.api.app import create_app
from service.engines.argos import ArgosEngine
from service.settings import Settings
from service.store import Store
from service.workflow import Workspace
from service.workflow.statement_views import StatementView
from service.workflow.users import authenticate


@pytest.fixture
def ui_workspace(store: Store, argos_engine: ArgosEngine, tmp_path: Path) -> Iterator[Workspace]:
    with Workspace(Settings(data_dir=tmp_path), engine=argos_engine, store=store) as workspace:
        yield workspace


@pytest.fixture
def ui_tokens(ui_workspace: Workspace) -> dict[str, str]:
    """A token for each of ed, ar1, ar2, ar3, zh1, fr1 and pub."""
    return add_ui_people(ui_workspace)


@pytest.fixture
def statement(ui_workspace: Workspace, ui_tokens: dict[str, str]) -> StatementView:
    """A ready statement into Arabic, Chinese, English and French on X."""
    editor = authenticate(ui_workspace, ui_tokens["ed"])
    return ready_statement(ui_workspace, editor, targets=UI_TARGETS)


@pytest.fixture
def ui_client(ui_workspace: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(workspace=ui_workspace), follow_redirects=True) as client:
        yield client
