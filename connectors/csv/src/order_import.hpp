// Purchase orders from a CSV file, as offtake.contract.post requests. Pure: text in, requests and
// per-row errors out; applying them is the caller's (FolderImporter runs them in one transaction).
//
// The first row names the columns (any order; PROTOCOL.md lists them). Each later row is one
// purchase contract posted as its `buyer`. Empty cells are absent fields. Integers are plain
// digits (no thousands separators); lat/lon are decimals with a point. Errors name the row by
// the line where it starts (the header is line 1), the column, the request field
// (body.quantity, as) and the error code.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::csvconn {

inline constexpr std::size_t kMaxImportBytes =
    8u << 20;  // one file is one transaction: keep it bounded
inline constexpr std::size_t kMaxImportRows = 5000;

struct RowError {
  std::size_t line = 0;  // 0: the file as a whole
  std::string column;    // "" when no single column is at fault
  std::string field;     // the request field, e.g. body.quantity
  std::string code;      // a protocol error code, e.g. invalid_argument
  std::string message;
};

struct Order {
  std::size_t line = 0;
  std::string order_ref;  // the buyer's own order number, echoed in the result file
  std::string buyer;
  nlohmann::json body;  // an offtake.contract.post body
};

struct ImportPlan {
  std::vector<Order> orders;
  std::vector<RowError> errors;  // rows that could not even be read; the file fails if any
};

ImportPlan plan_import(std::string_view content);

// Posts every order through `post` (acting party, body), collecting the contract id of each, and an
// error for each order that failed. The caller rolls everything back unless errors is empty.
using PostFn =
    std::function<Result<nlohmann::json>(const std::string& buyer, const nlohmann::json& body)>;
struct Applied {
  std::vector<std::string> contract_ids;  // parallel to plan.orders ("" for a failed one)
  std::vector<RowError> errors;
};
Applied apply_orders(const ImportPlan& plan, const PostFn& post);

// An error of the request on `line` as a report row: the column is derived from the field.
RowError row_error(std::size_t line, const Status& status);

// The report files (RFC 4180, header first), errors in line order.
std::string errors_csv(std::vector<RowError> errors);
std::string result_csv(const ImportPlan& plan, const std::vector<std::string>& contract_ids);

}  // namespace lienket::csvconn
