"""A tiny headless-Chromium driver for tests: the DevTools protocol over --remote-debugging-pipe,
standard library only.

``open_page(path)`` loads a local file in a fresh profile and returns what the page did: the
network requests it made, console messages, uncaught exceptions, log entries, and the value
of a JavaScript expression evaluated after the load event.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
]


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageResult:
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log: list[tuple[str, str]] = field(default_factory=list)
    value: object = None


class _Pipe:
    def __init__(self, exe: str, profile: str):
        to_chrome_r, self._to_chrome_w = os.pipe()
        self._from_chrome_r, from_chrome_w = os.pipe()
        cmd = " ".join(
            [f"exec {exe!s}", *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank",
             f"3<&{to_chrome_r}", f"4>&{from_chrome_w}"]
        )
        self.proc = subprocess.Popen(
            ["bash", "-c", cmd], pass_fds=(to_chrome_r, from_chrome_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for ev in self.events:
            if ev.get("method") == method:
                return ev
        while time.monotonic() < deadline:
            ev = self._read()
            self.events.append(ev)
            if ev.get("method") == method:
                return ev
        raise TimeoutError(method)

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome_r, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - the browser may already be gone
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome_w)
        os.close(self._from_chrome_r)


def open_page(path: Path, expression: str, exe: str | None = None, settle: float = 0.5) -> PageResult:
    """Load ``path`` in headless Chromium, evaluate ``expression`` after load; return what happened."""
    exe = exe or find_chromium()
    if exe is None:
        raise FileNotFoundError("no Chromium found")
    profile = tempfile.mkdtemp(prefix="diplograph-chromium-")
    pipe = _Pipe(exe, profile)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.send("Page.navigate", {"url": Path(path).resolve().as_uri()}, session=session)
        pipe.wait_event("Page.loadEventFired")
        time.sleep(settle)
        value = pipe.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        result = PageResult(value=value.get("result", {}).get("value"))
        for ev in pipe.events:
            m, p = ev.get("method"), ev.get("params", {})
            if m == "Network.requestWillBeSent":
                result.requests.append(p["request"]["url"])
            elif m == "Runtime.consoleAPICalled":
                result.console.append((p.get("type"), " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", []))))
            elif m == "Runtime.exceptionThrown":
                result.exceptions.append(p.get("exceptionDetails", {}).get("text", "exception"))
            elif m == "Log.entryAdded":
                entry = p.get("entry", {})
                result.log.append((entry.get("level"), entry.get("text")))
        return result
    finally:
        pipe.close()
        shutil.rmtree(profile, ignore_errors=True)
