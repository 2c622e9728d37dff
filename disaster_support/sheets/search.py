"""Finding signs and messages by a word in any of the 15 languages."""
import unicodedata

from ..catalog import catalog

MAX_QUERY = 100


def normalize(text):
    return unicodedata.normalize("NFKC", text).casefold().strip()


def search_phrases(query, kind="sign"):
    """Phrases whose texts in any language (or readings, or keywords) contain every word of the query."""
    words = normalize(query[:MAX_QUERY]).split()
    phrases = catalog().signs.values() if kind == "sign" else catalog().messages.values()
    if not words:
        return list(phrases)
    return [phrase for phrase in phrases if all(word in _index(phrase) for word in words)]


_INDEX = {}


def _index(phrase):
    key = (phrase.kind, phrase.id)
    if key not in _INDEX:
        _INDEX[key] = normalize(phrase.search_text())
    return _INDEX[key]
