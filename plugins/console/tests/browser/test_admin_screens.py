"""The node admin's screens load (parties, users, tokens, connectors, plugins), and a token made
in the browser is shown once and works."""

import sys

from console_kit import DESKTOP, PASSWORD, Page, start_node


def main():
    node, _ = start_node()
    node.create_user("quantri", PASSWORD, name="Quản trị viên")
    page = None
    try:
        page = Page(node, DESKTOP, "quantri")
        page.open("/app/parties")
        page.b.wait_text("#party-list", "HTX chè Thanh Nam")
        page.shots("admin-parties")
        page.open("/app/users")
        page.b.wait_text("#user-list", "quantri")
        page.shots("admin-users")
        page.open("/app/connectors")
        page.shots("admin-connectors")
        page.open("/app/plugins")
        page.b.wait_text("main table", "offtake")
        page.shots("admin-plugins")

        page.open("/app/tokens")
        page.type("#token-form input[name=label]", "ERP Tân Hiệp")
        page.select("#token-form select[name=party]", "dn-tanhiep")
        page.type("#token-form input[name=scopes]", "offtake.")
        page.click("#token-form button[type=submit]")
        secret = page.b.wait_for("#token-secret").get_attribute("value")
        assert secret.startswith("lk_"), secret
        page.b.wait_text("#token-list", "ERP Tân Hiệp")
        page.shots("admin-tokens")
        made = [t for t in node.call("token.list", {})["tokens"] if t["label"] == "ERP Tân Hiệp"]
        assert made and made[0]["party"] == "dn-tanhiep" and made[0]["scopes"] == ["offtake."], made
        # The secret works over HTTP, for its party.
        status, reply, _ = node.http("POST", "/api/v1/messages/offtake.contract.list", {}, token=secret)
        assert status == 200, reply
        page.no_errors("admin")
    finally:
        if page:
            page.close()
        node.stop()


if __name__ == "__main__":
    main()
    print("ok")
    sys.exit(0)
