// A HostContext for unit tests of what a plugin does outside a request (connectors, HTTP pages): a
// manual clock, a recording logger, a data directory the test chooses, run() executed at once on a
// MemoryContext under its rollback rule, and submit() answered by a function the test sets. Unlike
// the node, both complete before they return; code that must not block the node's thread is tested
// against a real node (tests/support/testkit.hpp).
#pragma once

#include <functional>
#include <future>
#include <string>

#include "lienket/testing/memory_context.hpp"

namespace lienket::testing {

class FakeHost : public HostContext {
 public:
  explicit FakeHost(std::string data_dir = "/tmp") : data_dir_(std::move(data_dir)) {}
  Clock& clock() override { return cx.clock; }
  Logger& log() override { return cx.log_; }
  std::string data_dir() const override { return data_dir_; }
  std::future<nlohmann::json> submit(Request request) override {
    std::promise<nlohmann::json> p;
    p.set_value(
        on_submit
            ? on_submit(request)
            : nlohmann::json{
                  {"v", 1},
                  {"id", request.id},
                  {"ok", false},
                  {"error", {{"code", "unknown_type"}, {"message", "not in this test host"}}}});
    return p.get_future();
  }
  std::future<Result<nlohmann::json>> run(Work work) override {
    std::promise<Result<nlohmann::json>> p;
    p.set_value(cx.transaction([&] { return work(cx); }));
    return p.get_future();
  }

  MemoryContext cx;  // what run() works on
  std::function<nlohmann::json(const Request&)> on_submit;

 private:
  std::string data_dir_;
};

}  // namespace lienket::testing
