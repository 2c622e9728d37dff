"""Living-information search: recall at 3 on tests/data/living_queries.tsv, and the first search of fresh
worker processes (the index file already built, as `flask db migrate` leaves it).

Example: .venv/bin/python benchmarks/living_search.py
"""
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST = """
import json, sys, time
from disaster_support import create_app
app = create_app({"TESTING": True, "DATABASE": sys.argv[1], "SECRET_KEY": "s" * 40})
client = app.test_client()
start = time.perf_counter()
client.get("/" + sys.argv[2] + "/living/search", query_string={"q": sys.argv[3]})
print(json.dumps((time.perf_counter() - start) * 1000))
"""


def main():
    from disaster_support import create_app
    from disaster_support.living.search import search_sections
    from disaster_support.living.search_index import build_index

    folder = tempfile.mkdtemp()
    app = create_app({"TESTING": True, "DATABASE": f"{folder}/b.sqlite3", "SECRET_KEY": "s" * 40})
    started = time.perf_counter()
    build_index(app.instance_path)
    build = time.perf_counter() - started
    lines = (ROOT / "tests" / "data" / "living_queries.tsv").read_text(encoding="utf-8").splitlines()
    queries = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    found, timings = 0, []
    with app.test_request_context():
        for code, query, chapter in queries:
            started = time.perf_counter()
            results = search_sections(code, query)
            timings.append((time.perf_counter() - started) * 1000)
            found += chapter in [result.chapter for result in results[:3]]
    first = []
    for code, query in [("th", "ประกันสุขภาพ"), ("ja", "ゴミ"), ("zh-Hans", "医疗保险"), ("en", "insur"), ("my", "အမှိုက်")]:
        out = subprocess.run([sys.executable, "-c", FIRST, f"{folder}/b.sqlite3", code, query], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        first.append(json.loads(out.strip().splitlines()[-1]))
    print(f"queries: {len(queries)}; recall at 3: {found}/{len(queries)} = {found / len(queries):.3f}")
    print(f"warm search: p50 {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms")
    print(f"first search in a fresh process (5 languages): p50 {statistics.median(first):.1f} ms, "
          f"max {max(first):.1f} ms")
    print(f"index build (all chapters, 15 languages): {build:.1f} s")


if __name__ == "__main__":
    main()
