// The OpenAPI 3.1 document of the node's HTTP API (GET /api/v1/openapi.json), generated from the
// same declarations the node serves: one POST /api/v1/messages/<type> operation per declared
// message (its body and result schemas, its callers, read-only or not), one operation per plugin
// route, and the node's own paths. openapi_html renders it for people (GET /api/v1/docs).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "../plugin_host.hpp"

namespace lienket::core::http {

nlohmann::json openapi_document(PluginHost& host);
std::string openapi_html(const nlohmann::json& document);

}  // namespace lienket::core::http
