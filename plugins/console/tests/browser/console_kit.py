"""What the console's browser tests share: the people and goods of a small tea value chain in
Phú Thọ, signing in through the page, and the checks every page must pass (no console errors,
under 400 KB, first paint under 1 s, screenshots on a phone and a desktop)."""

import datetime
import glob
import json
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..",
                                "tests", "support", "browser"))

from lienket_browser import Browser, By, EC, Node, NodeError, WebDriverWait, wait_until  # noqa: E402
from selenium.common.exceptions import ElementNotInteractableException, StaleElementReferenceException  # noqa: E402

REDRAWN = (StaleElementReferenceException, ElementNotInteractableException)

PHONE = (390, 844)
DESKTOP = (1440, 900)
BUDGET_BYTES = 400 * 1024
FIRST_RENDER_MS = 1000
PASSWORD = "che-xanh-thanh-nam-2026"

# No map tiles (tiles.url ""): nothing leaves the machine, and the maps draw their outlines and
# points on a plain background, with a scale.
CONFIG = {"plugins": {"console": {"tiles": {"url": ""}}}}
# A tile server that never answers (nothing listens on port 9), for a test of maps whose tiles
# fail: their requests are neither errors of the page nor part of its weight.
TILES = "http://127.0.0.1:9/"
FAILING_TILES = {"plugins": {"console": {"tiles": {"url": TILES + "{z}/{x}/{y}.png", "attribution": "—"}}}}
# While editing the pages, LIENKET_CONSOLE_WEB_DIR=plugins/console/web serves them as they are in
# the tree, without copying them into the build.
if os.environ.get("LIENKET_CONSOLE_WEB_DIR"):
    CONFIG["plugins"]["console"]["web_dir"] = os.path.abspath(os.environ["LIENKET_CONSOLE_WEB_DIR"])

PARTIES = [
    {"id": "lmhtx-phutho", "kind": "cooperative_union", "name": "Liên minh HTX tỉnh Phú Thọ",
     "province": "Phú Thọ", "lat": 21.3227, "lon": 105.4019, "members": 412},
    {"id": "htx-thanhnam", "kind": "cooperative", "name": "HTX chè Thanh Nam",
     "province": "Phú Thọ", "district": "Thanh Sơn", "lat": 21.2905, "lon": 105.0512, "members": 40},
    {"id": "htx-longcoc", "kind": "cooperative", "name": "HTX chè Long Cốc",
     "province": "Phú Thọ", "district": "Tân Sơn", "lat": 21.1812, "lon": 104.9721, "members": 65},
    {"id": "dn-tanhiep", "kind": "enterprise", "name": "Công ty CP Chè Tân Hiệp",
     "province": "Phú Thọ", "lat": 21.4012, "lon": 105.2231, "members": 0},
    {"id": "htx-mocchau", "kind": "cooperative", "name": "HTX chè Mộc Châu",
     "province": "Sơn La", "lat": 20.8451, "lon": 104.6372, "members": 52},
]

PRODUCTS = {
    "htx-thanhnam": {"id": "tea-thanhnam-green", "name": "Chè xanh Thanh Nam", "category": "tea",
                     "unit": "g", "certifications": ["VietGAP"], "ocop_stars": 4},
    "htx-longcoc": {"id": "tea-longcoc-green", "name": "Chè Long Cốc", "category": "tea",
                    "unit": "g", "certifications": ["VietGAP"], "ocop_stars": 3},
    "htx-mocchau": {"id": "tea-mocchau-oolong", "name": "Chè ô long Mộc Châu", "category": "tea",
                    "unit": "g", "certifications": [], "ocop_stars": 3},
}


def today():
    """The node's local date (+07:00); the node runs the system clock in these tests."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()


def iso(d):
    return d.isoformat()


def start_node(extra_config=None):
    """A node with the parties and products above; stopped again if seeding them fails."""
    config = json.loads(json.dumps(CONFIG))
    for section, value in (extra_config or {}).get("plugins", {}).items():
        config["plugins"][section] = value
    node = Node.start(config)
    try:
        for p in PARTIES:
            try:
                node.call("party.register", p)
            except NodeError as e:
                # A node from before parties had a district: the dashboard says "chưa rõ".
                if e.field != "body.district":
                    raise
                node.call("party.register", {k: v for k, v in p.items() if k != "district"})
        tokens = {p["id"]: token_for(node, p["id"]) for p in PARTIES}
        for owner, product in PRODUCTS.items():
            node.call("product.register", product, token=tokens[owner])
    except BaseException:
        node.stop()
        raise
    return node, tokens


def token_for(node, party):
    """A party's API token. Sent without an Idempotency-Key, which token.create refuses (its
    answer holds the secret); the harness's Node.token_for sends one."""
    status, reply, _ = node.http("POST", "/api/v1/messages/token.create",
                                 {"label": "browser tests", "party": party}, node.admin_token)
    assert status == 200, reply
    return reply["token"]


def digits(text):
    return re.sub(r"\D", "", text)


class Page:
    """A browser signed in as one person, with the checks each page must pass."""

    def __init__(self, node, size, login=None, password=PASSWORD):
        self.node = node
        self.weighed = set()
        self.b = Browser(*size)
        self.d = self.b.driver
        # Every page is weighed as on a first visit: nothing comes from the browser's cache.
        self.d.execute_cdp_cmd("Network.enable", {})
        self.d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        if login:
            self.sign_in(login, password)

    def sign_in(self, login, password=PASSWORD):
        self.open("/app/", check=True)
        self.b.wait_for("input[name=login]").send_keys(login)
        # Enter in the password field: the form works from the keyboard.
        self.d.find_element(By.CSS_SELECTOR, "input[name=password]").send_keys(password + "\n")
        self.b.wait_for("nav.main-nav")

    def open(self, path, check=True, wait="main h1"):
        """Loads a page afresh and checks its budgets once its heading is there."""
        # Each screen is weighed once (ids aside): opening it again checks nothing new.
        screen = re.sub(r"/[a-z]{2}-[0-9a-z-]+$", "/:id", path.split("?")[0])
        check = check and screen not in self.weighed
        self.weighed.add(screen)
        self.b.open(self.node.url + path)
        try:
            self.b.wait_for(wait, 15)
        except Exception:
            self.b.screenshot("failed")
            page = self.d.execute_script(
                "return document.getElementById('app').innerText + '\\nfetched: ' + "
                "performance.getEntriesByType('resource').map(r => r.name.split('/').pop()"
                " + ' ' + Math.round(r.duration)).join(', ')")
            import subprocess, time as _t
            t0 = _t.time()
            try:
                print("readyz", self.node.http("GET", "/readyz")[0], _t.time() - t0)
            except Exception as e:
                print("readyz failed", e, _t.time() - t0)
            port = self.node.url.rsplit(":", 1)[1]
            print(subprocess.run(["ss", "-tn", f"( sport = :{port} or dport = :{port} )"], capture_output=True, text=True).stdout)
            raise AssertionError(f"{path}: no {wait!r}; the page says:\n{page}\n"
                                 f"console: {self.d.get_log('browser')}") from None
        if check:
            self.check_budgets(path)

    def settled(self):
        """Waits until the page has fetched nothing new for a moment (maps and charts load their
        libraries after the screen is drawn)."""
        seen = {"count": -1, "since": 0.0}

        def quiet():
            count = self.d.execute_script(
                "return performance.getEntriesByType('resource').filter(r => r.responseEnd > 0).length"
                " + ':' + performance.getEntriesByType('resource').length")
            now = time.monotonic()
            if count != seen["count"]:
                seen.update(count=count, since=now)
            return now - seen["since"] > 0.3
        # A map needs Leaflet and a chart Chart.js: a script still on its way is in no list yet.
        wait_until(lambda: self.d.execute_script(
            "return (!document.querySelector('.map') || !!window.L) &&"
            " (!document.querySelector('canvas') || !!window.Chart)"), 10, "the page's libraries")
        wait_until(quiet, 10, "the page to settle")

    def check_budgets(self, what):
        self.settled()
        sent = self.b.transferred_bytes(exclude=[TILES])
        assert sent < BUDGET_BYTES, f"{what}: {sent} bytes transferred (budget {BUDGET_BYTES})"
        first = wait_until(lambda: self.b.first_render_ms(), 5, "the first paint")
        assert first < FIRST_RENDER_MS, f"{what}: first render after {first:.0f} ms"
        print(f"{what}: {sent / 1024:.0f} KB, first paint {first:.0f} ms")
        self.no_errors(what)

    def no_errors(self, what, ignore=()):
        errors = self.b.console_errors((TILES,) + tuple(ignore))
        assert not errors, f"{what}: console errors {errors}"

    def shots(self, name):
        """The page as it is, on a phone and on a desktop (the window's size is put back)."""
        here = (self.b.width, self.b.height)
        other = DESKTOP if here == PHONE else PHONE
        self.b.screenshot(name)
        self._resize(*other)
        self.b.screenshot(name)
        self._resize(*here)

    def _resize(self, w, h):
        self.d.set_window_size(w, h)
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 600})
        self.b.width, self.b.height = w, h
        # A few frames, so the screenshot shows the new layout (charts and maps measure again).
        self.d.execute_async_script(
            "const done = arguments[0]; let n = 4;"
            "const next = () => (--n ? requestAnimationFrame(next) : done()); requestAnimationFrame(next);")

    def download(self, button):
        """Clicks a button that saves a file; the file's bytes."""
        folder = tempfile.mkdtemp(prefix="lienket-download-")
        self.d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
        self.click(button)
        path = wait_until(lambda: [p for p in glob.glob(os.path.join(folder, "*")) if not p.endswith(".crdownload")],
                          10, "the download")[0]
        with open(path, "rb") as f:
            return f.read()

    def css(self, selector):
        return self.d.find_element(By.CSS_SELECTOR, selector)

    def wait(self, condition, timeout=10):
        return WebDriverWait(self.d, timeout).until(condition)

    # A live refresh may redraw the screen between finding an element and using it (the element
    # is then gone, or not yet laid out): clicking and typing start again on the redrawn one.
    def _again(self, act, timeout=10):
        return WebDriverWait(self.d, timeout, ignored_exceptions=REDRAWN).until(lambda d: act() or True)

    def click(self, selector, timeout=10):
        def act():
            el = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, selector)), timeout)
            self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
            el.click()
            return el
        return self._again(act, timeout)

    def type(self, selector, text, clear=True):
        def act():
            el = self.b.wait_for(selector)
            if clear:
                el.clear()
            el.send_keys(text)
            return el
        return self._again(act)

    def select(self, selector, value):
        self.d.execute_script(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1];"
            "s.dispatchEvent(new Event('change', {bubbles: true}));", selector, value)

    def text(self, selector):
        """The text of the first element matching `selector`, once there is one (one round trip
        to the browser: innerText, as a person reads it)."""
        return self.wait(lambda d: d.execute_script(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", selector))

    def close(self):
        self.b.close()
