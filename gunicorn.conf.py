"""gunicorn settings read from the working directory: threads, so a PDF render never takes a whole worker.

Each worker renders at most DISASTER_SUPPORT_PDF_RENDERS uncached PDFs at once and lets a few more wait;
with 4 threads per worker, the other threads keep answering QR and information pages meanwhile.
"""
threads = 4
