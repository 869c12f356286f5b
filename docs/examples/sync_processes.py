#!/usr/bin/env python3
"""Plant processes API from Python, with the standard library only (no pip install needed).

Reads every process, changes two of them one by one, then changes several at once with one bulk PUT
(all or nothing). Waits as told by Retry-After on 429 (rate limit) and 503 (database unavailable), and
backs off exponentially on a 503 without one.

    BASE_URL=https://processes.plant.example API_TOKEN=ppt_... python3 sync_processes.py

Prints one JSON line per step on stdout; waits are reported on stderr.
"""
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request

BASE_URL = os.environ.get("BASE_URL", "http://localhost:3000").rstrip("/")
API_TOKEN = os.environ["API_TOKEN"]
MAX_ATTEMPTS = int(os.environ.get("MAX_ATTEMPTS", "8"))
MAX_WAIT_SECONDS = 60.0


class ApiError(Exception):
    """An RFC 9457 problem answer: code, title, detail, and the request id to quote when reporting it."""

    def __init__(self, status, problem):
        self.status = status
        self.problem = problem
        super().__init__(
            f"HTTP {status} {problem.get('code', '')} {problem.get('title', '')}: {problem.get('detail', '')}"
            f" (request {problem.get('requestId', '?')}, fields {problem.get('errors', [])})"
        )


def wait_time(status, retry_after, attempt):
    """Retry-After when the server sent one; otherwise exponential backoff with jitter (503 only)."""
    if retry_after is not None and retry_after.isdigit():
        return min(float(retry_after), MAX_WAIT_SECONDS)
    return min(0.5 * 2**attempt, MAX_WAIT_SECONDS) * random.uniform(0.8, 1.2)


def request(method, path, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    headers = {"Authorization": f"Bearer {API_TOKEN}", "Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    for attempt in range(MAX_ATTEMPTS):
        req = urllib.request.Request(BASE_URL + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as res:
                return json.loads(res.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8")
            problem = json.loads(text) if text else {}
            retryable = error.code in (429, 503) and attempt < MAX_ATTEMPTS - 1
            if not retryable:
                raise ApiError(error.code, problem) from None
            seconds = wait_time(error.code, error.headers.get("Retry-After"), attempt)
            print(f"{method} {path}: {error.code} {problem.get('code', '')}, waiting {seconds:.1f} s", file=sys.stderr)
            time.sleep(seconds)
        except urllib.error.URLError as error:
            # The server itself unreachable (restarting): back off as for a 503 without Retry-After.
            if attempt == MAX_ATTEMPTS - 1:
                raise
            seconds = wait_time(None, None, attempt)
            print(f"{method} {path}: {error.reason}, waiting {seconds:.1f} s", file=sys.stderr)
            time.sleep(seconds)
    raise RuntimeError("unreachable")


def main():
    processes = request("GET", "/api/v1/processes")["processes"]
    print(json.dumps({"step": "read", "count": len(processes)}))
    if len(processes) < 2:
        sys.exit("needs at least two processes")

    # Change two, one request each. The name is trimmed by the server; the comment is kept as sent.
    first, second = processes[0], processes[1]
    changed = [
        request("PUT", f"/api/v1/processes/{first['id']}", {"name": first["name"], "comment": "Checked by MES"}),
        request("PUT", f"/api/v1/processes/{second['id']}", {"name": second["name"], "comment": "Checked by MES"}),
    ]
    print(json.dumps({"step": "changed", "versions": [p["version"] for p in changed]}))

    # Several at once: one transaction, all or nothing (at most 10,000 items).
    batch = [{"id": p["id"], "name": p["name"], "comment": f"Batch {p['id']}"} for p in processes[:10]]
    updated = request("PUT", "/api/v1/processes", {"processes": batch})["processes"]
    print(json.dumps({"step": "bulk", "count": len(updated)}))

    # A refused change names every invalid field; nothing of it is written.
    try:
        request("PUT", "/api/v1/processes", {"processes": [{"id": first["id"], "name": " ", "comment": ""}]})
    except ApiError as error:
        pointers = [e["pointer"] for e in error.problem.get("errors", [])]
        print(json.dumps({"step": "refused", "code": error.problem.get("code"), "pointers": pointers}))


if __name__ == "__main__":
    main()
