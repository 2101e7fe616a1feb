// Errors over HTTP: RFC 9457 problem details (application/problem+json), one table from the bus's
// error codes to HTTP statuses. The body carries the bus code and, when one input is to blame, the
// field: {"type": "urn:lienket:error:invalid_argument", "title": "Invalid argument", "status": 400,
// "detail": "...", "code": "invalid_argument", "field": "body.quantity", "instance": "<request
// id>"}. An `internal` error says only that it happened: its message may name a file or an
// exception.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/http.hpp"
#include "lienket/status.hpp"

namespace lienket::core::http {

int http_status(Code code);

// A problem response for `status` (never ok). `instance` is the request id, for the logs.
HttpResponse problem(const Status& status, const std::string& instance);
// The same for an HTTP-only condition without a bus code (405, 415, 429): code is "http_<status>".
HttpResponse problem(int http_status, const std::string& code, const std::string& detail,
                     const std::string& instance);
// The Status of a reply envelope's "error" member.
Status status_of_reply(const nlohmann::json& reply);

}  // namespace lienket::core::http
