"""Arabic script in Latin letters, for readable ids: 'قوات فاغنر' → 'qwat faghnr'.

Arabic writes its long vowels (ا و ي) and leaves the short ones out, so no table can give
'quwwat'; but a table that keeps the long vowels gives ids a reader can say, where the
transliteration python-slugify uses (text-unidecode) drops alef altogether ('qwt fGnr'), and
anyascii too ('qwt fghnr'). Vowel marks, where a text has them, are written as the vowels they are.
Every other script is left as it is, for slugify.
"""

from __future__ import annotations

import re

from .typography import composed

_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a",
    # Persian and Urdu letters that Sahel sources rarely need, but names from further east do.
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k",
    # Vowel marks: fatha, damma, kasra; the rest (tanwin, shadda, sukun) are left out.
    "\u064e": "a", "\u064f": "u", "\u0650": "i",
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # their Persian forms
}  # fmt: skip
_LONG_VOWELS = "اىةأآ"
_LONG_FORM = {"\u064e": "ا", "\u064f": "و", "\u0650": "ي"}
"""Fatha, damma and kasra, and the letter that lengthens each."""
_WAW_YEH = {"و": ("w", "u"), "ي": ("y", "i"), "ی": ("y", "i")}
"""Waw and yeh are consonants (w, y) at the start of a word, next to alef and before another
vowel letter; vowels (u, i) between consonants: 'روسيا' is 'rusya', 'في' is 'fi'."""
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
_ARTICLE = re.compile("^([وفبك]?)ال(?=..)")
"""The article ال, after the conjunction or preposition written on it (والمسلمين, بالجيش)."""
_ATTACHED = {"": "", "و": "w", "ف": "f", "ب": "b", "ك": "k"}


def romanise(text: str) -> str:
    """``text`` with each Arabic word in Latin letters; the article ال written 'al-'. Hamza and ain,
    which Latin letters do not show, are left out."""
    return _ARABIC_WORD.sub(_romanised_word, composed(text))


def _romanised_word(match: re.Match[str]) -> str:
    word = match.group().replace("\u0640", "")  # tatweel only stretches a word
    article = ""
    if found := _ARTICLE.match(word):
        article, word = _ATTACHED[found.group(1)] + "al-", word[found.end() :]
    if word.startswith("ع"):  # an opening ain sounds as a vowel: عمر is 'amr', عبد 'abd'
        word = "ا" + word[1:]
    letters = []
    for index, letter in enumerate(word):
        if _LONG_FORM.get(letter) == word[index + 1 : index + 2]:
            continue  # a short vowel mark before its long vowel: قَالَ is 'qala', not 'qaala'
        if letter in _WAW_YEH:
            before, after = word[index - 1 : index], word[index + 1 : index + 2]
            consonant = index == 0 or before in _LONG_VOWELS or (after and after in _LONG_VOWELS + "وي")
            letters.append(_WAW_YEH[letter][0 if consonant else 1])
        else:
            letters.append(_LETTERS.get(letter, ""))
    return article + "".join(letters)
