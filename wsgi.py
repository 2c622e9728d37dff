"""WSGI entry point: `flask --app wsgi run` or `gunicorn wsgi:app`."""
from disaster_support import create_app

app = create_app()
