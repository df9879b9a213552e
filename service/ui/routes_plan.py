"""The posting plan of a statement: per language, each post's slot in UTC and local time.

Planning is a publisher's action and is recorded in the audit log, so the page shows a
form and the plan is made by its POST; not approved renditions are listed as blocked.
"""

from fastapi import APIRouter, Response

from service.ui.render import PREFIX, PageRoute, render
from service.ui.visit import FormDep, VisitDep
from service.workflow.publishing import PlanRequest, plan_statement
from service.workflow.review_page import language_labels

router = APIRouter(prefix=PREFIX, route_class=PageRoute)


@router.get("/statements/{statement_id}/plan")
def plan_page(statement_id: int, current: VisitDep) -> Response:
    return render(
        "plan.html", viewer=current.user, csrf=current.csrf, statement_id=statement_id, plan=None
    )


@router.post("/statements/{statement_id}/plan")
def plan(statement_id: int, form: FormDep) -> Response:
    """Plan the approved renditions from now, each audience in its own windows."""
    current = form.visit
    made = plan_statement(current.workspace, current.user, statement_id, PlanRequest())
    labels = {label.code: label for label in language_labels(current.workspace)}
    return render(
        "plan.html",
        viewer=current.user,
        csrf=current.csrf,
        statement_id=statement_id,
        plan=made,
        labels=labels,
    )
