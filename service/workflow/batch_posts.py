"""A batch's planned outputs: the approved posts of its statements at their slots.

Only approved renditions are planned (:func:`service.workflow.publishing.make_plan`):
right after a batch nothing is, so these files fill as reviewers approve and the batch is
rerun (a rerun adapts nothing again; it rewrites the outputs from the store).

* ``ics`` - ``batch.ics``: every statement planned from now, as its own export plans it.
* ``hootsuite`` - ``batch.hootsuite.<audience>.csv``, one file per account, for Hootsuite's
  bulk composer, which takes one account per file and one post per time on it. The
  statements are therefore planned one after another on each account, in input order:
  a statement's posts start at least the audience's gap after the previous statement's
  last post there, in the audience's own posting windows.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from service.workflow.batch_format import BatchFormat
from service.workflow.batch_journal import BatchRecord
from service.workflow.exports import posts_hootsuite, posts_ics
from service.workflow.publishing import PlannedPost, PlanRequest, make_plan
from service.workflow.workspace import Workspace

PLANNED_FORMATS = frozenset({BatchFormat.ICS, BatchFormat.HOOTSUITE})


def planned_files(
    workspace: Workspace,
    records: Sequence[BatchRecord],
    format: BatchFormat,
    csv_timezone: str = "UTC",
    now: datetime | None = None,
) -> dict[str, bytes]:
    """The files of a planned format, by name in the batch's folder."""
    now = now or datetime.now(UTC)
    if format is BatchFormat.ICS:
        posts = [
            post
            for record in records
            for post in make_plan(workspace, record.statement_id, PlanRequest(), now).posts
        ]
        return {"batch.ics": posts_ics(posts, now).encode("utf-8")}
    return {
        f"batch.hootsuite.{audience_id}.csv": posts_hootsuite(posts, csv_timezone).encode("utf-8")
        for audience_id, posts in _posts_by_account(workspace, records, now).items()
    }


def _posts_by_account(
    workspace: Workspace, records: Sequence[BatchRecord], now: datetime
) -> dict[str, list[PlannedPost]]:
    """Each account's posts, statement after statement, never two at one time."""
    accounts: dict[str, list[PlannedPost]] = {}
    for record in records:
        from_now: dict[str, list[PlannedPost]] = {}
        for post in make_plan(workspace, record.statement_id, PlanRequest(), now).posts:
            from_now.setdefault(post.slot.audience_id, []).append(post)
        for audience_id, planned in sorted(from_now.items()):
            posts = accounts.setdefault(audience_id, [])
            if posts:  # after this account's last post: plan it again from then
                after = _next_start(workspace, posts)
                request = PlanRequest(after=after)
                planned = make_plan(workspace, record.statement_id, request, now, audience_id).posts
            posts.extend(planned)
    return accounts


def _next_start(workspace: Workspace, posts: Sequence[PlannedPost]) -> datetime:
    last = max(post.slot.slot_utc for post in posts)
    gap = workspace.audiences[posts[-1].slot.audience_id].min_gap_minutes
    return last + timedelta(minutes=max(gap, 1))
