"""The hedge and attribution words of each language the sources are written in, in one place.

A word here in the sentence around a cited quote means the source does not assert the thing in
its own voice: it passes on what someone says ("according to", "selon", "بحسب"), or it hedges
("appears", "aurait", "يبدو"). ``hedges`` warns when a statement citing such a sentence says
neither how sure the source is nor whom it follows.

To add a language, add its list under its BCP 47 primary tag ('ru', 'bm'), lower case, typed as
sources print them (straight apostrophes will do: typography is folded before matching).
"""

from __future__ import annotations

HEDGE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "reportedly", "reported", "reports", "according to", "appears", "appeared", "apparently", "seems",
        "seemed", "seemingly", "allegedly", "alleged", "alleges", "claimed", "claims", "claim", "said", "says",
        "say", "told", "sources", "source", "might", "could", "suggests", "suggested", "suggest", "likely",
        "unlikely", "possibly", "probably", "perhaps", "believed", "purportedly", "unconfirmed", "unverified",
        "not verified", "not be verified", "not independently verified",
    ),
    "fr": (
        # who says so
        "selon", "d'après", "affirme", "affirment", "affirmé", "affirmée", "affirmant", "assure", "assurent",
        "déclare", "déclarent", "déclaré", "indique", "indiquent", "indiqué", "rapporte", "rapportent", "rapporté",
        "explique", "expliquent", "expliqué", "dit", "disent", "estime", "estiment", "témoin", "témoins", "source",
        "sources", "revendique", "revendiqué", "revendiquée", "accuse", "accusent", "accusé", "accusés",
        # how sure: the conditional of reported speech, and the words that doubt
        "aurait", "auraient", "serait", "seraient", "pourrait", "pourraient", "présumé", "présumée", "présumés",
        "présumées", "présumément", "supposé", "supposée", "supposés", "supposées", "prétendu", "prétendue",
        "prétendus", "prétendues", "prétendument", "allégué", "alléguée", "allégués", "alléguées", "apparemment",
        "semble", "semblent", "semblait", "semblerait", "sembleraient", "probablement", "vraisemblablement",
        "possiblement", "peut-être", "il est possible", "non confirmé", "non confirmée", "non confirmés",
        "non confirmées", "pas pu être vérifié", "pas pu être vérifiée", "pas pu être vérifiés",
        "pas pu être vérifiées", "de manière indépendante",
    ),
    "ar": (
        # who says so (each also found behind و or ف, and حسب behind ب: وبحسب)
        "حسب", "وفق", "وفقا", "طبقا", "نقلا عن", "قال", "قالت", "قالوا", "يقول", "تقول", "أفاد", "أفادت",
        "أفادوا", "يفيد", "ذكر", "ذكرت", "أكد", "أكدت", "شدد", "شددت", "أضاف", "أضافت", "صرح", "صرحت", "أعلن",
        "أعلنت", "زعم", "زعمت", "يزعم", "تزعم", "ادعى", "ادعت", "مصدر", "مصادر", "شهود", "شاهد", "روايات",
        "رواية",
        # how sure
        "يعتقد", "يبدو", "بدا", "ربما", "مزعوم", "مزعومة", "محتمل", "محتملة", "يرجح", "يحتمل", "يشتبه",
        "مشتبه", "لم يتسن التحقق", "لم يتسن التأكد", "لم يتم التحقق",
    ),
}  # fmt: skip
"""Language → its hedge and attribution words. They are found as names are (``typography.fold_name``):
whatever the case, accents and Arabic vowel marks (يُعتقد is يعتقد); Arabic words also behind the
prefixes Arabic attaches (``typography.ARABIC_PREFIXES``: وقال, وبحسب, المصادر)."""

CASE_SENSITIVE_HEDGES: dict[str, tuple[str, ...]] = {"en": ("may",)}
"""Words that hedge only in lower case: 'may' does, the month 'May' does not."""

DEFAULT_LANGUAGE = "en"
"""The language of a source that does not say its own."""

ATTRIBUTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("according to", "said", "says", "told", "stated"),
    "fr": ("selon", "d'après", "a indiqué", "ont indiqué", "a déclaré", "ont déclaré", "affirme", "affirment", "a affirmé", "a dit"),
    "ar": ("حسب", "وفقا", "نقلا عن", "قال", "قالت", "قالوا", "أفاد", "أفادت", "ذكر", "ذكرت", "صرح", "صرحت"),
}  # fmt: skip
"""Language → the words by which a sentence says whose words it passes on ("…, the Malian army
said"; "selon"; "بحسب"), a subset of ``HEDGE_WORDS``: a statement citing such a sentence names them
in ``according_to``, even when it says how sure the source is (``certainty: stated`` aside)."""

CLAUSE_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("and", "or", "but", "by", "which", "while", "whereas", "who", "whom", "whose", "where", "that", "as", "nor"),
    "fr": ("et", "ou", "mais", "par", "qui", "que", "dont", "où", "tandis"),
    "ar": ("و", "أو", "ثم", "التي", "الذي", "الذين"),
}  # fmt: skip
"""Language → words that open a clause inside a sentence: a quote starting on one leaves out the
clause's subject."""

AFTER_A_COMMA: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        ("when", "if", "although", "though", "because", "since", "even", "unless", "given", "with", "without",
         "has", "have", "had", "is", "are", "was", "were", "will", "would", "said", "says", "told"),
        ("ed", "ing"),
    ),
    "fr": (("quand", "lorsque", "si", "bien", "parce", "puisque", "avec", "sans", "a", "ont", "est", "sont", "était", "sera"), ("ant",)),
}  # fmt: skip
"""Language → (words, word endings) that, lower case after a comma, open a clause whose subject
went before the comma: a subordinate clause, a participle ('declaring', 'turned'), a verb
('has announced', 'said')."""

DANGLING_ENDS: dict[str, tuple[str, ...]] = {
    "en": (
        "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "of", "to", "for",
        "with", "and", "or", "by", "in", "on", "at", "from", "as", "than",
    ),
    "fr": ("le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "et", "ou", "par", "pour", "avec", "sa", "son", "ses", "leur", "leurs"),
    "ar": ("و", "أو", "في", "من", "على", "إلى", "عن"),
}  # fmt: skip
"""Language → words a complete phrase does not end on (determiners, prepositions, conjunctions)."""

CONTINUATIONS: dict[str, tuple[str, ...]] = {"en": ("to", "of", "than"), "fr": ("de", "à", "que")}
"""Language → words that, right after a quote, carry on the phrase it ends on ("hence the desire" | "to …")."""
