// The request handlers of the farming plugin, one per message type (docs/protocol-farming.md).
// Each validates its body (errors name the field), checks the acting party's role, and on success
// writes its records and emits its event in the request's transaction; on error it has written
// nothing the node will keep (the node rolls the transaction back).
#pragma once

#include <nlohmann/json.hpp>

#include "config.hpp"
#include "lienket/context.hpp"
#include "lienket/message.hpp"

namespace lienket::farming {

// One handler; contract.cpp binds it to the plugin's Config.
using HandlerFn = Result<nlohmann::json> (*)(const Request&, Context&, const Config&);

Result<nlohmann::json> plot_register(const Request&, Context&, const Config&);
Result<nlohmann::json> plot_get(const Request&, Context&, const Config&);
Result<nlohmann::json> plot_list(const Request&, Context&, const Config&);

Result<nlohmann::json> agreement_propose(const Request&, Context&, const Config&);
Result<nlohmann::json> agreement_amend(const Request&, Context&, const Config&);
Result<nlohmann::json> agreement_sign(const Request&, Context&, const Config&);
Result<nlohmann::json> agreement_get(const Request&, Context&, const Config&);
Result<nlohmann::json> agreement_list(const Request&, Context&, const Config&);

Result<nlohmann::json> advance_record(const Request&, Context&, const Config&);
Result<nlohmann::json> advance_list(const Request&, Context&, const Config&);

Result<nlohmann::json> diary_record(const Request&, Context&, const Config&);
Result<nlohmann::json> diary_list(const Request&, Context&, const Config&);

Result<nlohmann::json> harvest_record(const Request&, Context&, const Config&);
Result<nlohmann::json> harvest_list(const Request&, Context&, const Config&);

Result<nlohmann::json> market_price_set(const Request&, Context&, const Config&);

Result<nlohmann::json> settlement_compute(const Request&, Context&, const Config&);
Result<nlohmann::json> settlement_confirm(const Request&, Context&, const Config&);
Result<nlohmann::json> settlement_get(const Request&, Context&, const Config&);

Result<nlohmann::json> settlement_pay(const Request&, Context&, const Config&);

Result<nlohmann::json> member_join(const Request&, Context&, const Config&);
Result<nlohmann::json> member_leave(const Request&, Context&, const Config&);
Result<nlohmann::json> member_list(const Request&, Context&, const Config&);

Result<nlohmann::json> alerts_list(const Request&, Context&, const Config&);

}  // namespace lienket::farming
