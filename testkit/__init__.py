"""What the tests and the benchmarks share to run the app as a person meets it: ``servers`` (the app under
gunicorn on a free loopback port) and ``browser`` (Debian's chromium through Playwright, kept off the internet);
and ``history`` (a data folder with two versions, made with the real import, for the tests of ``since=``).

Tooling, not the product: ``dashboard/`` never imports it (tests/unit/test_architecture.py), and pytest collects
only ``tests/`` (pytest.ini).
"""
