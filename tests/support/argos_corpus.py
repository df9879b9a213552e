"""Training text for the SentencePiece models of the test Argos packages.

The sentences are templates in the six UN languages (subject, verb, object), so that the
vocabulary holds real words of every script; a character line puts each script's letters,
digits and punctuation into the vocabulary; seeded pseudo-words let the vocabulary grow to
the size of a real Argos model. Anything else still round-trips: the models are trained
with byte fallback.
"""

import random

# (subjects, verbs, objects) per language; any combination is a plausible sentence.
TEMPLATES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "en": (
        [
            "The World Health Organization",
            "Health workers",
            "Every country",
            "The vaccine",
            "Our partners",
            "The Director-General",
            "Young people",
            "Local communities",
            "The new report",
            "Clean water",
        ],
        [
            "protects",
            "supports",
            "reaches",
            "calls for",
            "welcomes",
            "improves",
            "saves",
            "needs",
            "strengthens",
            "measures",
        ],
        [
            "millions of children",
            "primary health care",
            "safe vaccines",
            "mental health",
            "the most vulnerable",
            "universal health coverage",
            "every family",
            "clean air",
            "early warning systems",
            "maternal health",
        ],
    ),
    "fr": (
        [
            "L'Organisation mondiale de la Santé",
            "Les agents de santé",
            "Chaque pays",
            "Le vaccin",
            "Nos partenaires",
            "Le Directeur général",
            "Les jeunes",
            "Les communautés locales",
            "Le nouveau rapport",
            "L'eau potable",
        ],
        [
            "protège",
            "soutient",
            "atteint",
            "demande",
            "salue",
            "améliore",
            "sauve",
            "a besoin de",
            "renforce",
            "mesure",
        ],
        [
            "des millions d'enfants",
            "les soins de santé primaires",
            "des vaccins sûrs",
            "la santé mentale",
            "les plus vulnérables",
            "la couverture sanitaire universelle",
            "chaque famille",
            "un air pur",
            "les systèmes d'alerte précoce",
            "la santé maternelle",
        ],
    ),
    "es": (
        [
            "La Organización Mundial de la Salud",
            "El personal sanitario",
            "Cada país",
            "La vacuna",
            "Nuestros asociados",
            "El Director General",
            "Los jóvenes",
            "Las comunidades locales",
            "El nuevo informe",
            "El agua potable",
        ],
        [
            "protege",
            "apoya",
            "llega a",
            "pide",
            "acoge con beneplácito",
            "mejora",
            "salva",
            "necesita",
            "fortalece",
            "mide",
        ],
        [
            "a millones de niños",
            "la atención primaria de salud",
            "vacunas seguras",
            "la salud mental",
            "a los más vulnerables",
            "la cobertura sanitaria universal",
            "a cada familia",
            "el aire limpio",
            "los sistemas de alerta temprana",
            "la salud materna",
        ],
    ),
    "ru": (
        [
            "Всемирная организация здравоохранения",
            "Медицинские работники",
            "Каждая страна",
            "Вакцина",
            "Наши партнёры",
            "Генеральный директор",
            "Молодые люди",
            "Местные общины",
            "Новый доклад",
            "Чистая вода",
        ],
        [
            "защищает",
            "поддерживает",
            "охватывает",
            "призывает к",
            "приветствует",
            "улучшает",
            "спасает",
            "требует",
            "укрепляет",
            "измеряет",
        ],
        [
            "миллионы детей",
            "первичную медико-санитарную помощь",
            "безопасные вакцины",
            "психическое здоровье",
            "самых уязвимых",
            "всеобщий охват услугами здравоохранения",
            "каждую семью",
            "чистый воздух",
            "системы раннего оповещения",
            "материнское здоровье",
        ],
    ),
    "zh": (
        [
            "世界卫生组织",
            "卫生工作者",
            "每个国家",
            "疫苗",
            "我们的合作伙伴",
            "总干事",
            "年轻人",
            "地方社区",
            "新报告",
            "清洁的水",
        ],
        ["保护", "支持", "惠及", "呼吁", "欢迎", "改善", "拯救", "需要", "加强", "衡量"],
        [
            "数百万儿童",
            "初级卫生保健",
            "安全的疫苗",
            "精神卫生",
            "最脆弱的人群",
            "全民健康覆盖",
            "每个家庭",
            "清洁的空气",
            "早期预警系统",
            "孕产妇健康",
        ],
    ),
    "ar": (
        [
            "منظمة الصحة العالمية",
            "العاملون الصحيون",
            "كل بلد",
            "اللقاح",
            "شركاؤنا",
            "المدير العام",
            "الشباب",
            "المجتمعات المحلية",
            "التقرير الجديد",
            "المياه النظيفة",
        ],
        [
            "تحمي",
            "تدعم",
            "تصل إلى",
            "تدعو إلى",
            "ترحب بـ",
            "تحسن",
            "تنقذ",
            "تحتاج إلى",
            "تعزز",
            "تقيس",
        ],
        [
            "ملايين الأطفال",
            "الرعاية الصحية الأولية",
            "اللقاحات المأمونة",
            "الصحة النفسية",
            "الفئات الأكثر ضعفاً",
            "التغطية الصحية الشاملة",
            "كل أسرة",
            "الهواء النقي",
            "نظم الإنذار المبكر",
            "صحة الأمهات",
        ],
    ),
}

# Letters, digits and punctuation of the six languages, and the brackets that masking uses.
CHARACTERS = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "
    "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŸŒÆ áíóúñÁÍÓÚÑ¿¡ «»‹›“”‘’„—–…·•€£¥°‰±×÷ "
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя "
    "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي ًٌٍَُِّْ ـ ،؛؟٪٫٬ ٠١٢٣٤٥٦٧٨٩ "
    "。，、；：？！「」『』（）《》【】…— ⟦⟧"
)

_SYLLABLES = [consonant + vowel for consonant in "bdfgklmnprstvz" for vowel in "aeiou"]


def training_lines(filler_lines: int, seed: int = 0) -> list[str]:
    """Template sentences in all six languages, the character line, then filler lines."""
    rng = random.Random(seed)
    lines = [CHARACTERS]
    for _ in range(60):
        choice = [rng.randrange(10) for _ in range(3)]
        for subjects, verbs, objects in TEMPLATES.values():
            sentence = f"{subjects[choice[0]]} {verbs[choice[1]]} {objects[choice[2]]}"
            lines.append(sentence + ("。" if subjects is TEMPLATES["zh"][0] else "."))
    for _ in range(filler_lines):
        words = (
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(12)
        )
        lines.append(" ".join(words) + ".")
    return lines
