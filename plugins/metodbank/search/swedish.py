"""Swedish text analysis shared by the Whoosh index and the browser search.

The Snowball stemmer does not always agree with itself: it removes a final -s from the
base form (`mötesplats` → `mötesplat`) but not from the inflected forms (`mötesplatserna`
→ `mötesplats`). `normalise` applies the -s rule once more so every form of a word meets,
and `compound_parts` finds known terms inside compounds (`ungdomsmötesplats` →
`ungdom`, `mötesplat`), so a search for a part finds the compound.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language

_snowball = stemmer_for_language("sv")
STOP_WORDS = frozenset(stopwords_for_language("sv"))
WORD = re.compile(r"\w+")
_S_ENDING = "bcdfghjklmnoprtvy"
"""Letters after which Snowball's Swedish stemmer removes a final s."""


@lru_cache(maxsize=200_000)
def snowball(word: str) -> str:
    """The stock Snowball stem (what Pagefind computes in the browser)."""
    return _snowball(word)


@lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """A stem shared by every inflection of `word` (lowercase input)."""
    stem = snowball(word)
    if len(stem) > 4 and stem.endswith("s") and stem[-2] in _S_ENDING:
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=200_000)
def compound_parts(stem: str, known: frozenset[str]) -> tuple[str, ...]:
    """Known stems found inside a longer stem, longest first."""
    return tuple(sorted((p for p in known if len(p) >= 4 and p != stem and p in stem), key=len, reverse=True))


class NormaliseFilter(Filter):
    """Replace each token by its normalised stem."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = normalise(token.text)
            yield token


class CompoundFilter(Filter):
    """After each token, add the known stems found inside it (at the same position)."""

    def __init__(self, known: frozenset[str]):
        self.known = known

    def __eq__(self, other):
        return isinstance(other, CompoundFilter) and other.known == self.known

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            yield token
            if len(text) > 6:
                for part in compound_parts(text, self.known):
                    token.text = part
                    yield token
                token.text = text


def analyzer(known: frozenset[str] = frozenset()):
    """Tokenise, lowercase, drop stop words, normalise stems, add compound parts."""
    chain = (
        RegexTokenizer(r"\w+")
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=2)
        | NormaliseFilter()
    )
    return chain | CompoundFilter(known) if known else chain


def known_stems(terms: list[str]) -> frozenset[str]:
    """Normalised stems of the vocabulary's words, used to split compounds."""
    return frozenset(
        normalise(word)
        for term in terms
        for word in WORD.findall(term.lower())
        if len(word) >= 4 and word not in STOP_WORDS
    )


@lru_cache(maxsize=200_000)
def _extra_forms(word: str, known: frozenset[str]) -> tuple[str, ...]:
    """The extra index words for one word (see `browser_terms`); cached, as words repeat."""
    if len(word) < 4 or word in STOP_WORDS or word.isdigit():
        return ()
    plain, norm = snowball(word), normalise(word)
    parts = compound_parts(norm, known)
    if norm not in known and not parts:
        return ()
    extra = []
    if plain != norm:  # mötesplatserna → mötesplats; add it, since mötesplats → mötesplat
        extra.append(plain)
    elif word.endswith("s") and plain == word[:-1]:  # mötesplats: add a form that stems to mötesplats
        extra.append(word + "en")
    extra += [part + "s" if snowball(part + "s") == part else part for part in parts]
    return tuple(extra)


def browser_terms(text: str, known: frozenset[str]) -> list[str]:
    """Extra words to index for a browser search that stems with plain Snowball.

    For words of the domain (whose normalised stem is or contains a known stem), add a
    form whose Snowball stem is the other one of the pair, so that every inflection finds
    the page; and add the known terms found inside compounds. Other words are left alone,
    to keep the extra text small."""
    extra: set[str] = set()
    for word in {w.lower() for w in WORD.findall(text)}:
        extra.update(_extra_forms(word, known))
    return sorted(extra)
