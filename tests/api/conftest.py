"""An app over the service workspace (SQLite, then PostgreSQL; the copy models), its
client, and a token for each of the people of ``tests/support/people.py``."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from support.api_client import Tokens
from support.people import PEOPLE

from service.api.app import create_app
from service.workflow import Workspace
from service.workflow.users import NewUserRequest, add_user


@pytest.fixture
def tokens(service_workspace: Workspace) -> Tokens:
    """A token per person: ed (editor), fr1 and fr2 (French), es1 (Spanish), pub, root."""
    return {
        name: add_user(
            service_workspace, NewUserRequest(name=name, role=role, languages=languages)
        ).token
        for name, (role, languages) in PEOPLE.items()
    }


@pytest.fixture
def client(service_workspace: Workspace) -> Iterator[TestClient]:
    """The app over the service workspace, its lifespan (and job thread) running."""
    with TestClient(create_app(workspace=service_workspace)) as started:
        yield started
