// Typed, field-named reading of a request body. Reads never throw: the first problem is recorded
// (with its full path, e.g. "body.place.lat") and later reads return defaults, so a decoder reads
// every field and checks ok() once:
//   Fields f(req.body);
//   f.only({"product_id", "quantity"});
//   auto qty = f.integer("quantity", 1, kMaxQuantity);
//   if (!f.ok()) return f.status();
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket {

class Fields {
 public:
  explicit Fields(const nlohmann::json& obj, std::string path = "body")
      : obj_(&obj), path_(std::move(path)), err_(std::make_shared<Status>()) {
    if (!obj.is_object()) fail_at(path_, "must be an object");
  }

  bool ok() const { return err_->ok(); }
  Status status() const { return *err_; }
  bool has(std::string_view key) const {
    return obj().contains(key) && !obj()[std::string(key)].is_null();
  }
  std::string path(std::string_view key) const { return path_ + "." + std::string(key); }

  // Records an error about `key` (first one wins). Always returns false, for `return f.fail(...)`.
  bool fail(std::string_view key, std::string_view message) {
    fail_at(path(key), message);
    return false;
  }
  // Rejects any key not in `allowed`.
  void only(std::initializer_list<std::string_view> allowed) {
    for (auto it = obj().begin(); it != obj().end(); ++it) {
      bool known = false;
      for (auto a : allowed) known = known || it.key() == a;
      if (!known) fail(it.key(), "is not a known field");
    }
  }

  std::string str(std::string_view key, std::size_t max_len = 200) {
    auto v = opt_str(key, max_len);
    if (!v && ok()) fail(key, "is required");
    return v.value_or("");
  }
  std::optional<std::string> opt_str(std::string_view key, std::size_t max_len = 200) {
    const auto* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) return type_error(key, "a string"), std::nullopt;
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty()) return fail(key, "must not be empty"), std::nullopt;
    if (s.size() > max_len)
      return fail(key, "is longer than " + std::to_string(max_len) + " bytes"), std::nullopt;
    return s;
  }
  // An identifier: 1-64 of [A-Za-z0-9._:-].
  std::string id(std::string_view key) {
    auto v = opt_id(key);
    if (!v && ok()) fail(key, "is required");
    return v.value_or("");
  }
  std::optional<std::string> opt_id(std::string_view key) {
    auto v = opt_str(key, 64);
    if (v && !is_id(*v))
      return fail(key, "must be 1-64 characters of A-Z a-z 0-9 . _ : -"), std::nullopt;
    return v;
  }
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) {
    auto v = opt_integer(key, min, max);
    if (!v && ok()) fail(key, "is required");
    return v.value_or(0);
  }
  std::optional<std::int64_t> opt_integer(std::string_view key, std::int64_t min,
                                          std::int64_t max) {
    const auto* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX))
      return type_error(key, "an integer"), std::nullopt;
    auto n = v->get<std::int64_t>();
    if (n < min || n > max)
      return fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max)),
             std::nullopt;
    return n;
  }
  // Floating point is for coordinates and the like, never for money or stock.
  double number(std::string_view key, double min, double max) {
    auto v = opt_number(key, min, max);
    if (!v && ok()) fail(key, "is required");
    return v.value_or(0);
  }
  std::optional<double> opt_number(std::string_view key, double min, double max) {
    const auto* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) return type_error(key, "a number"), std::nullopt;
    double d = v->get<double>();
    if (!(d >= min && d <= max))
      return fail(key, "must be between " + trim(min) + " and " + trim(max)), std::nullopt;
    return d;
  }
  std::optional<bool> opt_bool(std::string_view key) {
    const auto* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) return type_error(key, "true or false"), std::nullopt;
    return v->get<bool>();
  }
  // A calendar date "YYYY-MM-DD" (compare as strings: they sort by date).
  std::string date(std::string_view key) {
    auto v = opt_date(key);
    if (!v && ok()) fail(key, "is required");
    return v.value_or("");
  }
  std::optional<std::string> opt_date(std::string_view key) {
    auto v = opt_str(key, 10);
    if (v && !is_date(*v)) return fail(key, "must be a date YYYY-MM-DD"), std::nullopt;
    return v;
  }
  // A list of non-empty strings (absent: empty list).
  std::vector<std::string> str_list(std::string_view key, std::size_t max_items = 50) {
    std::vector<std::string> out;
    const auto* v = get(key);
    if (!v) return out;
    if (!v->is_array()) return type_error(key, "a list of strings"), out;
    if (v->size() > max_items)
      return fail(key, "has more than " + std::to_string(max_items) + " items"), out;
    for (std::size_t i = 0; i < v->size(); ++i) {
      const auto& e = (*v)[i];
      if (!e.is_string() || e.get_ref<const std::string&>().empty() ||
          e.get_ref<const std::string&>().size() > 200) {
        fail_at(path(key) + "[" + std::to_string(i) + "]", "must be a non-empty string");
        return {};
      }
      out.push_back(e.get<std::string>());
    }
    return out;
  }
  // A nested object read with its own path ("body.place"); shares this reader's error.
  Fields object(std::string_view key) {
    const auto* v = get(key);
    if (!v) {
      if (ok()) fail(key, "is required");
      return Fields(empty_object(), path(key), err_);
    }
    return Fields(*v, path(key), err_);
  }
  const nlohmann::json& raw() const { return obj(); }

  static bool is_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
      bool okc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == ':' || c == '-';
      if (!okc) return false;
    }
    return true;
  }
  static bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
      if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
        d = std::stoi(std::string(s.substr(8, 2)));
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  }

 private:
  Fields(const nlohmann::json& obj, std::string path, std::shared_ptr<Status> err)
      : obj_(&obj), path_(std::move(path)), err_(std::move(err)) {
    if (!obj.is_object()) fail_at(path_, "must be an object");
  }
  static const nlohmann::json& empty_object() {
    static const nlohmann::json kEmpty = nlohmann::json::object();
    return kEmpty;
  }
  const nlohmann::json& obj() const { return obj_->is_object() ? *obj_ : empty_object(); }
  const nlohmann::json* get(std::string_view key) const {
    auto it = obj().find(key);
    if (it == obj().end() || it->is_null()) return nullptr;
    return &*it;
  }
  void type_error(std::string_view key, std::string_view want) {
    fail(key, "must be " + std::string(want));
  }
  void fail_at(const std::string& field, std::string_view message) {
    if (err_->ok()) *err_ = Status::InvalidArgument(field + " " + std::string(message), field);
  }
  static std::string trim(double d) {
    std::string s = std::to_string(d);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  const nlohmann::json* obj_;
  std::string path_;
  std::shared_ptr<Status> err_;
};

}  // namespace lienket
