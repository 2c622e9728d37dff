"""Easy Japanese rules (terms/easy-japanese.toml) and per-language conventions (terms/conventions.toml)."""
import re
import tomllib
from pathlib import Path

from ..i18n import CODES, RUBY, plain

TERMS_DIR = Path(__file__).resolve().parents[2] / "terms"
KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆]")
NATIVE_DIGITS = re.compile(r"[\u0966-\u096f\u1040-\u1049\u0e50-\u0e59]")  # Devanagari, Myanmar, Thai
SENTENCE_END = re.compile(r"(?<=[。！？])|\n")
PARENTHESES = re.compile(r"（[^（）]*）|\([^()]*\)")
NOT_COUNTED = re.compile(r"[\s*#|>\-]|%\(\w+\)[sd]|\{\w+\}")
LATIN_WORD = re.compile(r"[A-Za-z_][\w.]*")  # a Latin word (a column name, an app's name) counts as one
LABEL_VALUE = re.compile(r"(\}|https?://\S*|\d)$")
CLOSERS = "\"'”’」』）)»*"
SENTENCE_PARTS = ("ui", "sign", "message")


def load_rules(terms_dir=TERMS_DIR):
    with open(Path(terms_dir) / "easy-japanese.toml", "rb") as handle:
        easy = tomllib.load(handle)
    with open(Path(terms_dir) / "conventions.toml", "rb") as handle:
        conventions = tomllib.load(handle)
    missing = set(CODES) - set(conventions)
    if missing:
        raise ValueError(f"conventions.toml: no conventions for {sorted(missing)}")
    easy["double_negatives"] = [re.compile(p) for p in easy.get("double_negatives", {}).get("patterns", [])]
    return easy, conventions


def easy_japanese_problems(unit, easy):
    """Every Easy Japanese rule the unit's ja-easy text breaks, as (code, what) pairs."""
    raw = unit.texts.get("ja-easy", "")
    if not raw:
        return []
    text = plain(raw)
    found = []
    bare = KANJI.findall(RUBY.sub("", raw))
    if bare:
        found.append(f"kanji without a reading: {''.join(dict.fromkeys(bare))}")
    for word, instead in easy.get("loanwords", {}).items():
        if word in text:
            found.append(f"loanword {word!r}: use {instead!r}")
    for pattern in easy["double_negatives"]:
        match = pattern.search(text)
        if match:
            found.append(f"double negative {match.group(0)!r}: say what to do")
    for sentence in SENTENCE_END.split(text):
        length = len(NOT_COUNTED.sub("", LATIN_WORD.sub("W", PARENTHESES.sub("", sentence))))
        if length > easy["max_sentence"]:
            found.append(f"sentence of {length} characters (at most {easy['max_sentence']}): {sentence.strip()[:40]!r}…")
    return [("ja-easy", what) for what in found]


def convention_problems(unit, conventions):
    """Native digits anywhere; a missing or wrong sentence-final mark where the source is a full sentence."""
    found = []
    is_sentence = unit.part in SENTENCE_PARTS and unit.source.rstrip().endswith("。")
    for code, raw in unit.texts.items():
        rule = conventions.get(code, {})
        text = plain(raw).rstrip()
        if not text:
            continue
        if rule.get("digits", "latin") == "latin" and NATIVE_DIGITS.search(text):
            found.append((code, f"native digits {''.join(NATIVE_DIGITS.findall(text))!r}: write numbers 0-9"))
        if not is_sentence or LABEL_VALUE.search(text):
            continue
        end = text.rstrip(CLOSERS)[-1:]
        if rule.get("final") and end not in rule["final"]:
            found.append((code, f"sentence does not end with {rule['final'][0]!r}: …{text[-20:]!r}"))
        if end in rule.get("not_final", ()) and not text.endswith(tuple(rule.get("allowed_endings", ()))):
            found.append((code, f"sentence ends with {end!r}, which {code} does not use: …{text[-20:]!r}"))
    return found


def style_problems(units, rules):
    """Printable lines for every Easy Japanese and convention problem of the given units."""
    easy, conventions = rules
    lines = []
    for unit in units:
        for code, what in easy_japanese_problems(unit, easy) + convention_problems(unit, conventions):
            lines.append(f"{unit.key} [{code}]: {what}")
    return lines
