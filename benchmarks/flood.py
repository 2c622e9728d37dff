"""The QR landing page while PDF generation is flooded: gunicorn -w 2 on loopback, bounded in count and time.

Run: python benchmarks/flood.py [--flooders 20] [--pdfs 100] [--seconds 20] [--root DIR]

Starts gunicorn (2 workers, production settings, the gunicorn.conf.py of --root if any) on a free 127.0.0.1
port with a temporary database holding one sheet to scan and --pdfs printed sheets (each PDF is distinct, so
none comes from the cache). Measures /vi/q/<code> from 4 clients while idle, then again while --flooders
clients request the distinct PDFs (each at most once, the whole flood at most --seconds), and stops the server.
The per-address rate limit is switched off (DISASTER_SUPPORT_PDF_RATE_LIMIT=0): a flood from many addresses.
--root runs another checkout (e.g. the code before a change) on the same database.
"""
import argparse
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QR_CLIENTS = 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_sheets(database, count):
    from disaster_support import create_app
    from disaster_support.db import connect, migrate
    from disaster_support.sheets import store

    migrate(connect(database))
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "l" * 40})
    with app.app_context():
        codes = [store.create_printed_sheet("sign", "food-distribution", ("ja", "en", "vi"), "A4", "portrait",
                                            {"time": f"12:{i % 60:02d}"}, f"南小学校 {i}")[0].code
                 for i in range(count + 1)]
    return codes[0], codes[1:]


def fetch(url):
    """(HTTP status or 0 for a failure, seconds)."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except Exception:  # connection refused or reset, timeout: an error in the report
        status = 0
    return status, time.perf_counter() - start


def measure_qr(url, until):
    """QR page timings from QR_CLIENTS clients, each requesting again as soon as answered, until until() is true."""
    results = []

    def client():
        while not until():
            results.append(fetch(url))

    threads = [threading.Thread(target=client) for _ in range(QR_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def summary(results):
    times = sorted(t for _, t in results)
    errors = sum(1 for status, _ in results if status != 200)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return (f"{len(results)} requests, {errors} errors, p50 {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")


def flood(base, codes, flooders, seconds, qr_url):
    deadline = time.monotonic() + seconds
    pending = list(codes)
    lock = threading.Lock()
    answers = []

    def flooder():
        while time.monotonic() < deadline:
            with lock:
                if not pending:
                    return
                code = pending.pop()
            answers.append(fetch(f"{base}/en/sheets/printed/{code}.pdf"))

    threads = [threading.Thread(target=flooder) for _ in range(flooders)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    qr = measure_qr(qr_url, lambda: not any(thread.is_alive() for thread in threads))
    for thread in threads:
        thread.join()
    return qr, answers, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flooders", type=int, default=20)
    parser.add_argument("--pdfs", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "flood.sqlite3"
        qr_code, codes = make_sheets(database, args.pdfs)
        port = free_port()
        env = dict(os.environ, DISASTER_SUPPORT_DATABASE=str(database), DISASTER_SUPPORT_SECRET_KEY="l" * 40,
                   DISASTER_SUPPORT_ENV="production", DISASTER_SUPPORT_PDF_RATE_LIMIT="0")
        server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-w", "2",
                                   "-b", f"127.0.0.1:{port}", "--backlog", "512", "wsgi:app"],
                                  cwd=args.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            qr_url = f"{base}/vi/q/{qr_code}"
            for _ in range(100):
                if fetch(qr_url)[0] == 200:
                    break
                time.sleep(0.1)
            fetch(f"{base}/en/sheets/printed/{qr_code}.pdf")  # fonts loaded in at least one worker
            stop = time.monotonic() + 3
            idle = measure_qr(qr_url, lambda: time.monotonic() > stop)
            during, answers, elapsed = flood(base, codes, args.flooders, args.seconds, qr_url)
        finally:
            server.terminate()
            server.wait(timeout=20)
    statuses = {}
    for status, _ in answers:
        statuses[status] = statuses.get(status, 0) + 1
    rendered = sorted(t for status, t in answers if status == 200)
    print(f"QR page idle ({QR_CLIENTS} clients, 3 s): {summary(idle)}")
    print(f"QR page during the flood ({QR_CLIENTS} clients, {elapsed:.1f} s): {summary(during)}")
    print(f"flood: {len(answers)} distinct PDF requests from {args.flooders} clients, "
          f"answers {dict(sorted(statuses.items()))}"
          + (f", rendered p50 {statistics.median(rendered) * 1000:.0f} ms" if rendered else ""))
    return 1 if any(status != 200 for status, _ in during + idle) else 0


if __name__ == "__main__":
    sys.exit(main())
