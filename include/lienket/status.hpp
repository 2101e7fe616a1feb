// Errors as values. Every call that can fail across the plugin boundary returns a Status or a
// Result<T>; exceptions never cross it (the host catches any that escape a plugin and turns them
// into an `internal` error reply).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace lienket {

// The error codes of the wire protocol (docs/protocol.md). Their names are the wire strings.
enum class Code {
  kOk,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kUnknownType,
  kTooLarge,
  kInternal,
  kUnavailable,
};

inline std::string_view code_name(Code c) {
  switch (c) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kNotFound:
      return "not_found";
    case Code::kAlreadyExists:
      return "already_exists";
    case Code::kFailedPrecondition:
      return "failed_precondition";
    case Code::kPermissionDenied:
      return "permission_denied";
    case Code::kUnauthenticated:
      return "unauthenticated";
    case Code::kUnknownType:
      return "unknown_type";
    case Code::kTooLarge:
      return "too_large";
    case Code::kInternal:
      return "internal";
    case Code::kUnavailable:
      return "unavailable";
  }
  return "internal";
}

// An outcome: ok, or an error code with a message and (when one input is to blame) the field's
// path in the request, e.g. "body.quantity".
class Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg, std::string field = {}) {
    return {Code::kInvalidArgument, std::move(msg), std::move(field)};
  }
  static Status NotFound(std::string msg, std::string field = {}) {
    return {Code::kNotFound, std::move(msg), std::move(field)};
  }
  static Status AlreadyExists(std::string msg, std::string field = {}) {
    return {Code::kAlreadyExists, std::move(msg), std::move(field)};
  }
  static Status FailedPrecondition(std::string msg, std::string field = {}) {
    return {Code::kFailedPrecondition, std::move(msg), std::move(field)};
  }
  static Status PermissionDenied(std::string msg, std::string field = {}) {
    return {Code::kPermissionDenied, std::move(msg), std::move(field)};
  }
  static Status Unauthenticated(std::string msg, std::string field = {}) {
    return {Code::kUnauthenticated, std::move(msg), std::move(field)};
  }
  static Status UnknownType(std::string msg, std::string field = "type") {
    return {Code::kUnknownType, std::move(msg), std::move(field)};
  }
  static Status TooLarge(std::string msg) { return {Code::kTooLarge, std::move(msg), {}}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg), {}}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg), {}}; }

  Status(Code code, std::string message, std::string field)
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design, like std::expected
  Result(Status error) : v_(std::move(error)) {}  // NOLINT; an ok Status here is a bug -> internal
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  Status status() const {
    if (ok()) return Status::Ok();
    const Status& s = std::get<1>(v_);
    return s.ok() ? Status::Internal("error result without a code") : s;
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace lienket

// Propagates a non-ok Status (or the Status of a failed Result) to the caller.
#define LIENKET_RETURN_IF_ERROR(expr)                              \
  do {                                                             \
    auto _lk_st = (expr);                                          \
    if (!_lk_st.ok()) return ::lienket::detail::status_of(_lk_st); \
  } while (0)

namespace lienket::detail {
inline Status status_of(const Status& s) { return s; }
template <typename T>
Status status_of(const Result<T>& r) {
  return r.status();
}
}  // namespace lienket::detail
