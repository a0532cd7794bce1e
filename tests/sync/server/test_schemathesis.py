"""Runs schemathesis with every check over the committed OpenAPI spec against a live server.

At least 1,000 generated requests are counted in the server's access log (method, path and
status per request), and none of them may answer 5xx.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sync.server import admin
from sync.server.db import make_engine, migrate
from tests.sync.server.live import live_server

CONFIG = """
headers = { Authorization = "Bearer ${FACILITATOR_SCHEMATHESIS_TOKEN}" }

[generation]
max-examples = 200

[[operations]]
include-name = "PUT /v1/summaries/{summary_id}"
# Schema-valid bodies can still be refused for reasons JSON Schema cannot state: the
# body's summary_id must equal the URL's, one rating per dimension and role group, or a
# replay with another body (409).
checks.positive_data_acceptance.expected-statuses = ["2XX", "409", "422"]

[[operations]]
include-name = "DELETE /v1/summaries/{summary_id}"
# A generated id is almost never one this organisation stored.
checks.positive_data_acceptance.expected-statuses = ["2XX", "404"]
"""

REQUEST_LINE = re.compile(r'"(GET|PUT|DELETE|POST|PATCH|HEAD|OPTIONS|TRACE) [^"]*" \d{3}')


@pytest.mark.slow
def test_schemathesis_all_checks(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'st.sqlite3'}"
    engine = make_engine(db_url)
    migrate(engine)
    admin.create_network(engine, "alpha")
    admin.create_organisation(engine, "alpha", "a1")
    token = admin.issue_token(engine, "alpha", "a1")
    engine.dispose()
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    spec = Path(__file__).parents[3] / "sync" / "server" / "openapi.json"
    with live_server(db_url, tmp_path) as server:
        run = subprocess.run(
            [
                sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run",
                str(spec), "--url", server.base_url, "--checks", "all", "--seed", "20261126",
                "--workers", "2",
            ],
            env={**os.environ, "FACILITATOR_SCHEMATHESIS_TOKEN": token, "NO_COLOR": "1"},
            capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path,
        )  # fmt: skip
        requests_served = len(REQUEST_LINE.findall(server.log_text()))
        log = server.log_text()
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    assert requests_served >= 1000, f"only {requests_served} requests\n{output[-3000:]}"
    assert not re.search(r'" 5\d\d\b', log), "the server answered 5xx"
    assert token not in log
