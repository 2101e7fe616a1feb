#include <catch2/catch.hpp>

#include "database.hpp"
#include "event_log.hpp"
#include "plugin_store.hpp"
#include "temp_dir.hpp"
#include "transaction.hpp"

using namespace lienket::core;

TEST_CASE("a group transaction commits atomically to a real RocksDB directory") {
  TempDir dir;
  std::string value_after_reopen;
  {
    auto db = Database::open(dir.path, /*sync=*/true);
    REQUIRE(db.ok());
    auto cf = (*db)->family("p.test");
    REQUIRE(cf.ok());
    Transaction txn(**db);

    SECTION("reads see the group's own writes before commit, and the database only after") {
      REQUIRE(txn.put(*cf, "a", "1").ok());
      CHECK(**txn.get(*cf, "a") == "1");
      std::string v;
      CHECK((*db)->db()->Get({}, *cf, "a", &v).IsNotFound());
      REQUIRE(txn.commit().ok());
      CHECK((*db)->db()->Get({}, *cf, "a", &v).ok());
      CHECK(v == "1");
    }
    SECTION("a rolled-back savepoint takes back exactly its writes and events") {
      auto log = EventLog::open(**db);
      REQUIRE(log.ok());
      REQUIRE(txn.put(*cf, "kept", "1").ok());
      REQUIRE(log->append(txn, "t.kept", "", "", {}).ok());
      txn.savepoint();
      REQUIRE(txn.put(*cf, "dropped", "1").ok());
      REQUIRE(txn.erase(*cf, "kept").ok());
      REQUIRE(log->append(txn, "t.dropped", "", "", {}).ok());
      txn.rollback();
      CHECK(txn.get(*cf, "kept")->has_value());
      CHECK_FALSE(txn.get(*cf, "dropped")->has_value());
      REQUIRE(txn.events().size() == 1);
      auto next = log->append(txn, "t.next", "", "", {});
      CHECK(*next == 2);  // the rolled-back event gave its number back: no gap
    }
    SECTION("scan merges the group's writes with the database, in key order, from after") {
      REQUIRE(txn.put(*cf, "k/1", "a").ok());
      REQUIRE(txn.put(*cf, "k/3", "c").ok());
      REQUIRE(txn.commit().ok());
      REQUIRE(txn.put(*cf, "k/2", "b").ok());
      REQUIRE(txn.erase(*cf, "k/3").ok());
      REQUIRE(txn.put(*cf, "other", "x").ok());
      std::vector<std::string> seen;
      REQUIRE(txn.scan(*cf, "k/", "",
                       [&](std::string_view k, std::string_view) {
                         seen.emplace_back(k);
                         return true;
                       })
                  .ok());
      CHECK(seen == std::vector<std::string>{"k/1", "k/2"});
      seen.clear();
      REQUIRE(txn.scan(*cf, "k/", "k/1",
                       [&](std::string_view k, std::string_view) {
                         seen.emplace_back(k);
                         return true;
                       })
                  .ok());
      CHECK(seen == std::vector<std::string>{"k/2"});
    }
    SECTION("what was committed survives closing and reopening") {
      REQUIRE(txn.put(*cf, "durable", "yes").ok());
      REQUIRE(txn.commit().ok());
    }
  }
  auto db = Database::open(dir.path, true);
  REQUIRE(db.ok());
  auto cf = (*db)->family("p.test");
  Transaction txn(**db);
  auto v = txn.get(*cf, "durable");
  // Only the last SECTION wrote "durable"; the others must not have left it behind.
  if (v->has_value()) CHECK(**v == "yes");
}

TEST_CASE("a plugin's store reaches its own namespace only") {
  // Each plugin's Store is bound to its own column family; the SDK offers no way to name another.
  TempDir dir;
  auto db = Database::open(dir.path, /*sync=*/true);
  REQUIRE(db.ok());
  auto offtake = (*db)->family("p.offtake");
  auto trace = (*db)->family("p.trace");
  REQUIRE((offtake.ok() && trace.ok()));
  Transaction txn(**db);
  PluginStore mine(txn, *offtake), theirs(txn, *trace);
  REQUIRE(mine.put("contract/1", "{}").ok());
  REQUIRE(txn.commit().ok());
  CHECK_FALSE(theirs.get("contract/1")->has_value());
  int seen = 0;
  REQUIRE(
      theirs.scan("", "", [&](std::string_view, std::string_view) { return ++seen, true; }).ok());
  CHECK(seen == 0);
  REQUIRE(theirs.erase("contract/1").ok());  // erasing a key of the same name elsewhere...
  REQUIRE(txn.commit().ok());
  CHECK(mine.get("contract/1")->has_value());  // ...leaves this namespace alone
}
