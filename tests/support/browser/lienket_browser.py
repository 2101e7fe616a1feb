"""Shared harness for Lienket's browser tests: a real node and a real headless Chromium.

    from lienket_browser import Node, Browser
    node = Node.start()                      # a `lienket node` on free loopback ports, temp data
    node.call("party.register", {...})       # as the node admin, over HTTP with an admin token
    node.create_user("minh", "mat-khau-dai", party="htx-thanhnam")
    b = Browser(390, 844)                    # Debian's chromium + chromedriver, via python3-selenium
    b.open(node.url + "/app/"); b.wait_for("#main"); b.screenshot("phone-home")
    assert not b.console_errors()
    b.close(); node.stop()

ctest runs each tests/browser/test_*.py with /usr/bin/python3 and sets LIENKET_BIN (the
`lienket` binary), LIENKET_PLUGIN_DIR and LIENKET_ARTIFACTS (where screenshots go), see
cmake/LienketTest.cmake. Nothing here sleeps for a fixed time: it waits on conditions.
"""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

__all__ = ["Node", "NodeError", "Browser", "By", "EC", "WebDriverWait", "wait_until"]


def wait_until(condition, timeout=10.0, what="a condition"):
    """Polls `condition()` until it returns a truthy value, which it returns."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("timed out waiting for " + what)
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


class NodeError(Exception):
    """A problem-details answer: .status, .code, .field, .detail."""

    def __init__(self, status, problem):
        self.status = status
        self.problem = problem
        self.code = problem.get("code", "")
        self.field = problem.get("field", "")
        self.detail = problem.get("detail", "")
        super().__init__(f"{status} {self.code}: {self.detail} (field {self.field!r})")


class Node:
    """A real `lienket node` process with every built plugin, on free loopback ports."""

    def __init__(self, directory, process, ready, log_path):
        self.directory = directory
        self.process = process
        self.url = ready["http_url"]
        self.request_endpoint = ready["request_endpoint"]
        self.log_path = log_path
        self.admin_token = self._cli_admin_token()

    @classmethod
    def start(cls, extra_config=None):
        binary = os.environ["LIENKET_BIN"]
        directory = tempfile.mkdtemp(prefix="lienket-browser-")
        config = {
            "request_endpoint": "tcp://127.0.0.1:*",
            "event_endpoint": "tcp://127.0.0.1:*",
            "data_dir": os.path.join(directory, "data"),
            "durability": "relaxed",
            "plugin_dirs": [os.environ["LIENKET_PLUGIN_DIR"]],
            "log_level": "info",
            "http": {"endpoint": "127.0.0.1:0"},
        }
        _merge(config, extra_config or {})
        config_path = os.path.join(directory, "node.json")
        ready_path = os.path.join(directory, "ready.json")
        log_path = os.path.join(directory, "node.log")
        with open(config_path, "w", encoding="utf-8") as f:
            json.dump(config, f, ensure_ascii=False, indent=2)
        log = open(log_path, "ab")
        process = subprocess.Popen(
            [binary, "node", "--config", config_path, "--ready-file", ready_path],
            stdout=log, stderr=subprocess.STDOUT)
        log.close()

        def ready():
            if process.poll() is not None:
                with open(log_path, encoding="utf-8", errors="replace") as f:
                    raise RuntimeError("lienket node exited during start-up:\n" + f.read())
            return os.path.exists(ready_path) and os.path.getsize(ready_path) > 0

        wait_until(ready, 30, "the node to be ready")
        with open(ready_path, encoding="utf-8") as f:
            return cls(directory, process, json.load(f), log_path)

    def _cli_admin_token(self):
        # The loopback ZeroMQ client without CURVE is the node's admin: it mints the admin token
        # the tests then use over HTTP, as an operator would with `lienket token create --admin`.
        out = subprocess.run(
            [os.environ["LIENKET_BIN"], "--endpoint", self.request_endpoint, "--json", "call",
             "token.create", "--body", json.dumps({"label": "browser tests", "admin": True})],
            check=True, capture_output=True, text=True).stdout
        reply = json.loads(out)
        return reply.get("result", reply)["token"]

    def http(self, method, path, body=None, token=None, headers=None):
        """One HTTP request; returns (status, parsed JSON or text, headers)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        for k, v in (headers or {}).items():
            request.add_header(k, v)
        try:
            with urllib.request.urlopen(request, timeout=15) as r:
                return r.status, _decode(r.read(), r.headers), r.headers
        except urllib.error.HTTPError as e:
            return e.code, _decode(e.read(), e.headers), e.headers

    def call(self, message_type, body=None, token=None, idempotent=True):
        """Runs a message over HTTP (admin by default); the result, or raises NodeError. Writes
        carry a fresh Idempotency-Key, as the console's do; `idempotent=False` for the messages
        that refuse one (token.create: a token is shown once, never replayed)."""
        headers = {"Idempotency-Key": str(uuid.uuid4())} if idempotent else {}
        status, reply, _ = self.http(
            "POST", "/api/v1/messages/" + message_type, body if body is not None else {},
            token or self.admin_token, headers)
        if status >= 300:
            raise NodeError(status, reply if isinstance(reply, dict) else {"detail": reply})
        return reply

    def token_for(self, party):
        return self.call("token.create", {"label": "browser tests", "party": party},
                         idempotent=False)["token"]

    def create_user(self, login, password, party="", role="manager", language="vi", name=None):
        body = {"login": login, "name": name or login, "role": role, "language": language,
                "password": password}
        if party:
            body["party"] = party
        else:
            body["admin"] = True  # a node administrator: no party
        return self.call("account.user.create", body)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if not os.environ.get("LIENKET_KEEP_TEST_DIRS"):
            shutil.rmtree(self.directory, ignore_errors=True)


class Browser:
    """Debian's Chromium, headless, at a given window size, with its console log captured."""

    def __init__(self, width=1440, height=900, language="vi-VN"):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--no-first-run", "--disable-extensions", "--disable-background-networking",
                    f"--window-size={width},{height}", f"--lang={language}"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_window_size(width, height)
        # CSS pixels as a phone reports them: the layout under test, not the window chrome's.
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        self.width, self.height = width, height
        self._errors = []

    def open(self, url):
        self.driver.get(url)
        WebDriverWait(self.driver, 15).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def wait_for(self, css, timeout=10):
        """The first element matching `css` once it is visible."""
        return WebDriverWait(self.driver, timeout).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def wait_text(self, css, text, timeout=10):
        """Waits until an element matching `css` contains `text`."""
        return WebDriverWait(self.driver, timeout).until(
            EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))

    def screenshot(self, name):
        folder = os.environ.get("LIENKET_ARTIFACTS", tempfile.gettempdir())
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{name}-{self.width}x{self.height}.png")
        self.driver.save_screenshot(path)
        return path

    def console_errors(self, ignore=()):
        """Severe console entries since the last call (and before), minus those containing any of
        `ignore` (e.g. a tile server that is meant to be unreachable)."""
        for entry in self.driver.get_log("browser"):
            if entry.get("level") == "SEVERE" and not any(i in entry["message"] for i in ignore):
                self._errors.append(entry["message"])
        return list(self._errors)

    def transferred_bytes(self, exclude=()):
        """Bytes the page fetched (document and resources, as transferred: compressed when the
        server compressed), minus resources whose URL contains any of `exclude` (map tiles)."""
        return self.driver.execute_script("""
            const exclude = arguments[0];
            const nav = performance.getEntriesByType('navigation')[0];
            let total = nav ? (nav.transferSize || nav.encodedBodySize) : 0;
            for (const r of performance.getEntriesByType('resource')) {
              if (exclude.some(x => r.name.includes(x))) continue;
              total += r.transferSize || r.encodedBodySize || 0;
            }
            return total;""", list(exclude))

    def first_render_ms(self):
        """Milliseconds from navigation start to the first contentful paint."""
        return self.driver.execute_script("""
            const p = performance.getEntriesByName('first-contentful-paint')[0];
            return p ? p.startTime : null;""")

    def close(self):
        self.driver.quit()


def _merge(into, patch):
    for k, v in patch.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            _merge(into[k], v)
        else:
            into[k] = v


def _decode(raw, headers):
    text = raw.decode("utf-8", errors="replace")
    if "json" in (headers.get("Content-Type") or ""):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
