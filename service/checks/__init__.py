"""Quality checks of a translated post, one small class each, in one explicit registry.

:data:`CHECKS` maps each stable ``check_id`` to its check, in the order findings are
reported. Add a check by writing its class and listing it here; nothing registers itself.
Run them with :func:`service.pipeline.qa.run_checks`.
"""

from service.checks.base import Check, CheckContext
from service.checks.entities import EntitiesPreservedCheck
from service.checks.invisible import InvisibleCharactersCheck
from service.checks.length import LengthLimitCheck
from service.checks.numbers import NumbersMatchCheck
from service.checks.script import WrongLanguageCheck, WrongScriptCheck
from service.checks.typography import TypographyCheck
from service.checks.untranslated import UntranslatedCheck
from service.checks.whitespace import DoubleSpaceCheck, LeadingTrailingSpaceCheck

CHECKS: dict[str, Check] = {
    "length_limit": LengthLimitCheck(),
    "entities_preserved": EntitiesPreservedCheck(),
    "numbers_match": NumbersMatchCheck(),
    "untranslated": UntranslatedCheck(),
    "wrong_script": WrongScriptCheck(),
    "wrong_language": WrongLanguageCheck(),
    "invisible_characters": InvisibleCharactersCheck(),
    "double_space": DoubleSpaceCheck(),
    "leading_trailing_space": LeadingTrailingSpaceCheck(),
    "typography": TypographyCheck(),
}

__all__ = ["CHECKS", "Check", "CheckContext"]
