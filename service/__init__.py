"""adapt: one approved UN statement in; checked, reviewed, scheduled posts in six languages out."""

__version__ = "0.1.0"
