"""A huge alternation of regular expressions that compiles only the branches a text may take.

spaCy's French tokenizer decides whether to keep a word such as "porte-parole" or
"entr'abat" whole with one ``token_match`` expression: 266 anchored branches joined by
``|``, 1.45 million characters long because every branch spells out spaCy's Unicode letter
classes. Python takes about two seconds to compile it, which was a third of an ``adapt
run``. :class:`LazyAlternation` gives the same answers with a fraction of the work:

* each branch gets a *skeleton*: the branch with every long character class replaced by
  ``[\\s\\S]`` (any character). A skeleton matches whatever its branch matches, and more;
  all skeletons together compile in milliseconds;
* a text that no skeleton matches cannot match the expression (most texts: no hyphen or
  apostrophe in the right place). For the others, the branches whose skeleton matched are
  compiled (a few milliseconds each, once) and tried.

``pattern.match(text)`` is truthy exactly when one branch matches at the start of
``text``, so the answers are those of ``re.compile(pattern).match`` in truth value (the
match object may differ; spaCy only asks whether there is one). Patterns where that
reasoning does not hold (a backreference, a named or conditional group, a negative
lookaround, a single branch) are compiled as they are.
"""

import re
import threading
from collections.abc import Callable

LARGE_PATTERN_CHARS = 100_000
"""Below this, a pattern compiles fast enough as it is."""
_LONG_CLASS_CHARS = 64
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_UNSAFE = ("(?P", "(?(", "(?!", "(?<!")
_BACKREFERENCE = re.compile(r"\\[1-9]")
_PIECES = re.compile(
    r"\\.|\[\^?\]?(?:[^\]\\]++|\\.)*+\]|[()|]|[^\\\[()|]+", re.DOTALL
)  # an escape, a character class (a leading ] is a literal), a parenthesis or bar, other text
# (a class's characters are taken in possessive runs, not one by one: the same pieces, and
# the 1.45-million-character French pattern splits in half the time)

Matcher = Callable[[str], object]


def compile_match(pattern: str) -> Matcher:
    """``re.compile(pattern).match``, or an equivalent lazy one for a large alternation."""
    if len(pattern) >= LARGE_PATTERN_CHARS:
        lazy = LazyAlternation.of(pattern)
        if lazy is not None:
            return lazy.match
    return re.compile(pattern).match


class LazyAlternation:
    """``FLAGS(?:A)|(?:B)|...`` matched branch by branch, each compiled on first need.

    ``pattern`` is the whole expression, as spaCy serializes a tokenizer's ``token_match``
    (``token_match.__self__.pattern``). Thread-safe.
    """

    def __init__(self, pattern: str, flags: str, branches: list[str], skeletons: list[str]):
        self.pattern = pattern
        self._flags = flags
        self._branches = branches
        named = (f"(?P<b{index}>{skeleton})" for index, skeleton in enumerate(skeletons))
        self._skeleton = re.compile(flags + "|".join(named))
        self._skeletons = skeletons
        self._compiled: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, pattern: str) -> "LazyAlternation | None":
        """The lazy form of ``pattern``, or None where it would not be equivalent."""
        if any(marker in pattern for marker in _UNSAFE) or _BACKREFERENCE.search(pattern):
            return None
        flags_match = _GLOBAL_FLAGS.match(pattern)
        flags = flags_match.group(0) if flags_match else ""
        split = split_branches(pattern[len(flags) :])
        if split is None or len(split[0]) < 2:
            return None
        return cls(pattern, flags, *split)

    def match(self, text: str) -> re.Match[str] | None:
        """A match of the first branch that matches at the start of ``text``, or None."""
        found = self._skeleton.match(text)
        if found is None:
            return None
        first = int((found.lastgroup or "b0")[1:])
        for index in range(first, len(self._branches)):
            skeleton, branch = self._branch(index)
            if skeleton.match(text):
                exact = branch.match(text)
                if exact is not None:
                    return exact
        return None

    def _branch(self, index: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
        with self._lock:
            compiled = self._compiled.get(index)
            if compiled is None:
                compiled = (
                    re.compile(self._flags + self._skeletons[index]),
                    re.compile(self._flags + self._branches[index]),
                )
                self._compiled[index] = compiled
            return compiled


def split_branches(body: str) -> tuple[list[str], list[str]] | None:
    """The top-level branches of ``body`` and their skeletons; None if it does not parse.

    >>> split_branches(r"^a[xyz]+$|^(?:b|c)\\|d")
    (['^a[xyz]+$', '^(?:b|c)\\\\|d'], ['^a[xyz]+$', '^(?:b|c)\\\\|d'])
    >>> split_branches("^a[" + "x" * 70 + "]$|b")[1]
    ['^a[\\\\s\\\\S]$', 'b']
    """
    branches: list[str] = []
    skeletons: list[str] = []
    skeleton: list[str] = []
    depth = start = position = 0
    for piece in _PIECES.finditer(body):
        if piece.start() != position:
            return None  # an unterminated character class or a lone backslash
        position = piece.end()
        text = piece.group(0)
        if text == "|" and depth == 0:
            branches.append(body[start : piece.start()])
            skeletons.append("".join(skeleton))
            skeleton, start = [], piece.end()
            continue
        depth += {"(": 1, ")": -1}.get(text, 0)
        is_long_class = text.startswith("[") and len(text) > _LONG_CLASS_CHARS
        skeleton.append(r"[\s\S]" if is_long_class else text)
    if position != len(body) or depth != 0:
        return None
    branches.append(body[start:])
    skeletons.append("".join(skeleton))
    return branches, skeletons
