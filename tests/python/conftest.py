"""Starts `truto-codegen fake` for each test, seeded with a generated file, and reads its request log."""

import json
import os
import subprocess
import urllib.request

import pytest

TOKEN = "py-token"
ACCOUNT = "acct-py"
USERS = 120


def user(n):
    return {"id": f"u{n:03}", "name": f"User {n}", "remote_data": {"raw": n}}


class Fake:
    """A running fake: its URL, and its request log (`GET /_fake/requests`)."""

    def __init__(self, url):
        self.url = url

    def requests(self):
        with urllib.request.urlopen(f"{self.url}/_fake/requests") as answer:
            return json.load(answer)["requests"]

    def query(self, request, name):
        return [value for key, value in request["query"] if key == name]


@pytest.fixture
def fake(tmp_path):
    seed = tmp_path / "seed.json"
    records = {"/unified/user-directory/users": [user(n) for n in range(USERS)]}
    seed.write_text(json.dumps({"accounts": {ACCOUNT: {"records": records}}}))
    binary = os.environ.get("TRUTO_CODEGEN", "target/debug/truto-codegen")
    schema = os.environ.get("TRUTO_SCHEMA", "schema")
    command = [binary, "fake", "--schema", schema, "--port", "0", "--token", TOKEN, "--seed", str(seed)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        if not url.startswith("http://"):
            process.kill()
            raise RuntimeError(f"the fake did not start: {url!r} {process.stderr.read()}")
        yield Fake(url)
    finally:
        process.kill()
        process.wait()
