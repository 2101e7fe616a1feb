// A small typed description of JSON values that renders to JSON Schema (draft 2020-12). Plugins
// describe each message's body and result and each event's data with it; the host publishes the
// rendered schemas (node.schema), and the docs, the fuzzers and the contract tests read them.
//
//   using namespace lienket::schema;
//   Schema body = object({{"product_id", id()},
//                         {"quantity", integer(1, kMaxGrams).describe("grams")},
//                         {"note", string(500).optional()}});
//
// Objects are closed (additionalProperties: false) and their members required unless optional():
// a handler that reads a key its schema does not name, or a result that grows a field, fails its
// contract test rather than drifting silently.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace lienket::schema {

class Schema {
 public:
  Schema() : j_(nlohmann::json::object()) {}
  explicit Schema(nlohmann::json j) : j_(std::move(j)) {}

  // A member of an object that may be left out.
  Schema& optional() {
    optional_ = true;
    return *this;
  }
  // A member that may also be null (read as "absent" by the handlers).
  Schema& nullable() {
    auto t = j_.value("type", nlohmann::json());
    if (t.is_string()) j_["type"] = nlohmann::json::array({t, "null"});
    return *this;
  }
  Schema& describe(std::string text) {
    j_["description"] = std::move(text);
    return *this;
  }
  Schema& with(const std::string& keyword, nlohmann::json value) {
    j_[keyword] = std::move(value);
    return *this;
  }
  bool is_optional() const { return optional_; }
  const nlohmann::json& json() const { return j_; }
  operator const nlohmann::json&() const { return j_; }  // NOLINT: a Schema is its JSON

 private:
  nlohmann::json j_;
  bool optional_ = false;
};

using Member = std::pair<std::string, Schema>;

inline Schema any() { return Schema(); }
inline Schema boolean() { return Schema(nlohmann::json{{"type", "boolean"}}); }
inline Schema string(std::size_t max_len = 200) {
  return Schema(nlohmann::json{{"type", "string"}, {"minLength", 1}, {"maxLength", max_len}});
}
// A string that may be empty (results echo optional text as "").
inline Schema text(std::size_t max_len = 10000) {
  return Schema(nlohmann::json{{"type", "string"}, {"maxLength", max_len}});
}
// A record id: lower-case letters, digits, '-', '_', '.', at most 64 characters.
inline Schema id() {
  return Schema(
      nlohmann::json{{"type", "string"}, {"pattern", "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"}});
}
inline Schema one_of_strings(std::initializer_list<const char*> values) {
  auto e = nlohmann::json::array();
  for (const char* v : values) e.push_back(v);
  return Schema(nlohmann::json{{"type", "string"}, {"enum", e}});
}
inline Schema integer() { return Schema(nlohmann::json{{"type", "integer"}}); }
inline Schema integer(std::int64_t min, std::int64_t max) {
  return Schema(nlohmann::json{{"type", "integer"}, {"minimum", min}, {"maximum", max}});
}
inline Schema number() { return Schema(nlohmann::json{{"type", "number"}}); }
inline Schema number(double min, double max) {
  return Schema(nlohmann::json{{"type", "number"}, {"minimum", min}, {"maximum", max}});
}
// A calendar date "YYYY-MM-DD".
inline Schema date() {
  return Schema(nlohmann::json{
      {"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, {"format", "date"}});
}
// An RFC 3339 time with its offset, as the node writes them ("2026-03-01T08:00:00+07:00").
inline Schema timestamp() {
  return Schema(nlohmann::json{{"type", "string"}, {"format", "date-time"}});
}

inline Schema array(const Schema& items, std::size_t max_items = 100000) {
  return Schema(
      nlohmann::json{{"type", "array"}, {"items", items.json()}, {"maxItems", max_items}});
}

inline Schema object(std::initializer_list<Member> members) {
  nlohmann::json props = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  for (const auto& [name, s] : members) {
    props[name] = s.json();
    if (!s.is_optional()) required.push_back(name);
  }
  nlohmann::json j{{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  if (!required.empty()) j["required"] = required;
  return Schema(std::move(j));
}
// An object whose keys are open (a map, or a value a plugin passes through from its client).
inline Schema open_object() { return Schema(nlohmann::json{{"type", "object"}}); }
inline Schema map_of(const Schema& values) {
  return Schema(nlohmann::json{{"type", "object"}, {"additionalProperties", values.json()}});
}
// One of several shapes (e.g. a product or a category).
inline Schema any_of(std::initializer_list<Schema> options) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& o : options) a.push_back(o.json());
  return Schema(nlohmann::json{{"anyOf", a}});
}

}  // namespace lienket::schema
