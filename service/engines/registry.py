"""The machine-translation backends adapt can use, by name; built at the edge from settings.

An explicit dict, not import-by-string or decorator registration: adding a backend is one
line here and one module beside it.
"""

from collections.abc import Callable

from service.engines.argos import ArgosEngine
from service.engines.base import TranslationEngine
from service.settings import Settings

EngineFactory = Callable[[Settings], TranslationEngine]

ENGINES: dict[str, EngineFactory] = {
    "argos": ArgosEngine.from_settings,
}
