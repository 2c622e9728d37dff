"""Benchmarks for the budgets in DESIGN.md §7. Run: .venv/bin/python benchmarks/run.py [--quick]

Prints a Markdown table; docs/benchmarks.md records the figures with the machine they came from.
"""
import argparse
import gzip
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from disaster_support import create_app  # noqa: E402
from disaster_support.catalog import catalog  # noqa: E402
from disaster_support.db import connect, migrate  # noqa: E402
from disaster_support.sheets.kits import kit_requests, load_kits  # noqa: E402
from disaster_support.sheets.render import SheetRequest, fitted_document, render_sheets_pdf  # noqa: E402

LANGS = ("ja", "zh-Hans", "ko", "th", "my")


def timed(function, repeat):
    times = []
    for index in range(repeat):
        start = time.perf_counter()
        result = function(index)
        times.append(time.perf_counter() - start)
    return times, result


def ms(times):
    return f"p50 {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms (n={len(times)})"


def sign_with_time():
    return next(s for s in catalog().signs.values() if any(f.type == "time" for f in s.fields))


def request(sign, index):
    field = next(f for f in sign.fields if f.type == "time")
    # A different minute each time, so nothing comes from the cache.
    return SheetRequest(sign.id, LANGS, "A4", "portrait", ((field.name, f"{index // 60 % 24:02d}:{index % 60:02d}"),),
                        "南小学校 避難所", f"https://example.org/q/bench{index:05d}")


def tagging_cost(sign, kit, repeat):
    """Size and write time of the same laid-out documents untagged and tagged (PDF/UA-1, the default)."""
    from flask import render_template

    from disaster_support import pdf
    from disaster_support.sheets import card

    documents = {
        "sheet, 5 languages": fitted_document([request(sign, 5000)])[0],
        f"kit of {len(kit.signs)} sheets": fitted_document(kit_requests(kit, LANGS, "A4", "portrait"))[0],
        "registration card (my)": pdf.layout(render_template("print/card.html", **card.card_context("my")),
                                             card.STYLESHEETS),
    }
    rows = []
    for name, document in documents.items():
        results = {}
        for variant in (None, pdf.PDF_VARIANT):
            times, data = timed(lambda i: pdf.write_pdf(document, "bench", "ja", variant=variant),
                                max(3, repeat // 4))
            results[variant] = (statistics.median(times), len(data))
        (plain_s, plain_b), (tagged_s, tagged_b) = results[None], results[pdf.PDF_VARIANT]
        rows.append((f"tagging cost, {name}: untagged → PDF/UA-1",
                     f"{plain_b / 1024:.0f} → {tagged_b / 1024:.0f} KB (+{(tagged_b / plain_b - 1) * 100:.0f}%), "
                     f"write {plain_s * 1000:.0f} → {tagged_s * 1000:.0f} ms"))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 5 if args.quick else 20
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        migrate(connect(database))
        app = create_app({"DATABASE": str(database), "SECRET_KEY": "b" * 40, "PDF_CACHE_SIZE": 1000,
                          "PDF_RATE_LIMIT": 0})  # one client rendering on purpose: no per-address limit
        rows = []
        with app.test_request_context("/en/"):
            sign = sign_with_time()
            render_sheets_pdf([request(sign, 9999)], "warm-up")  # load fonts once: a warm process
            layout_times, _ = timed(lambda i: fitted_document([request(sign, i + 1000)]), repeat)
            rows.append(("A4 sheet, 5 languages (ja, zh-Hans, ko, th, my): layout only (lower bound)", ms(layout_times)))
            full_times, data = timed(lambda i: render_sheets_pdf([request(sign, i)], "bench"), repeat)
            rows.append(("A4 sheet, 5 languages: uncached PDF, warm process", ms(full_times)))
            cached_times, _ = timed(lambda i: render_sheets_pdf([request(sign, 0)], "bench"), repeat)
            rows.append(("same sheet from cache", ms(cached_times)))
            rows.append(("sheet PDF size, 5 languages", f"{len(data) / 1024:.0f} KB"))
            kit = load_kits()["shelter-opening"]
            kit_times, kit_pdf = timed(lambda i: render_sheets_pdf(
                kit_requests(kit, LANGS, "A4", "portrait", [f"https://example.org/q/k{i}{n:03d}" for n in range(len(kit.signs))]),
                kit.title), 1 if args.quick else 3)
            rows.append((f"kit of {len(kit.signs)} sheets x 5 languages, one PDF", ms(kit_times) + f", {len(kit_pdf) // 1024} KB"))
            rows.extend(tagging_cost(sign, kit, repeat))
        client = app.test_client()
        for path in ("/en/living/", "/my/living/disasters"):
            response = client.get(path)
            if response.status_code == 200:
                css = client.get("/static/css/site.css").data
                size = len(gzip.compress(response.data)) + len(gzip.compress(css))
                rows.append((f"{path}: HTML + CSS gzip", f"{size / 1024:.1f} KB"))
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.platform()}")
    print()
    print("| what | result |")
    print("|---|---|")
    for what, result in rows:
        print(f"| {what} | {result} |")


if __name__ == "__main__":
    main()
