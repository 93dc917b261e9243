"""Nationality adjectives and demonyms in English, French and Arabic, in one place.

'Malian', 'Russes', 'الماليين' are capitalised or frequent in the sources, but they name nobody an
editor would make an entity of: ``coverage`` does not propose them. Each language's list gives
one form a word, and the forms that language derives from it are made here (French feminine
and plural, Arabic feminine, plural and article); irregular forms are listed as they are.
"""

from __future__ import annotations

from functools import lru_cache

from .typography import name_key

_ENGLISH = """
    Malian Russian French Frenchman Frenchmen Algerian Nigerien Nigerian Burkinabe Burkinabè Mauritanian
    Libyan Chadian Moroccan Tunisian Egyptian Sudanese Senegalese Ivorian Guinean Beninese Togolese Ghanaian
    Cameroonian Gambian Liberian Sierra-Leonean Central-African American British Briton Turkish Turk Chinese
    Ukrainian Emirati Qatari Saudi Iranian Israeli Palestinian Syrian Iraqi German Italian Spanish Belgian
    Canadian European African Arab Sahelian Western Westerner
""".split()
"""English demonyms; the plural (-s) is added to those that take one."""

_FRENCH = """
    malien russe français algérien nigérien nigérian burkinabè burkinabé mauritanien libyen tchadien marocain
    tunisien égyptien soudanais sénégalais ivoirien guinéen béninois togolais ghanéen camerounais gambien
    libérien centrafricain américain britannique turc chinois ukrainien émirati qatari saoudien iranien
    israélien palestinien syrien irakien allemand italien espagnol belge canadien européen africain arabe
    sahélien occidental
""".split()
"""French masculine singulars; feminines and plurals are made by ``_french_forms``."""

_FRENCH_IRREGULAR = "turque turques occidentaux".split()

_ARABIC = """
    مالي روسي فرنسي جزائري نيجري نيجيري بوركيني موريتاني ليبي تشادي مغربي تونسي مصري سوداني سنغالي إيفواري
    غيني بنيني توغولي غاني كاميروني أمريكي أميركي بريطاني تركي صيني أوكراني إماراتي قطري سعودي إيراني
    إسرائيلي فلسطيني سوري عراقي ألماني إيطالي إسباني بلجيكي كندي أوروبي أفريقي إفريقي عربي غربي
""".split()
"""Arabic nisba adjectives (masculine singular, ending in ي); the other forms are made by ``_arabic_forms``."""

_ARABIC_IRREGULAR = "روس الروس أتراك الأتراك عرب العرب أفارقة الأفارقة".split()
"""Broken plurals: Russians, Turks, Arabs, Africans."""


def _english_forms(word: str) -> list[str]:
    if word.endswith(("ese", "ish", "ch", "men")) or word in ("Burkinabe", "Burkinabè"):
        return [word]
    return [word, word + "s"]


def _french_forms(word: str) -> list[str]:
    if word.endswith(("ien", "éen")):
        feminine = word + "ne"
    elif word.endswith("e") or word.endswith(("è", "é")) and word.startswith("burkinab"):
        feminine = word
    else:
        feminine = word + "e"
    plural = word if word.endswith(("s", "x")) else word + "s"
    return [word, feminine, plural, feminine + "s"]


def _arabic_forms(word: str) -> list[str]:
    forms = [word, word + "ة", word + "ون", word + "ين", word + "ات"]
    return forms + ["ال" + form for form in forms]


DEMONYMS: frozenset[str] = frozenset(
    name_key(form)
    for form in (
        *(form for word in _ENGLISH for form in _english_forms(word)),
        *(form for word in _FRENCH for form in _french_forms(word)),
        *_FRENCH_IRREGULAR,
        *(form for word in _ARABIC for form in _arabic_forms(word)),
        *_ARABIC_IRREGULAR,
    )
)
"""Every form, as names fold it (``typography.name_key``: any case, any accents)."""


@lru_cache(maxsize=1 << 16)  # coverage asks about every capitalised word of the corpus
def is_demonym(name: str) -> bool:
    """Whether a name is a nationality adjective or demonym, or a run of them ('Malian', 'Russes', 'Malian Russian')."""
    return all(name_key(word) in DEMONYMS for word in name.split())
