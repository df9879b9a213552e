"""The API's routes, one module per area; :data:`ROUTERS` is the explicit list the app
includes, in the order the OpenAPI document shows them."""

from fastapi import APIRouter

from service.api.routes import audit, health, reference, renditions, statements, text

ROUTERS: tuple[APIRouter, ...] = (
    statements.router,
    renditions.router,
    audit.router,
    text.router,
    reference.router,
    health.router,
)
