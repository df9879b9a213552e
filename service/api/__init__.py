"""The REST API: a thin HTTP edge over the use cases of ``service/workflow/``.

:func:`service.api.app.create_app` builds the FastAPI app; ``adapt serve`` runs it with
uvicorn. Routes live in ``service/api/routes/``, one module per area.
"""
