"""Throttling counted in Redis (`RATELIMIT_STORAGE_URI=redis://…`), shared by every host.

The app runs in a process of its own: the limiter is process-wide, and another storage must not
leak into the other tests. Redis listens on 127.0.0.1:6379 on these machines (`.ci/run` starts
it when it is down), as PostgreSQL does on 5432.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from referral import create_app
    app = create_app({
        "SECRET_KEY": "k", "DATABASE_URL": "sqlite:///" + sys.argv[1] + "/r.sqlite3",
        "DATA_DIR": sys.argv[1], "DEMO": False, "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
        "RATELIMIT_KEY_PREFIX": sys.argv[2], "LOGIN_RATE_LIMIT": "2 per minute",
    })
    from referral import database
    database.upgrade(database.get_database(app).engine)
    statuses = []
    for attempt in range(3):
        with app.test_client() as client:  # a new client each time: the count is the server's
            data = {"email": "personne@example.org", "password": "x"}
            statuses.append(client.post("/login", data=data).status_code)
    import redis
    keys = redis.Redis(host="127.0.0.1", port=6379).keys("*" + sys.argv[2] + "*")
    print(json.dumps({"statuses": statuses, "keys": len(keys)}))
    redis.Redis(host="127.0.0.1", port=6379).delete(*keys) if keys else None
    """
)


def test_sign_in_attempts_are_counted_in_redis(tmp_path: Path):
    prefix = f"relais-test-{secrets.token_hex(4)}"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), prefix],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["statuses"] == [200, 200, 429]
    assert outcome["keys"] >= 1
