"""Load test of the QR landing page: gunicorn with 2 workers on loopback, N concurrent clients.

Run: .venv/bin/python benchmarks/load_qr.py [--clients 200] [--requests 2000]
Starts its own gunicorn on a free 127.0.0.1 port with a temporary database, creates one printed sheet,
then fires a bounded number of requests at /<lang>/q/<code> and stops the server.
"""
import argparse
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_sheet(database):
    from disaster_support import create_app
    from disaster_support.db import connect, migrate
    from disaster_support.sheets import store

    migrate(connect(database))
    app = create_app({"DATABASE": str(database), "SECRET_KEY": "l" * 40})
    with app.app_context():
        printed, _token = store.create_printed_sheet("sign", "food-distribution", ("ja", "en", "vi"), "A4",
                                                     "portrait", {"time": "12:00"}, "南小学校")
    return printed.code


def fetch(url):
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            ok = response.status == 200
    except Exception:  # any failure counts as an error in the report
        ok = False
    return ok, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "load.sqlite3"
        code = make_sheet(database)
        port = free_port()
        env = dict(os.environ, DISASTER_SUPPORT_DATABASE=str(database), DISASTER_SUPPORT_SECRET_KEY="l" * 40,
                   DISASTER_SUPPORT_ENV="production")
        server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
                                   "--backlog", "512", "wsgi:app"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/vi/q/{code}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(url, timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
                results = list(pool.map(fetch, [url] * args.requests))
            elapsed = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=10)
    errors = sum(1 for ok, _ in results if not ok)
    times = sorted(t for _, t in results)
    print(f"{args.requests} requests, {args.clients} concurrent clients, gunicorn -w 2: "
          f"{errors} errors, {args.requests / elapsed:.0f} req/s, "
          f"p50 {statistics.median(times) * 1000:.0f} ms, p99 {times[int(len(times) * 0.99) - 1] * 1000:.0f} ms")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
