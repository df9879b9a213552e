"""The batch of ``bench/batch.py``: 210 different statements, 70 each in en, fr and es.

Each is two sentences: "<agency> <calls on> <to do something>." and "Millions of
families are waiting for action in <region>.", in the language's own words; the first
sentences are all different (subject x call x object), so no line is translated twice.
One JSON Lines file per language (declared), and two halves (every other statement).
"""

import itertools
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from mt_packages import CACHE
from workers import cpu_seconds

FOLDER = CACHE / "batch"
CORPUS, HALVES, WORK = (
    FOLDER / "corpus",
    [FOLDER / "half-0", FOLDER / "half-1"],
    FOLDER / "work.json",
)
PER_LANGUAGE = 70
PHRASES = {
    "en": (
        [
            "The World Health Organization",
            "UNICEF",
            "The United Nations",
            "UNDP",
            "The World Food Programme",
            "UNHCR",
            "UN Women",
        ],
        [
            "calls on every country to",
            "urges all governments to",
            "asks its partners to",
            "appeals to donors to",
            "encourages young people to",
        ],
        [
            "protect every child from measles",
            "invest in clean water for schools",
            "train more health workers in rural areas",
            "end hunger in the Sahel",
            "welcome refugees with dignity",
            "fund the education of girls",
            "stop violence against women online",
            "prepare hospitals for the next heatwave",
        ],
        "Millions of families are waiting for action in {place}.",
        ["Africa", "Asia", "Latin America", "the Pacific", "Europe", "the Arab States"],
    ),
    "fr": (
        [
            "L’Organisation mondiale de la Santé",
            "L’UNICEF",
            "L’Organisation des Nations Unies",
            "Le PNUD",
            "Le Programme alimentaire mondial",
            "Le HCR",
            "ONU Femmes",
        ],
        [
            "appelle chaque pays à",
            "exhorte tous les gouvernements à",
            "demande à ses partenaires de",
            "invite les donateurs à",
            "encourage les jeunes à",
        ],
        [
            "protéger chaque enfant contre la rougeole",
            "investir dans l’eau potable des écoles",
            "former davantage de soignants dans les zones rurales",
            "mettre fin à la faim au Sahel",
            "accueillir les réfugiés avec dignité",
            "financer l’éducation des filles",
            "faire cesser la violence contre les femmes en ligne",
            "préparer les hôpitaux à la prochaine canicule",
        ],
        "Des millions de familles attendent des mesures en {place}.",
        ["Afrique", "Asie", "Amérique latine", "Océanie", "Europe", "Méditerranée"],
    ),
    "es": (
        [
            "La Organización Mundial de la Salud",
            "UNICEF",
            "Las Naciones Unidas",
            "El PNUD",
            "El Programa Mundial de Alimentos",
            "ACNUR",
            "ONU Mujeres",
        ],
        [
            "pide a cada país",
            "insta a todos los gobiernos a",
            "pide a sus socios",
            "llama a los donantes a",
            "anima a los jóvenes a",
        ],
        [
            "proteger a cada niño contra el sarampión",
            "invertir en agua potable para las escuelas",
            "formar más trabajadores sanitarios en las zonas rurales",
            "acabar con el hambre en el Sahel",
            "acoger a los refugiados con dignidad",
            "financiar la educación de las niñas",
            "detener la violencia contra las mujeres en internet",
            "preparar los hospitales para la próxima ola de calor",
        ],
        "Millones de familias esperan medidas en {place}.",
        ["África", "Asia", "América Latina", "el Pacífico", "Europa", "los Estados Árabes"],
    ),
}


def statements(language: str) -> list[str]:
    """``PER_LANGUAGE`` different two-sentence statements in ``language``."""
    subjects, actions, objects, second, places = PHRASES[language]
    combinations = itertools.product(subjects, actions, objects)
    chosen = itertools.islice(combinations, 0, None, 4)  # spread over the subjects
    return [
        f"{subject} {action} {thing}. {second.format(place=places[number % len(places)])}"
        for number, (subject, action, thing) in enumerate(itertools.islice(chosen, PER_LANGUAGE))
    ]


def write_corpus() -> None:
    """The batch (one file per language), and its two halves for the scaling passes.

    The recorded MT work (``WORK``) stays: ``bench/batch_engine.py`` replays it after
    another bench has rewritten the corpus, which comes out the same every time.
    """
    for folder in [CORPUS, *HALVES]:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for language in PHRASES:
        texts = statements(language)
        assert len(set(texts)) == PER_LANGUAGE, "every statement is different"
        lines = [
            json.dumps({"text": text, "language": language}, ensure_ascii=False) for text in texts
        ]
        (CORPUS / f"{language}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for half, folder in enumerate(HALVES):
            (folder / f"{language}.jsonl").write_text(
                "\n".join(lines[half::2]) + "\n", encoding="utf-8"
            )


def batch_pass(
    engine: Any, corpus: Path = CORPUS, workers: int = 1, chunk_size: int | None = None
) -> tuple[Any, float, float]:
    """One ``run_batch`` of ``corpus`` as the benches run it (one line a statement), into a
    fresh SQLite database and folder: its summary, wall and CPU seconds (of this process).
    With ``workers`` above 1, as ``adapt batch --workers N``: N worker processes, started
    for the pass, each with its own engine on ``engine``'s packages. ``chunk_size``: the
    default for where the chunks run, unless given.

    Raises AssertionError if any item failed.
    """
    from service.settings import Settings
    from service.store import Store
    from service.workflow import Workspace
    from service.workflow.batch import BatchRequest, run_batch

    folder = Path(tempfile.mkdtemp(prefix="adapt-batch-bench-"))
    try:
        started, cpu = time.perf_counter(), cpu_seconds()
        settings = Settings(data_dir=folder, packages_dir=engine.packages_dir, _env_file=None)
        with (
            Store.open(f"sqlite:///{folder / 'adapt.sqlite3'}") as store,
            Workspace(settings, engine=engine, store=store) as workspace,
        ):
            request = BatchRequest(
                inputs=[corpus],
                out_dir=folder / "out",
                max_lines=1,
                chunk_size=chunk_size,
                workers=workers,
            )
            summary = run_batch(workspace, request)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert summary.failed == 0, summary.failures
    return summary, seconds, cpu
