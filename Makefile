# The two commands of the README: `make run` and `make test`. Both set everything up first.
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test setup doctor bench fit-check

run:
	scripts/setup.sh run
	.venv/bin/flask demo
	.venv/bin/flask board demo
	.venv/bin/flask run --host $(HOST) --port $(PORT)

test:
	scripts/setup.sh test
	.venv/bin/flask doctor
	.venv/bin/python -m pytest -q $(PYTEST_ARGS)

doctor:
	.venv/bin/flask doctor

bench:
	.venv/bin/python benchmarks/run.py

fit-check:  # every sign, every language set, all four formats (about 10 minutes); the suite runs a sample
	.venv/bin/flask sheets check
