"""The public trace page in a real browser, as a shopper's phone opens it from the QR code on a
packet of Thanh Nam tea: two households' plots (outlines) with their diary and harvests, recorded
through the farming plugin, dried and shipped through trace.event.capture. At 390x844 and
1440x900: the Leaflet map draws both outlines (SVG paths in its overlay pane) and a scale with no
tiles at all, and again when the tile server cannot be reached; the words are Vietnamese (or English
on request); no console errors; under 400 KB transferred; first paint under 1 s; screenshots kept.
The 404 page is checked in the same way."""

import datetime
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..",
                                "tests", "support", "browser"))
from lienket_browser import Browser, By, Node, wait_until  # noqa: E402

GTIN = "09520123456788"
SIZES = [(390, 844), (1440, 900)]
BUDGET_BYTES = 400 * 1024
FIRST_RENDER_MS = 1000
UNREACHABLE_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # nothing listens on the discard port


def today():
    """The node's local day (+07:00): it runs the system clock here."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()


def day(offset):
    return (today() + datetime.timedelta(days=offset)).isoformat()


def outline(lat, lon, d=0.0004):
    return [{"lat": lat, "lon": lon}, {"lat": lat + d, "lon": lon + d / 3},
            {"lat": lat + d, "lon": lon + d}, {"lat": lat - d / 4, "lon": lon + d}]


def lot_uri(lot):
    return f"https://id.gs1.org/01/{GTIN}/10/{lot}"


def quantity(lot, kg):
    return {"epcClass": lot_uri(lot), "quantity": kg, "uom": "KGM"}


def token_for(node, party):
    """A party's API token, asked for without an Idempotency-Key: token.create refuses one (its
    answer holds the secret), and the harness's Node.token_for sends one."""
    status, reply, _ = node.http("POST", "/api/v1/messages/token.create",
                                 {"label": "browser tests", "party": party}, node.admin_token)
    assert status == 200, reply
    return reply["token"]


def seed(node):
    """Returns the page's path of the dried lot TN-DRY."""
    node.call("party.register", {
        "id": "htx-thanhnam", "kind": "cooperative", "name": "HTX Chè Thanh Nam",
        "province": "Phú Thọ", "district": "Thanh Sơn", "address": "Xã Thục Luyện",
        "phone": "0210 3870 123", "email": "htx@chethanhnam.vn",
        "lat": 21.2905, "lon": 105.0512, "members": 40})
    node.call("party.register", {
        "id": "dn-tanhiep", "kind": "enterprise", "name": "Công ty CP Chè Tân Hiệp",
        "province": "Phú Thọ", "lat": 21.4012, "lon": 105.2231})
    coop, company = token_for(node, "htx-thanhnam"), token_for(node, "dn-tanhiep")
    node.call("product.register", {
        "id": "tea-thanhnam-green", "name": "Chè xanh Thanh Nam", "category": "tea", "unit": "g",
        "gtin": GTIN, "ocop_stars": 4, "certifications": ["VietGAP"],
        # An image the node itself serves, so the page loads it without leaving the machine.
        "image": "/vendor/leaflet/images/layers-2x.png",
        "certificates": [{"scheme": "VietGAP", "issuer": "Trung tâm Chứng nhận Phù hợp (QUACERT)",
                          "number": "VG-2025-118", "valid_until": day(400)}]}, token=coop)
    plots = [("tn-p1", "ho-001", "Hà Văn Minh", 21.2901), ("tn-p2", "ho-002", "Hộ Nguyễn Thị Hoa",
                                                           21.2921)]
    for plot_id, household, name, lat in plots:
        node.call("farming.plot.register", {
            "id": plot_id, "household_id": household, "household_name": name, "crop": "tea",
            "area_m2": 1800, "polygon": outline(lat, 105.0512)}, token=coop)
    node.call("farming.diary.record", {
        "plot_id": "tn-p1", "kind": "fertiliser", "date": day(-20), "input": "NPK 16-16-8 Lâm Thao",
        "quantity": 50, "quantity_unit": "kg"}, token=coop)
    node.call("farming.diary.record", {
        "plot_id": "tn-p2", "kind": "pesticide", "date": day(-15), "input": "Actara 25WG",
        "active_ingredient": "Thiamethoxam", "dose": "2 g / bình 16 lít", "phi_days": 7},
        token=coop)
    agreement = node.call("farming.agreement.propose", {
        "enterprise": "dn-tanhiep", "cooperative": "htx-thanhnam",
        "product_id": "tea-thanhnam-green",
        "plots": [{"plot_id": "tn-p1", "expected_yield": 700_000},
                  {"plot_id": "tn-p2", "expected_yield": 700_000}],
        "season": {"start": day(-90), "end": day(120)},
        "harvest_window": {"start": day(-30), "end": day(60)},
        "price": {"kind": "fixed", "unit_price_vnd": 120}}, token=company)["agreement"]
    node.call("farming.agreement.sign", {"id": agreement["id"], "version": agreement["version"]},
              token=coop)
    for plot_id, lot, grams in (("tn-p1", "TN-A", 620_000), ("tn-p2", "TN-B", 580_000)):
        node.call("farming.harvest.record", {"agreement_id": agreement["id"], "plot_id": plot_id,
                                             "quantity": grams, "date": day(-3), "lot_id": lot},
                  token=coop)
    dried = {"type": "TransformationEvent", "bizStep": "https://lienket.vn/epcis/bizstep/drying",
             "eventTime": day(-2) + "T09:00:00.000+07:00", "eventTimeZoneOffset": "+07:00",
             "inputQuantityList": [quantity("TN-A", 620), quantity("TN-B", 580)],
             "outputQuantityList": [quantity("TN-DRY", 240)]}
    shipped = {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping",
               "disposition": "in_transit", "eventTime": day(-1) + "T09:00:00.000+07:00",
               "eventTimeZoneOffset": "+07:00", "epcList": [],
               "quantityList": [quantity("TN-DRY", 240)],
               "sourceList": [{"type": "owning_party", "source": "urn:lienket:party:htx-thanhnam"}],
               "destinationList": [{"type": "owning_party",
                                    "destination": "urn:lienket:party:dn-tanhiep"}]}
    for event in (dried, shipped):
        node.call("trace.event.capture", {"event": event}, token=coop)
    return f"/01/{GTIN}/10/TN-DRY"


def check_page(node, path, size, name, ignore_errors=()):
    """Opens the page at one window size and checks what every trace page must pass."""
    b = Browser(*size)
    try:
        b.open(node.url + path)
        b.wait_for(".leaflet-overlay-pane path")
        outlines = b.driver.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")
        assert len(outlines) == 2, f"{name}: {len(outlines)} plot outlines drawn, expected 2"
        assert all(p.get_attribute("d") for p in outlines), f"{name}: an outline has no path data"
        assert b.driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-scale-line"), \
            f"{name}: no scale on the map"
        html = b.driver.page_source
        assert '<html lang="vi">' in html, f"{name}: not a Vietnamese page"
        body = b.driver.find_element(By.TAG_NAME, "body").text
        for words in ("Dữ liệu đã được xác minh", "Bón phân", "Phun thuốc bảo vệ thực vật",
                      "Thời gian cách ly 7 ngày", "Thu hoạch", "Phơi/sấy", "Xuất hàng",
                      "hộ Nguyễn Thị Hoa", "Hiệu lực đến", "Sản phẩm OCOP 4 sao", "0210 3870 123"):
            assert words in body, f"{name}: the page does not say {words!r}"
        for wrong in ("hộ Hộ", "fertiliser", "pesticide", "tạo lô", "000 g"):
            assert wrong not in body, f"{name}: the page says {wrong!r}"
        steps = [li.text for li in b.driver.find_elements(By.CSS_SELECTOR, "ol.journey li")]
        harvests = [s for s in steps if "Thu hoạch" in s]
        picked = (today() - datetime.timedelta(days=3)).strftime("%d/%m/%Y")
        assert len(harvests) == 2 and all(s.startswith(picked) for s in harvests), \
            f"{name}: harvests not shown on the day they were picked ({picked}): {harvests}"
        photo = b.driver.find_element(By.CSS_SELECTOR, "img.photo")
        assert b.driver.execute_script("return arguments[0].naturalWidth", photo) > 0, \
            f"{name}: the product photo did not load"
        wide = b.driver.execute_script("return document.documentElement.scrollWidth")
        assert wide <= size[0], f"{name}: the page is {wide}px wide in a {size[0]}px window"
        errors = b.console_errors(ignore=ignore_errors)
        assert not errors, f"{name}: console errors: {errors}"
        sent = b.transferred_bytes(exclude=("127.0.0.1:9/",))
        assert sent < BUDGET_BYTES, f"{name}: {sent} bytes transferred (budget {BUDGET_BYTES})"
        first = b.first_render_ms()
        assert first is not None and first < FIRST_RENDER_MS, f"{name}: first render {first} ms"
        shots = [b.screenshot(name)]
        for part, css in (("map", "#map"), ("diary", "ol.diary"), ("journey", "ol.journey")):
            b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})",
                                    b.driver.find_element(By.CSS_SELECTOR, css))
            shots.append(b.screenshot(f"{name}-{part}"))
        print(f"{name}: 2 outlines, {sent} bytes, first render {first:.0f} ms, screenshots "
              + ", ".join(shots))
    finally:
        b.close()


def check_english_and_404(node, path):
    b = Browser(390, 844, language="en-US")
    try:
        b.open(node.url + path)  # Accept-Language: en-US
        b.wait_for(".leaflet-overlay-pane path")
        html, body = b.driver.page_source, b.driver.find_element(By.TAG_NAME, "body").text
        assert '<html lang="en">' in html, "an English-speaking browser did not get English"
        for words in ("Records verified", "Fertiliser", "Pre-harvest interval 7 days", "Drying",
                      "household of Nguyễn Thị Hoa", "Tiếng Việt"):
            assert words in body, f"English page: no {words!r}"
        b.screenshot("trace-page-en")
        b.driver.find_element(By.LINK_TEXT, "Tiếng Việt").click()
        wait_until(lambda: b.driver.execute_script("return document.documentElement.lang") == "vi",
                   10, "the language link to switch the page to Vietnamese")
        b.wait_for(".leaflet-overlay-pane path")
        b.open(node.url + f"/01/{GTIN}/10/NO-SUCH-LOT?lang=vi")
        assert "Không tìm thấy lô hàng này" in b.driver.title
        assert "NO-SUCH-LOT" in b.driver.find_element(By.TAG_NAME, "body").text
        b.screenshot("trace-page-404")
        # The 404 is the only console error here: the browser reports the status itself.
        errors = [e for e in b.console_errors() if "404" not in e]
        assert not errors, f"console errors: {errors}"
    finally:
        b.close()


def main():
    node = Node.start(extra_config={"plugins": {"trace": {"tiles": {"url": ""}}}})
    try:
        path = seed(node)
        status, meta, _ = node.http("GET", path, headers={"Accept": "text/html"})
        assert status == 200, status
        assert 'property="og:image"' in meta and 'property="og:title"' in meta, "no Open Graph tags"
        for size in SIZES:
            check_page(node, path, size, f"trace-page-no-tiles-{size[0]}")
        check_english_and_404(node, path)
        assert "a phone that scans a printed code cannot open it" in node.log(), \
            "the loopback resolver was not warned about at start-up"
    finally:
        node.stop()
    # Tiles that cannot load: the outlines and the scale are drawn all the same.
    node = Node.start(extra_config={"plugins": {"trace": {"tiles": {
        "url": UNREACHABLE_TILES, "attribution": "test tiles"}}}})
    try:
        path = seed(node)
        check_page(node, path, SIZES[0], "trace-page-tiles-down-390",
                   ignore_errors=("127.0.0.1:9/",))
    finally:
        node.stop()
    print("trace page: ok")


if __name__ == "__main__":
    main()
