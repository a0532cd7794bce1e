"""Provides the name half of the detector: listed names, judged by case and context.

A name that is not an ordinary word is found in any case and in the genitive (Annas, Björns,
Anna's); written without its diacritics (Bjorn, Asa) it is still found. A name that is also a
word (Rose, Hope, Bo, Hans) is a name only where it is capitalised mid-sentence, follows a title
or relation word, or opens a sentence before a verb of saying, a relation word, an age or
another person. An unlisted capitalised word after a title or relation word, before a verb of
saying mid-sentence, or next to a listed name, is taken as a name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from facilitator.identifiers.kinds import Kind
from facilitator.identifiers.normalise import key, plain


def _words(text: str) -> frozenset[str]:
    """The space-separated words of `text`."""
    return frozenset(text.split())


NAME_FILES = ("sv_first.txt", "sv_surnames.txt", "en_first.txt", "en_surnames.txt")
# "Esther" is the ESTHER network's symbolic person, named in every session; never a real one.
SYMBOLIC = frozenset({"esther", "ester"})
SAYING = _words(
    "sa sade säger tycker tyckte menar menade berättade berättar frågade frågar ville vill "
    "kom ringde skrev svarade upplevde upplever kände känner said says told asked asks thinks "
    "thought felt feels wants wanted wrote came replied rang agreed explained "
)
RELATIONS = _words(
    "mamma pappa mor far mormor morfar farmor farfar dotter son dottern sonen bror syster "
    "brodern systern make maka maken makan fru sambo sambon granne grannen barnbarn kusin "
    "moster faster morbror farbror svärmor svärfar pojkvän flickvän vän kollega kollegan "
    "chefen patienten brukaren brukare kontaktperson kontaktpersonen handläggaren läkaren "
    "sjuksköterska sjuksköterskan undersköterska undersköterskan kuratorn kurator överläkaren "
    "sköterskan assistenten personlig mother father mum mom dad daughter son brother sister "
    "husband wife partner neighbour neighbor friend grandson granddaughter grandmother "
    "grandfather grandma grandpa nan aunt uncle cousin nephew niece colleague boss patient "
    "resident client carer nurse doctor heter hette kallas kallad named called dr doktor mr "
    "mrs ms miss mx sir professor prof herr fröken tant "
)
TITLES = _words("dr doktor mr mrs ms miss mx prof professor herr fru fröken ")
PEOPLE = _words("hans hennes deras sin sitt his her their ")
AND = frozenset({"och", "and", "&"})
# Words that open many sentences and happen to be listed names: never a name at a start.
FUNCTION_WORDS = _words("han man alla eller dina sina le ")
# Capitalised words that are never a person here: months, weekdays, countries, cities, streets.
NOT_NAMES = _words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday england london paris washington "
    "israel spain france holland madrid kenya dallas houston cleveland lincoln richmond "
    "geneva orlando chelsea street road lane avenue drive close way crescent court place "
    "terrace gardens grove square hill row walk mews park green "
)
_STREETS = _words("street st road rd lane avenue ave drive close way crescent terrace ")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")
_SPACED = re.compile(r"(?<![^\W\d_])[^\W\d_](?: [^\W\d_]){2,}(?![^\W\d_])")
_AGE_AFTER = re.compile(r",\s*\d{1,3}\b")
_STARTERS = frozenset('.!?:;\n"“”»«(-–•*[')


@cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(names that are not ordinary words, names that are), as keys, with and without accents."""
    package = resources.files("facilitator.identifiers.name_lists")

    def words(file: str) -> set[str]:
        text = package.joinpath(file).read_text(encoding="utf-8")
        lines = (line for line in text.splitlines() if not line.startswith("#"))
        return {form for line in lines for w in line.split() for form in (key(w), plain(w))}

    names: set[str] = set()
    for file in NAME_FILES:
        names |= words(file)
    ambiguous = words("ambiguous.txt")
    return frozenset(names - ambiguous - SYMBOLIC), frozenset(ambiguous - SYMBOLIC)


def _bases(word: str) -> tuple[str, ...]:
    """Lookup keys of the word and, for a possible genitive, of the name before the s.

    A word with diacritics is looked up as written; a word without any also as the plain
    form of a listed name, so "Bjorn" finds "Björn" but "länge" never finds "Lange".
    """
    lowered = key(word)
    if lowered.endswith("'s"):
        return lowered, lowered[:-2]
    if lowered.endswith("s") and len(lowered) > 3:
        return lowered, lowered[:-1]
    return (lowered,)


def _at_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or text[index] in _STARTERS


def _bracketed(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] == "[" and text[end : end + 1] == "]"


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


@lru_cache(maxsize=1 << 16)
def _classify(word: str) -> tuple[bool, bool, bool]:
    """(listed and not a word, listed and a word, the word itself rather than a genitive).

    Remembered per word: notes repeat their words.
    """
    strong_names, ambiguous_names = lexicon()
    parts = word.split("-")
    if len(parts) > 1:
        results = [_classify(part) for part in parts]
        strong = any(r[0] for r in results) and all(_capitalised(p) for p in parts)
        return strong, False, True
    bases = _bases(word)
    strong = any(b in strong_names for b in bases)
    ambiguous = any(b in ambiguous_names for b in bases)
    return strong, ambiguous and not strong, bases[0] in ambiguous_names


def forget_words() -> None:
    """Drop the remembered judgements of words."""
    _classify.cache_clear()


def spans(text: str) -> Iterator[tuple[Kind, int, int]]:
    """Every name in the folded `text`."""
    strong_names = lexicon()[0]
    words = [(m.group(), *m.span()) for m in _WORD.finditer(text)]
    folded = [w.casefold() for w, _s, _e in words]
    for match in _SPACED.finditer(text):
        strong, ambiguous, _whole = _classify(match.group().replace(" ", ""))
        if strong or ambiguous:
            yield Kind.NAME, match.start(), match.end()
    found = [False] * len(words)
    for index, (word, start, end) in enumerate(words):
        lowered = folded[index]
        if lowered in SYMBOLIC or lowered in NOT_NAMES:
            continue
        strong, ambiguous, whole = _classify(word)
        if strong:
            found[index] = True
            continue
        previous = folded[index - 1].rstrip(".") if index else ""
        if not _capitalised(word):
            if previous in TITLES and not _bracketed(text, start, end):  # "[name]": a placeholder
                found[index] = not words[index - 1][0].isupper() and len(word) > 2
            continue
        following = folded[index + 1] if index + 1 < len(words) else ""
        starts = _at_start(text, start)
        after_title = bool(previous) and previous in RELATIONS and not starts
        if following in _STREETS:
            continue
        if ambiguous:
            if not starts or after_title:
                found[index] = lowered not in FUNCTION_WORDS
            elif lowered not in FUNCTION_WORDS:
                next_next = folded[index + 2] if index + 2 < len(words) else ""
                found[index] = (
                    following in SAYING
                    or (not whole and following in RELATIONS)
                    or following in strong_names
                    or (following in AND and next_next in PEOPLE)
                    or bool(_AGE_AFTER.match(text, end))
                )
        elif len(word) > 1 and (after_title or (not starts and following in SAYING)):
            found[index] = True
    if not any(found):
        return
    # A capitalised unlisted word right next to a listed name is part of the name.
    for index, (word, start, _end) in enumerate(words):
        if found[index] or not _capitalised(word) or len(word) < 2:
            continue
        if folded[index] in NOT_NAMES:
            continue
        before = index > 0 and found[index - 1] and text[words[index - 1][2] : start] == " "
        after = (
            index + 1 < len(words)
            and found[index + 1]
            and text[words[index][2] : words[index + 1][1]] == " "
            and not _at_start(text, start)
        )
        if before or after:
            found[index] = True
    for index, (_word, start, end) in enumerate(words):
        if found[index]:
            yield Kind.NAME, start, end
