// The node's counters for /metrics (Prometheus text format 0.0.4): requests by message type,
// outcome and transport, with latency histograms; group-commit batch sizes and commit (fsync)
// time; HTTP responses by status; the event log's last seq. Connector lag and plugin quarantine
// are not counted here: the gateway reads them from the node (connector.status, node.info) at each
// scrape and passes them to render(). Thread-safe: the node's loop records, HTTP threads render.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

namespace lienket::core {

class Metrics {
 public:
  // outcome: "ok" or the error code; via: "socket", "http" or "submit".
  void request(std::string_view type, std::string_view outcome, std::string_view via,
               double seconds);
  void batch(std::size_t requests, double commit_seconds);
  void http_response(int status);
  void last_seq(std::uint64_t seq);

  // node_info: node.info's result; connectors: connector.status's result (either may be null).
  std::string render(const nlohmann::json& node_info, const nlohmann::json& connectors) const;

 private:
  static constexpr std::array<double, 14> kSeconds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  static constexpr std::array<double, 11> kSizes = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
  template <std::size_t N>
  struct Histogram {
    std::array<std::uint64_t, N> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
    void add(const std::array<double, N>& bounds, double v);
  };

  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> requests_;
  std::map<std::string, Histogram<kSeconds.size()>> latency_;
  Histogram<kSizes.size()> batch_sizes_;
  Histogram<kSeconds.size()> commit_;
  std::map<int, std::uint64_t> http_;
  std::uint64_t last_seq_ = 0;
};

}  // namespace lienket::core
