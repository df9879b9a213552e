"""The database behind the service: bring it to the newest schema and say where it is."""

from service.models import Model
from service.workflow.workspace import Workspace


class DatabaseStatus(Model):
    """Where the database is (the password hidden) and the schema revision it is at."""

    url: str
    revision: str | None


def upgrade_database(workspace: Workspace) -> DatabaseStatus:
    """Run the migrations up to the newest revision (opening the store does), and report."""
    store = workspace.store
    from service.store.migrate import current_revision

    return DatabaseStatus(
        url=store.engine.url.render_as_string(hide_password=True),
        revision=current_revision(store.engine),
    )
