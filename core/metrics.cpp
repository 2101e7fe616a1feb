#include "metrics.hpp"

#include <sstream>

namespace lienket::core {

namespace {

// A label value as the text format wants it: backslash, double quote and newline escaped.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

void header(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

template <typename H, typename B>
void histogram(std::ostringstream& out, const std::string& name, const std::string& labels,
               const H& h, const B& bounds) {
  std::string sep = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    cumulative += h.buckets[i];
    out << name << "_bucket{" << labels << sep << "le=\"" << number(bounds[i]) << "\"} "
        << cumulative << '\n';
  }
  out << name << "_bucket{" << labels << sep << "le=\"+Inf\"} " << h.count << '\n';
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out << name << "_sum" << braces << ' ' << number(h.sum) << '\n';
  out << name << "_count" << braces << ' ' << h.count << '\n';
}

}  // namespace

template <std::size_t N>
void Metrics::Histogram<N>::add(const std::array<double, N>& bounds, double v) {
  for (std::size_t i = 0; i < N; ++i)
    if (v <= bounds[i]) {
      ++buckets[i];
      break;
    }
  ++count;
  sum += v;
}

void Metrics::request(std::string_view type, std::string_view outcome, std::string_view via,
                      double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(type), std::string(outcome), std::string(via)}];
  latency_[std::string(type)].add(kSeconds, seconds);
}

void Metrics::batch(std::size_t requests, double commit_seconds) {
  std::lock_guard lock(mu_);
  batch_sizes_.add(kSizes, static_cast<double>(requests));
  commit_.add(kSeconds, commit_seconds);
}

void Metrics::http_response(int status) {
  std::lock_guard lock(mu_);
  ++http_[status];
}

void Metrics::last_seq(std::uint64_t seq) {
  std::lock_guard lock(mu_);
  last_seq_ = seq;
}

std::string Metrics::render(const nlohmann::json& node_info,
                            const nlohmann::json& connectors) const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  header(out, "lienket_requests_total", "counter",
         "Requests answered, by message type, outcome (ok or the error code) and transport.");
  for (const auto& [key, n] : requests_)
    out << "lienket_requests_total{type=\"" << label(std::get<0>(key)) << "\",outcome=\""
        << label(std::get<1>(key)) << "\",via=\"" << label(std::get<2>(key)) << "\"} " << n << '\n';
  header(out, "lienket_request_duration_seconds", "histogram",
         "Time from a request's arrival to its durable reply, by message type.");
  for (const auto& [type, h] : latency_)
    histogram(out, "lienket_request_duration_seconds", "type=\"" + label(type) + "\"", h, kSeconds);
  header(out, "lienket_batch_requests", "histogram", "Requests per group commit.");
  histogram(out, "lienket_batch_requests", "", batch_sizes_, kSizes);
  header(out, "lienket_commit_duration_seconds", "histogram",
         "Time to write one group commit (one fsync under durability sync).");
  histogram(out, "lienket_commit_duration_seconds", "", commit_, kSeconds);
  header(out, "lienket_http_responses_total", "counter", "HTTP responses by status.");
  for (const auto& [status, n] : http_)
    out << "lienket_http_responses_total{status=\"" << status << "\"} " << n << '\n';
  header(out, "lienket_event_log_seq", "gauge", "The last seq in the event log.");
  std::uint64_t seq = last_seq_;
  if (node_info.is_object() && node_info.contains("node"))
    seq = std::max<std::uint64_t>(seq, node_info["node"].value("last_seq", std::uint64_t{0}));
  out << "lienket_event_log_seq " << seq << '\n';
  header(out, "lienket_plugin_quarantined", "gauge",
         "1 when a plugin is quarantined (gets no calls), else 0.");
  if (node_info.is_object() && node_info["plugins"].is_array())
    for (const auto& p : node_info["plugins"])
      out << "lienket_plugin_quarantined{plugin=\"" << label(p.value("name", "")) << "\"} "
          << (p.value("quarantined", "").empty() ? 0 : 1) << '\n';
  header(out, "lienket_connector_lag", "gauge",
         "Events in the log that a connector has not yet delivered.");
  if (connectors.is_object() && connectors["connectors"].is_array())
    for (const auto& c : connectors["connectors"])
      out << "lienket_connector_lag{connector=\"" << label(c.value("connector", "")) << "\"} "
          << c.value("lag", std::int64_t{0}) << '\n';
  return out.str();
}

}  // namespace lienket::core
