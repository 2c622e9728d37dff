"""Living-information search the way people type it (issue 16), measured on real queries in 15 languages."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from conftest import visible_text
from disaster_support.i18n import CODES

QUERIES = Path(__file__).parent / "data" / "living_queries.tsv"
ROOT = Path(__file__).resolve().parents[1]


def query_list():
    lines = QUERIES.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]


def result_chapters(client, code, query):
    page = client.get(f"/{code}/living/search", query_string={"q": query})
    assert page.status_code == 200
    return re.findall(rf'<li><a href="/{re.escape(code)}/living/([a-z-]+)#', page.get_data(as_text=True))


def test_query_list_is_real_and_covers_every_language():
    queries = query_list()
    assert len(queries) >= 100
    assert {code for code, _query, _chapter in queries} == set(CODES)


def test_recall_at_3_on_the_query_list(client):
    queries = query_list()
    missed = [(code, query, chapter) for code, query, chapter in queries
              if chapter not in result_chapters(client, code, query)[:3]]
    recall = 1 - len(missed) / len(queries)
    assert recall >= 0.9, missed


@pytest.mark.parametrize("code, typed, chapter", [
    ("zh-Hans", "医疗保险", "health-insurance"),  # without the space people do not type
    ("zh-Hans", "医疗 保险", "health-insurance"),
    ("ja", "ゴミ", "daily-life"), ("ja", "ｺﾞﾐ", "daily-life"), ("ja", "ごみ", "daily-life"),
    ("ja-easy", "じしん", "disasters"), ("ja-easy", "ほけん", "health-insurance"),  # by their readings
    ("zh-Hans", "垃圾", "daily-life"),
    ("en", "insur", "health-insurance"), ("ru", "страх", "health-insurance"),  # prefixes
    ("vi", "bao hiem", "health-insurance"),  # typed without accents
])
def test_search_finds_what_people_type_with_the_right_chapter_first(client, code, typed, chapter):
    assert result_chapters(client, code, typed)[0] == chapter


def test_latin_words_match_from_their_start_not_inside():
    from disaster_support.living.search import _pattern

    assert _pattern("tax").search("income taxes") and not _pattern("tax").search("syntax")


def test_easy_japanese_reading_is_highlighted_where_it_was_found(client):
    page = client.get("/ja-easy/living/search", query_string={"q": "じしん"}).get_data(as_text=True)
    assert "<mark>じしん</mark>" in page


@pytest.mark.parametrize("code, query", [("th", "ประกัน"), ("my", "အာမခံ"), ("ne", "बीमा"), ("ja", "保険")])
def test_snippets_are_long_enough_and_cut_between_grapheme_clusters(client, code, query):
    page = client.get(f"/{code}/living/search", query_string={"q": query}).get_data(as_text=True)
    results = page.split('<ol class="results">', 1)[1].split("</ol>", 1)[0]
    snippets = re.findall(r"<p>(.*?)</p>", results, re.S)
    assert snippets
    for snippet in snippets:
        text = visible_text(snippet).strip()
        if text.endswith("…"):  # cut, not the whole (short) section: then it says enough to choose
            assert len(regex.findall(r"\X", text)) >= 80, text
        # No cluster begins with a combining mark: nothing was cut in half (no dotted circle, no box).
        for piece in re.split(r"<mark>|</mark>|…", snippet):
            if piece:
                assert not regex.match(r"\p{M}", visible_text(piece)), (text, piece)


@pytest.mark.parametrize("query", ["\x00", "a\x00b", "\ufffe", '"', "' OR 1=1 --", "NEAR(", "*", "^", "a" * 500,
                                   "%", "\\", "<mark>", "医", "　", "\u200b", "ﾞ", "((", '"abc'])
def test_no_query_gives_an_error(client, query):
    for code in ("en", "ja", "th"):
        response = client.get(f"/{code}/living/search", query_string={"q": query})
        assert response.status_code == 200, (code, query)


def test_a_nul_in_the_url_is_answered_not_a_500(client):
    for raw in ("%00", "%ED%A0%80", "%FF%FE", "%C0%80"):  # NUL, a lone surrogate, invalid UTF-8
        assert client.get("/en/living/search?q=" + raw).status_code == 200, raw


FIRST_SEARCH = """
import json, sys, time
start = time.perf_counter()
from disaster_support import create_app
app = create_app({"TESTING": True, "DATABASE": sys.argv[1], "SECRET_KEY": "s" * 40})
client = app.test_client()
ready = time.perf_counter()
response = client.get("/th/living/search", query_string={"q": "ประกันสุขภาพ"})
print(json.dumps({"status": response.status_code, "first_search_ms": (time.perf_counter() - ready) * 1000}))
"""


def test_a_fresh_worker_answers_its_first_search_fast(runner, tmp_path):
    """The index is built once (by migrate) and stored; a new process only opens it (DESIGN 7: < 100 ms)."""
    assert runner.invoke(args=["living", "index"]).exit_code == 0
    timings = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", FIRST_SEARCH, str(tmp_path / "x.sqlite3")], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        assert result["status"] == 200
        timings.append(result["first_search_ms"])
    assert min(timings) < 300, timings  # budget 100 ms on a quiet machine; the CI box is shared
