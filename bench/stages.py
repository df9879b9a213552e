"""Attribute the time of an ``adapt run`` to the pipeline's stages, by module, by sampling.

A stage is a set of modules (``service/pipeline/segment/``, ``service/checks/``, ...), not a
list of functions, so the attribution survives functions moving within a stage or the
stages being restructured. A sampler thread looks at the main thread's stack every
millisecond (``sys._current_frames``) and gives the time since its last look to the
innermost frame on the stack that runs a function of a stage module: what a stage's code
calls (libraries, spaCy, regular expressions, lazy imports) counts for that stage, and a
stage called by another (``fit`` calling ``segment``) counts for the inner one.
Module-level code (``<module>`` frames: imports) is not a stage: time with no stage
function on the stack is start-up and glue (imports, settings, the CLI, the workflow).

Sampling rather than cProfile: a deterministic profiler's call edges cannot tell which
stage an import machinery frame or a library callback runs for, and it slows Python code
down by half; the sampler costs about a percent.
"""

import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from types import FrameType

REPOSITORY = Path(__file__).resolve().parent.parent
INTERVAL_SECONDS = 0.001

STAGES: list[tuple[str, str]] = [
    # (module path or path:function, stage): the first that matches a frame wins
    ("service/engines/argos.py:_load", "model loading"),
    ("service/engines/argos", "MT"),
    ("service/engines/model_cache.py", "MT"),
    ("service/engines/native_memory.py", "MT"),
    ("service/engines/memory", "translation memory"),
    ("service/store/", "translation memory"),
    ("service/pipeline/read", "read"),
    ("service/pipeline/detect", "detect"),
    ("service/pipeline/segment", "segment (and spaCy tokenizers)"),
    ("service/pipeline/extract", "extract"),
    ("service/pipeline/translate/protect", "masking"),
    ("service/pipeline/translate/terms", "glossary terms"),
    ("service/glossary/", "glossary terms"),
    ("service/pipeline/translate", "translate (drafts)"),
    ("service/pipeline/postedit", "post-edit"),
    ("service/pipeline/fit", "fit"),
    ("service/pipeline/qa", "checks"),
    ("service/checks/", "checks"),
    ("service/pipeline/finish", "finish (other)"),
]
ORDER = [  # the order the data flows
    "read",
    "detect",
    "segment (and spaCy tokenizers)",
    "extract",
    "translation memory",
    "masking",
    "MT",
    "model loading",
    "glossary terms",
    "translate (drafts)",
    "post-edit",
    "fit",
    "checks",
    "finish (other)",
]
NOT_PIPELINE = "start-up and glue (imports, settings, CLI, workflow)"
MT_STAGES = ("MT", "model loading")


class StageSampler:
    """Samples the thread that creates it, from a thread of its own, until stopped."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._target = threading.get_ident()
        self._stop = threading.Event()
        self._stages: dict[object, str | None] = {}  # by code object: the lookups are cached
        self._thread = threading.Thread(target=self._sample, name="stage-sampler", daemon=True)

    def __enter__(self) -> "StageSampler":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def result(self) -> dict[str, float]:
        """Seconds per stage in :data:`ORDER`, then the rest under :data:`NOT_PIPELINE`."""
        return {stage: self.seconds.get(stage, 0.0) for stage in [*ORDER, NOT_PIPELINE]}

    def _sample(self) -> None:
        last = time.perf_counter()
        while not self._stop.wait(INTERVAL_SECONDS):
            frame = sys._current_frames().get(self._target)
            now = time.perf_counter()
            self.seconds[self._stage_on(frame)] += now - last
            last = now

    def _stage_on(self, frame: FrameType | None) -> str:
        while frame is not None:
            code = frame.f_code
            if code not in self._stages:
                self._stages[code] = stage_of(code.co_filename, code.co_name)
            stage = self._stages[code]
            if stage is not None:
                return stage
            frame = frame.f_back
        return NOT_PIPELINE


def stage_of(filename: str, function: str) -> str | None:
    """The stage a function belongs to; None for libraries and module-level code."""
    if function == "<module>":
        return None
    try:
        path = Path(filename).resolve().relative_to(REPOSITORY).as_posix()
    except ValueError:
        return None  # a library, the standard library or a built-in
    for prefix, stage in STAGES:
        module, _, wanted = prefix.partition(":")
        if path.startswith(module) and (not wanted or function == wanted):
            return stage
    return None
