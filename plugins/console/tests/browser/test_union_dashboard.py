"""The Phú Thọ cooperative union's dashboard: its headline figures are offtake.report's for the
province (a Sơn La contract must not count), the charts draw, alerts and the map of cooperatives
and plots load (the tile server being down), and a new offer from one of its cooperatives updates the open dashboard by itself."""

import datetime
import sys

from console_kit import DESKTOP, FAILING_TILES, PASSWORD, Page, digits, iso, start_node, today


def place(province, lat, lon):
    return {"province": province, "lat": lat, "lon": lon}


def seed(node, tokens):
    d = today()
    window = {"deliver_from": iso(d), "deliver_to": iso(d + datetime.timedelta(days=30))}
    buyer = tokens["dn-tanhiep"]
    node.call("offtake.contract.post", {"product_id": "tea-thanhnam-green", "quantity": 20_000_000,
                                        "unit_price_vnd": 150_000, **window,
                                        "place": place("Phú Thọ", 21.4012, 105.2231)}, token=buyer)
    # Long Cốc's lot is due within five days and nothing has come yet: a shortfall to watch.
    node.call("offtake.contract.post", {"category": "tea", "unit": "g", "quantity": 5_000_000,
                                        "unit_price_vnd": 135_000, "deliver_from": iso(d),
                                        "deliver_to": iso(d + datetime.timedelta(days=5)),
                                        "place": place("Phú Thọ", 21.4012, 105.2231)}, token=buyer)
    node.call("offtake.contract.post", {"product_id": "tea-mocchau-oolong", "quantity": 3_000_000,
                                        "unit_price_vnd": 220_000, **window,
                                        "place": place("Sơn La", 21.3272, 103.9144)}, token=buyer)
    offer = {"available_from": iso(d), "available_to": iso(d + datetime.timedelta(days=60))}
    node.call("offtake.offer.post", {"product_id": "tea-thanhnam-green", "quantity": 20_000_000,
                                     "min_unit_price_vnd": 140_000, **offer,
                                     "place": place("Phú Thọ", 21.2905, 105.0512)}, token=tokens["htx-thanhnam"])
    node.call("offtake.offer.post", {"product_id": "tea-longcoc-green", "quantity": 5_000_000,
                                     "min_unit_price_vnd": 130_000, **offer,
                                     "place": place("Phú Thọ", 21.1812, 104.9721)}, token=tokens["htx-longcoc"])
    node.call("offtake.match.run", {})
    for p in node.call("offtake.proposal.list", {"status": "pending"})["proposals"]:
        node.call("offtake.proposal.accept", {"proposal_id": p["id"]}, token=buyer)
        node.call("offtake.proposal.accept", {"proposal_id": p["id"]}, token=tokens[p["seller"]])
    # Thanh Nam's contract is delivered, accepted and paid; Long Cốc's is still open.
    cc = [c for c in node.call("offtake.consumption.list", {})["consumptions"] if c["seller"] == "htx-thanhnam"][0]
    node.call("offtake.delivery.record", {"consumption_id": cc["id"], "quantity": cc["quantity"],
                                          "date": iso(d), "lot_id": "TN-2026-11-B"}, token=tokens["htx-thanhnam"])
    node.call("offtake.delivery.accept", {"consumption_id": cc["id"], "delivery_no": 1, "grade": "A"}, token=buyer)
    node.call("offtake.payment.record", {"consumption_id": cc["id"], "amount_vnd": cc["value_vnd"]}, token=buyer)
    node.call("farming.plot.register", {"id": "lc-p1", "household_id": "ho-101", "household_name": "Lò Văn Páo",
                                        "crop": "tea", "area_m2": 2400,
                                        "polygon": [{"lat": 21.181, "lon": 104.972}, {"lat": 21.1815, "lon": 104.972},
                                                    {"lat": 21.1815, "lon": 104.9727}]}, token=tokens["htx-longcoc"])
    # Long Cốc's season is a month into its harvest and Lò Văn Páo's plot has delivered nothing:
    # an alert of possible side-selling.
    agreement = node.call("farming.agreement.propose", {
        "id": "agr-lc-2026", "enterprise": "dn-tanhiep", "cooperative": "htx-longcoc",
        "product_id": "tea-longcoc-green", "plots": [{"plot_id": "lc-p1", "expected_yield": 3_000_000}],
        "season": {"start": iso(d - datetime.timedelta(days=120)), "end": iso(d + datetime.timedelta(days=60))},
        "harvest_window": {"start": iso(d - datetime.timedelta(days=30)), "end": iso(d + datetime.timedelta(days=30))},
        "price": {"kind": "fixed", "unit_price_vnd": 110_000}}, token=buyer)["agreement"]
    node.call("farming.agreement.sign", {"id": agreement["id"], "version": agreement["version"]},
              token=tokens["htx-longcoc"])


def figures(page):
    """The headline figures as the page shows them, read in one go."""
    return page.d.execute_script(
        "const out = {};"
        "for (const k of arguments[0]) out[k] = document.querySelector(`#fig-${k} .value`).innerText;"
        "return out;", ["contracts", "offers", "matched", "fulfilled", "value", "paid"])


def main():
    # The union's map is drawn with a tile server that does not answer: the cooperatives and the
    # plots' outlines must show all the same.
    node, tokens = start_node(FAILING_TILES)
    page = None
    try:
        seed(node, tokens)
        node.create_user("thu.lmhtx", PASSWORD, party="lmhtx-phutho", name="Trần Thị Thu")
        page = Page(node, DESKTOP, "thu.lmhtx")
        page.open("/app/dashboard")
        page.b.wait_for("#chart-time")
        report = node.call("offtake.report", {"province": "Phú Thọ"})
        shown = figures(page)
        assert shown["contracts"] == str(report["contracts"]["posted"]) == "2", (shown, report)
        assert shown["offers"] == str(report["offers"]["posted"]), (shown, report)
        assert shown["matched"] == str(report["consumption"]["count"]), (shown, report)
        assert shown["fulfilled"] == str(report["consumption"]["by_status"].get("fulfilled", 0)) == "1", shown
        assert digits(shown["value"]) == str(report["consumption"]["value_vnd"]), (shown, report)
        assert digits(shown["paid"]).startswith(str(report["consumption"]["paid_vnd"])), (shown, report)
        assert "HTX chè Thanh Nam" in page.text("main table") and "100" in page.text("main table")
        # Chart.js drew on the canvases (a blank canvas has no non-transparent pixel).
        page.wait(lambda d: d.execute_script(
            "const c = document.querySelector('#chart-time');"
            "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            "return px.some(v => v !== 0);"))
        page.shots("union-dashboard")
        # The same report as CSV, for the union's own spreadsheets.
        csv = page.download("#export-csv").decode("utf-8-sig")
        assert f"Hợp đồng mua đã đăng,{report['contracts']['posted']}" in csv, csv
        assert f"Giá trị đã ký (VND),{report['consumption']['value_vnd']}" in csv, csv
        assert "HTX chè Thanh Nam,100" in csv, csv
        # Value by district (the cooperatives' own) and by category, as charted.
        assert "Giá trị theo huyện,Thanh Sơn,3000000000" in csv and "Giá trị theo huyện,Tân Sơn,675000000" in csv, csv
        assert "Giá trị theo loại hàng,chè,3675000000" in csv, csv

        # A cooperative of the province offers more tea: the open dashboard counts it without a
        # reload. (The union's event stream carries what names its cooperatives; a buyer's new
        # contract names only the buyer, so it shows at the next visit.)
        d = today()
        offers = report["offers"]["posted"]
        node.call("offtake.offer.post", {"product_id": "tea-longcoc-green", "quantity": 2_000_000,
                                         "min_unit_price_vnd": 150_000, "available_from": iso(d),
                                         "available_to": iso(d + datetime.timedelta(days=20)),
                                         "place": place("Phú Thọ", 21.18, 104.97)}, token=tokens["htx-longcoc"])
        page.b.wait_text("#fig-offers .value", str(offers + 1), timeout=15)

        page.open("/app/alerts")
        page.b.wait_text("main", "có thể bán ra ngoài")
        assert "Hợp đồng hết hạn giao trong 7 ngày tới mà vẫn thiếu hàng (1)" in page.text("main")
        page.shots("union-alerts")
        page.click("a[href='/app/plots/lc-p1']")
        page.b.wait_text("main h1", "Lò Văn Páo")
        assert not page.d.find_elements("css selector", "button.harvest"), "the union only reads"
        page.shots("union-plot")
        page.open("/app/map", wait="#union-map .leaflet-interactive")
        assert "HTX chè Long Cốc" in page.text("main table") and "HTX chè Mộc Châu" not in page.text("main table")
        page.shots("union-map")
        page.open("/app/consumptions")
        page.no_errors("union")
    finally:
        if page:
            page.close()
        node.stop()


if __name__ == "__main__":
    main()
    print("ok")
    sys.exit(0)
