#include <catch2/catch.hpp>

#include "envelope.hpp"
#include "idempotency.hpp"
#include "temp_dir.hpp"

using namespace lienket::core;

TEST_CASE("idempotency records answer retries with the first reply") {
  TempDir dir;
  auto db = Database::open(dir.path, false);
  REQUIRE(db.ok());
  auto idem = Idempotency::open(**db);
  REQUIRE(idem.ok());
  Transaction txn(**db);
  lienket::Request r{"c1", "party.register", "", "k1", {{"name", "HTX A"}}, false, ""};
  REQUIRE_FALSE(idem->lookup(txn, r)->has_value());
  REQUIRE(idem->record(txn, r, reply_ok("c1", {{"party", {{"id", "party-1"}}}})).ok());
  REQUIRE(txn.commit().ok());

  SECTION("the same request again gets the stored reply, with its own id") {
    auto retry = r;
    retry.id = "c2";
    auto found = idem->lookup(txn, retry);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((**found)["id"] == "c2");
    CHECK((**found)["result"]["party"]["id"] == "party-1");
  }
  SECTION("the same key with another body is refused, naming the key") {
    auto other = r;
    other.body["name"] = "HTX B";
    auto found = idem->lookup(txn, other);
    REQUIRE_FALSE(found.ok());
    CHECK(found.status().field() == "idempotency_key");
  }
  SECTION("keys are per acting party") {
    auto someone_else = r;
    someone_else.as = "htx-b";
    CHECK_FALSE(idem->lookup(txn, someone_else)->has_value());
  }
}
