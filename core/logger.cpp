#include "logger.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace lienket::core {

namespace {

// Marks a message made by structured(); a control character no plain message starts with.
constexpr char kStructured = '\x1e';

// %* in the JSON pattern: a plain message as "msg":"...", a structured one as its own fields.
class JsonPayload final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string_view text(msg.payload.data(), msg.payload.size());
    std::string out;
    if (!text.empty() && text.front() == kStructured && text.size() > 3) {
      out = std::string(text.substr(2, text.size() - 3));  // the object without its braces
    } else {
      out = "\"msg\":" + nlohmann::json(std::string(text))
                             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    dest.append(out.data(), out.data() + out.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonPayload>();
  }
};

// %* in the text pattern: the message, without the structured marker.
class TextPayload final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string_view text(msg.payload.data(), msg.payload.size());
    if (!text.empty() && text.front() == kStructured) text.remove_prefix(1);
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<TextPayload>();
  }
};

}  // namespace

std::string structured(const nlohmann::json& fields) {
  return kStructured + fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::shared_ptr<spdlog::logger> make_node_logger(const std::string& level, bool json) {
  auto existing = spdlog::get("lienket");
  auto log = existing ? existing : spdlog::stderr_color_mt("lienket");
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (json) {
    formatter->add_flag<JsonPayload>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%*})");
  } else {
    formatter->add_flag<TextPayload>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %*");
  }
  log->set_formatter(std::move(formatter));
  log->set_level(spdlog::level::from_str(level));
  log->flush_on(spdlog::level::info);
  return log;
}

}  // namespace lienket::core
