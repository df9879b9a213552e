"""The statement page: side-by-side editors, checks, history and the review buttons.

An edit or a review is a plain form POST (it works without JavaScript) answered with a
redirect back to the rendition on the page; the live length counter asks
``POST /review/length`` as the user types (htmx), so it always shows the server's count.
"""

from fastapi import APIRouter, Response

from service.ui.render import PREFIX, PageRoute, redirect, render
from service.ui.visit import FormDep, VisitDep, form_int
from service.workflow.review import EditRequest, ReviewRequest, edit_rendition, review_rendition
from service.workflow.review_page import review_page
from service.workflow.text import measure, platform_name

router = APIRouter(prefix=PREFIX, route_class=PageRoute)


def _back_to(statement_id: int, rendition_id: int) -> Response:
    return redirect(f"{PREFIX}/statements/{statement_id}#rendition-{rendition_id}")


@router.get("/statements/{statement_id}")
def statement_page(statement_id: int, current: VisitDep) -> Response:
    """The statement as the signed-in user reviews it."""
    page = review_page(current.workspace, current.user, statement_id)
    return render("statement.html", viewer=current.user, csrf=current.csrf, page=page)


@router.post("/renditions/{rendition_id}/edit")
def edit(rendition_id: int, form: FormDep) -> Response:
    """Store the textarea's text as the rendition's next version."""
    request = EditRequest(text=form.get("text"), version=form_int(form, "version"))
    current = form.visit
    view = edit_rendition(current.workspace, current.user, rendition_id, request)
    return _back_to(view.statement_id, rendition_id)


@router.post("/renditions/{rendition_id}/review")
def review(rendition_id: int, form: FormDep) -> Response:
    """Approve the version shown, or request changes to it."""
    request = ReviewRequest.model_validate(
        {
            "decision": form.get("decision"),
            "version": form_int(form, "version"),
            "comment": form.get("comment") or None,
        }
    )
    current = form.visit
    view = review_rendition(current.workspace, current.user, rendition_id, request)
    return _back_to(view.statement_id, rendition_id)


@router.post("/length")
def length(form: FormDep) -> Response:
    """The weighted length of the posted text on its platform, as an HTML fragment."""
    measured = measure(form.get("text"), form.get("platform"))
    name = platform_name(form.get("platform"))
    return render("_length.html", measured=measured, platform_name=name)
