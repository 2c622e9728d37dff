"""Checks for the pictogram set in pictograms/ (standard library + tomllib only)."""

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PICTOGRAMS = ROOT / "pictograms"
SVG_DIR = PICTOGRAMS / "svg"
OVERLAY_DIR = PICTOGRAMS / "overlays"
NAMES = PICTOGRAMS / "names.toml"
LANGUAGES = ("ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "es", "pt", "vi", "tl", "id", "th", "ne", "my", "ru")
FORBIDDEN_ELEMENTS = {"text", "image", "script", "foreignObject"}
REMOTE_URL = re.compile(r"url\(\s*['\"]?\s*(https?:|//)", re.IGNORECASE)


def _ids():
    ids = []
    for line in (PICTOGRAMS / "IDS.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            ids.append(line.split()[0])
    return ids


def _local(name):
    return name.rsplit("}", 1)[-1]


IDS = _ids()
SVG_FILES = sorted(SVG_DIR.glob("*.svg")) + sorted(OVERLAY_DIR.glob("*.svg"))


def _svg_id(path):
    return f"{path.parent.name}/{path.stem}"


def test_pictogram_ids_are_unique():
    assert len(IDS) == len(set(IDS)) == 98


def test_pictogram_every_id_has_a_file():
    missing = [i for i in IDS if not (SVG_DIR / f"{i}.svg").is_file()]
    assert missing == []


def test_pictogram_every_file_has_an_id():
    extra = sorted(p.name for p in SVG_DIR.iterdir() if p.suffix != ".svg" or p.stem not in IDS)
    assert extra == []


def test_pictogram_not_overlay_exists():
    assert (OVERLAY_DIR / "not.svg").is_file()


@pytest.mark.parametrize("path", SVG_FILES, ids=_svg_id)
def test_pictogram_svg_structure(path):
    root = ET.parse(path).getroot()
    assert _local(root.tag) == "svg"
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 100 100"
    assert root.get("width") is None and root.get("height") is None
    children = list(root)
    assert children, "empty svg"
    assert _local(children[0].tag) == "title", "<title> must be the first child"
    assert (children[0].text or "").strip(), "empty <title>"


@pytest.mark.parametrize("path", SVG_FILES, ids=_svg_id)
def test_pictogram_svg_has_no_forbidden_content(path):
    root = ET.parse(path).getroot()
    for el in root.iter():
        name = _local(el.tag)
        assert name not in FORBIDDEN_ELEMENTS, f"<{name}> not allowed"
        if name == "style":
            assert not REMOTE_URL.search(el.text or ""), "remote url() in <style>"
        for attr, value in el.attrib.items():
            if _local(attr) == "href":
                assert value.startswith("#"), f"non-local reference {value!r}"
            if _local(attr) == "style" or "url(" in value:
                assert not REMOTE_URL.search(value), f"remote url() in {attr}"


def test_pictogram_names_cover_every_id_in_every_language():
    data = tomllib.loads(NAMES.read_text(encoding="utf-8"))
    problems = []
    for ident in IDS:
        table = data.get(ident)
        if not isinstance(table, dict):
            problems.append(f"{ident}: missing")
            continue
        for lang in LANGUAGES:
            value = table.get(lang)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{ident}: {lang} empty")
        extra = set(table) - set(LANGUAGES)
        if extra:
            problems.append(f"{ident}: unexpected keys {sorted(extra)}")
    assert problems == []


def test_pictogram_names_have_no_unknown_ids():
    data = tomllib.loads(NAMES.read_text(encoding="utf-8"))
    assert sorted(set(data) - {"_meta"} - set(IDS)) == []


def test_pictogram_names_meta_marks_draft():
    meta = tomllib.loads(NAMES.read_text(encoding="utf-8"))["_meta"]
    assert meta["status"] == "draft"
    assert meta["note"].strip()


def test_pictogram_ja_easy_ruby_is_well_formed():
    data = tomllib.loads(NAMES.read_text(encoding="utf-8"))
    bad = []
    for ident in IDS:
        text = data[ident]["ja-easy"]
        rest = re.sub(r"｜[^｜《》]+《[^｜《》]+》", "", text)
        if any(ch in rest for ch in "｜《》"):
            bad.append(ident)
    assert bad == []


def test_pictogram_titles_match_english_names():
    data = tomllib.loads(NAMES.read_text(encoding="utf-8"))
    wrong = []
    for ident in IDS:
        title = ET.parse(SVG_DIR / f"{ident}.svg").getroot()[0].text
        if title != data[ident]["en"]:
            wrong.append(ident)
    assert wrong == []
