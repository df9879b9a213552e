"""The pipeline, in the order the data flows (see workflow.py for the use cases)."""
