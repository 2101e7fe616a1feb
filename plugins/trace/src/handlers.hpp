// The plugin's message handlers (docs/protocol-trace.md) and its reaction to bus events. Each one
// reads and writes only through the Context it is given, so that it commits or vanishes with the
// command; none of them throws.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

struct Settings {
  std::string resolver;  // Digital Link resolver written into QR codes, without a trailing "/"
};

Result<nlohmann::json> handle_request(const Request& req, Context& cx, const Settings& settings);
// farming.* and offtake.* events that describe a lot become stored EPCIS events.
Status record_bus_event(const Event& event, Context& cx);

}  // namespace lienket::trace
