// Waiting on a condition instead of a fixed sleep: polls `condition` until it holds or `timeout`
// passes, and says which. Tests use it for anything another thread or process does in its own time
// (a connector's delivery, a subscriber's cursor, a file appearing).
//   REQUIRE(lienket::testing::eventually([&] { return status()["lag"] == 0; }));
#pragma once

#include <chrono>
#include <thread>

namespace lienket::testing {

template <typename Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds timeout = std::chrono::seconds(20),
                std::chrono::milliseconds poll = std::chrono::milliseconds(10)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(poll);
  }
}

}  // namespace lienket::testing
