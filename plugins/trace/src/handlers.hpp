// The plugin's message handlers (docs/protocol-trace.md) and its reaction to bus events. The node
// calls the handlers through the declared contract (contract.hpp), which also states who may send
// each message; the handlers keep the finer rules (custody). Each one reads and writes only through
// the Context it is given, so that it commits or vanishes with the command; none of them throws.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "config.hpp"
#include "lienket/context.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

struct Settings {
  std::string resolver;  // Digital Link resolver written into QR codes, without a trailing "/"
  HostContext* host = nullptr;  // for the page route, which runs on the HTTP server's threads
  Tiles tiles = Tiles{};        // the public page's map tiles
};

Result<nlohmann::json> handle_capture(const Request& req, Context& cx);
Result<nlohmann::json> handle_verify(const Request& req, Context& cx);
Result<nlohmann::json> handle_lot_back(const Request& req, Context& cx);
Result<nlohmann::json> handle_lot_forward(const Request& req, Context& cx);
Result<nlohmann::json> handle_recall(const Request& req, Context& cx);
Result<nlohmann::json> handle_events_query(const Request& req, Context& cx);
Result<nlohmann::json> handle_export(const Request& req, Context& cx);
Result<nlohmann::json> handle_qr(const Request& req, Context& cx, const Settings& settings);
Result<nlohmann::json> handle_page_get(const Request& req, Context& cx, const Settings& settings);

// Records farming.harvest.recorded, farming.diary.recorded and offtake.delivery.recorded events
// (required subscriptions) as stored EPCIS events. An event that describes a lot but cannot be
// mapped fails with invalid_argument naming the event's field ("data.unit"), which fails the
// emitting command; a delivery without a lot is not a traceability event and is left alone.
Status record_bus_event(const Event& event, Context& cx);

}  // namespace lienket::trace
