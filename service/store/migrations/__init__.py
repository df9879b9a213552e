"""Alembic migrations for the adapt database; run them with :func:`service.store.migrate`."""
