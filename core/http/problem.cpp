#include "problem.hpp"

namespace lienket::core::http {

namespace {

std::string title_of(std::string_view code) {
  std::string t(code);
  for (auto& c : t) c = c == '_' ? ' ' : c;
  if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 'a' + 'A');
  return t;
}

HttpResponse render(int status, const std::string& code, const std::string& detail,
                    const std::string& field, const std::string& instance) {
  nlohmann::json body = {{"type", "urn:lienket:error:" + code},
                         {"title", title_of(code)},
                         {"status", status},
                         {"detail", detail},
                         {"code", code}};
  if (!field.empty()) body["field"] = field;
  if (!instance.empty()) body["instance"] = instance;
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace

int http_status(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kNotFound:
    case Code::kUnknownType:
      return 404;
    case Code::kAlreadyExists:
    case Code::kFailedPrecondition:
      return 409;
    case Code::kTooLarge:
      return 413;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse problem(const Status& status, const std::string& instance) {
  std::string code(code_name(status.code()));
  if (status.code() == Code::kInternal)
    return render(500, code, "internal error; the node's log has the details", "", instance);
  return render(http_status(status.code()), code, status.message(), status.field(), instance);
}

HttpResponse problem(int http_status, const std::string& code, const std::string& detail,
                     const std::string& instance) {
  return render(http_status, code, detail, "", instance);
}

Status status_of_reply(const nlohmann::json& reply) {
  const auto& e = reply.contains("error") && reply["error"].is_object() ? reply["error"]
                                                                        : nlohmann::json::object();
  std::string code = e.value("code", "internal");
  for (Code c : {Code::kInvalidArgument, Code::kNotFound, Code::kAlreadyExists,
                 Code::kFailedPrecondition, Code::kPermissionDenied, Code::kUnauthenticated,
                 Code::kUnknownType, Code::kTooLarge, Code::kUnavailable})
    if (code_name(c) == code) return Status(c, e.value("message", ""), e.value("field", ""));
  return Status::Internal(e.value("message", ""));
}

}  // namespace lienket::core::http
