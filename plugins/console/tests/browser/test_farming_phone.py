"""Contract farming from a phone (390×844): the Thanh Nam cooperative's director draws a new plot
by tapping its corners, writes a fertiliser entry and a harvest for one household, then tries to
harvest a plot sprayed today and is told in words why not and from which day; the settlement
statements print one household per page."""

import datetime
import json
import os
import sys
import tempfile

from selenium.webdriver.common.action_chains import ActionChains

from console_kit import PASSWORD, PHONE, Page, iso, start_node, today


def square(lat, lon, d=0.0004):
    return [{"lat": lat, "lon": lon}, {"lat": lat + d, "lon": lon},
            {"lat": lat + d, "lon": lon + d}, {"lat": lat, "lon": lon + d}]


def seed(node, tokens):
    coop, company = tokens["htx-thanhnam"], tokens["dn-tanhiep"]
    for plot_id, hh, name, lat in (("tn-p1", "ho-001", "Hà Văn Minh", 21.2901),
                                   ("tn-p2", "ho-002", "Nguyễn Thị Hoa", 21.2911)):
        node.call("farming.plot.register", {
            "id": plot_id, "household_id": hh, "household_name": name, "crop": "tea",
            "area_m2": 1800, "polygon": square(lat, 105.0512),
            "certification": {"scheme": "VietGAP", "expires": "2027-12-31"}}, token=coop)
    d = today()
    agreement = node.call("farming.agreement.propose", {
        "id": "agr-tn-2026", "enterprise": "dn-tanhiep", "cooperative": "htx-thanhnam",
        "product_id": "tea-thanhnam-green",
        "plots": [{"plot_id": "tn-p1", "expected_yield": 2_000_000},
                  {"plot_id": "tn-p2", "expected_yield": 1_500_000}],
        "season": {"start": iso(d - datetime.timedelta(days=90)), "end": iso(d + datetime.timedelta(days=120))},
        "harvest_window": {"start": iso(d - datetime.timedelta(days=30)), "end": iso(d + datetime.timedelta(days=60))},
        "price": {"kind": "fixed", "unit_price_vnd": 120_000}}, token=company)["agreement"]
    node.call("farming.agreement.sign", {"id": agreement["id"], "version": agreement["version"]}, token=coop)
    node.call("farming.advance.record", {"agreement_id": "agr-tn-2026", "item": "fertiliser",
                                         "description": "NPK 16-16-8", "quantity": 40,
                                         "quantity_unit": "bao 50 kg", "value_vnd": 18_400_000,
                                         "date": iso(d - datetime.timedelta(days=20))}, token=company)


def main():
    node, tokens = start_node()
    page = None
    try:
        seed(node, tokens)
        node.create_user("minh.thanhnam", PASSWORD, party="htx-thanhnam", name="Hà Văn Minh")
        page = Page(node, PHONE, "minh.thanhnam")
        draw_a_plot(page, node)

        page.open("/app/plots")
        page.b.wait_for("#plots-map path.leaflet-interactive")
        page.shots("coop-plots")

        # Nguyễn Thị Hoa's plot: fertiliser today, then 500 kg picked.
        page.open("/app/plots/tn-p2")
        page.click("button.diary-fertiliser")
        page.type("#diary-form input[name=input]", "NPK 16-16-8 Lâm Thao")
        page.type("#diary-form input[name=quantity]", "2")
        page.type("#diary-form input[name=quantity_unit]", "bao 50 kg")
        page.click("#diary-form button[type=submit]")
        page.b.wait_text("#diary", "NPK 16-16-8 Lâm Thao")
        page.click("button.harvest")
        page.type("#harvest-form input[name=quantity]", "500")
        page.click("#harvest-form button[type=submit]")
        page.b.wait_text("#form-slot", "Đã ghi thu hoạch 500 kg")
        page.b.wait_text("#harvests", "500 kg")
        page.shots("coop-plot")
        harvests = node.call("farming.harvest.list", {"agreement_id": "agr-tn-2026", "plot_id": "tn-p2"})
        assert harvests["total_quantity"] == 500_000, harvests
        entries = node.call("farming.diary.list", {"plot_id": "tn-p2"})["entries"]
        assert entries[0]["kind"] == "fertiliser" and entries[0]["quantity"] == 2, entries

        # Hà Văn Minh's plot is sprayed today: a harvest is refused, and the page says why.
        page.open("/app/plots/tn-p1")
        page.click("button.diary-pesticide")
        page.type("#diary-form input[name=input]", "Radiant 60SC")
        page.type("#diary-form input[name=active_ingredient]", "spinetoram")
        page.type("#diary-form input[name=dose]", "10 ml / bình 16 lít")
        page.type("#diary-form input[name=phi_days]", "14")
        page.click("#diary-form button[type=submit]")
        page.b.wait_text("#diary", "Radiant 60SC")
        allowed = (today() + datetime.timedelta(days=14)).strftime("%d/%m/%Y")
        assert page.text("#phi-waiting") == f"Lô này đang trong thời gian cách ly thuốc: từ ngày {allowed} mới được thu hoạch."
        page.click("button.harvest")
        page.type("#harvest-form input[name=quantity]", "300")
        page.click("#harvest-form button[type=submit]")
        sentence = page.text("#phi-refusal")
        sprayed = today().strftime("%d/%m")
        expected = (f"Lô chè này chưa được thu hoạch: thuốc Radiant 60SC (spinetoram) phun ngày "
                    f"{sprayed} cần 14 ngày cách ly, sớm nhất từ ngày {allowed} mới được thu hoạch.")
        assert sentence == expected, sentence
        page.shots("coop-phi-refusal")
        assert node.call("farming.harvest.list", {"agreement_id": "agr-tn-2026", "plot_id": "tn-p1"})["harvests"] == []
        # The refusal is the node's 409 for that one request: the only error the browser may log.
        page.no_errors("farming", ignore=("farming.harvest.record",))

        # The season's settlement, one printable statement per household.
        page.open("/app/settlements")
        page.click("#agreement-list button")
        page.b.wait_text("main h1", "Bảng quyết toán")
        page.b.wait_text("main", "Hộ Nguyễn Thị Hoa")
        page.check_budgets("settlement")
        page.shots("coop-settlement")
        page.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert not page.css("nav.main-nav").is_displayed()
        page.b.screenshot("coop-settlement-print")
        page.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        page.no_errors("settlement", ignore=("farming.harvest.record",))
    finally:
        if page:
            page.close()
        node.stop()


def draw_a_plot(page, node):
    """A new plot: its corners tapped on the phone's map, then its outline imported from a file."""
    page.open("/app/plots/new")
    page.type("input[name=household_id]", "ho-017")
    page.type("input[name=household_name]", "Đinh Văn Tú")
    page.type("input[name=crop]", "tea")
    area = page.b.wait_for("#draw-map .leaflet-zoom-animated, #draw-map .leaflet-pane")
    mapel = page.css("#draw-map")
    page.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", mapel)
    for dx, dy in ((-60, -40), (60, -40), (60, 40), (-60, 40)):
        ActionChains(page.d).move_to_element_with_offset(mapel, dx, dy).click().perform()
    page.b.wait_text("#plot-form", "4 góc")
    assert int(page.css("input[name=area_m2]").get_attribute("value")) > 0
    page.shots("coop-plot-draw")
    # Or the outline comes from a GPS app's GeoJSON file (lon, lat; the ring closed).
    ring = [[105.0500, 21.2950], [105.0506, 21.2950], [105.0508, 21.2955], [105.0503, 21.2958],
            [105.0499, 21.2955], [105.0500, 21.2950]]
    path = os.path.join(tempfile.mkdtemp(prefix="lienket-geojson-"), "lo-dinh-van-tu.geojson")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "Feature", "properties": {"name": "Lô Đinh Văn Tú"},
                   "geometry": {"type": "Polygon", "coordinates": [ring]}}, f)
    page.css("#geojson-file").send_keys(path)
    page.b.wait_text("#plot-form", "5 góc")
    page.click("#plot-form button[type=submit]")
    page.b.wait_text("main h1", "Đinh Văn Tú")
    plots = node.call("farming.plot.list", {"cooperative": "htx-thanhnam"})["plots"]
    drawn = [p for p in plots if p["household_id"] == "ho-017"]
    assert drawn and len(drawn[0]["polygon"]) == 5, plots
    assert drawn[0]["polygon"][0] == {"lat": 21.295, "lon": 105.05}, drawn[0]["polygon"]
    del area


if __name__ == "__main__":
    main()
    print("ok")
    sys.exit(0)
