#include "epcis_query.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "epcis_query_filter.hpp"
#include "event_repository.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "master_data.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultPerPage = 30;  // the binding's default perPage
constexpr std::int64_t kMaxPerPage = 1000;
// Events without the ordering field sort after every dated one (the standard lets them be
// anywhere).
constexpr std::int64_t kUndated = std::numeric_limits<std::int64_t>::max();

// A position in the result order: the ordering key (0 without orderBy) and the record's seq.
struct Position {
  std::int64_t key = 0;
  std::int64_t seq = 0;
};

std::string token_of(const Position& p) {
  return std::to_string(p.key) + "." + std::to_string(p.seq);
}

std::optional<Position> parse_token(const std::string& t) {
  auto dot = t.find('.');
  if (dot == std::string::npos) return std::nullopt;
  Position p;
  auto a = std::from_chars(t.data(), t.data() + dot, p.key);
  auto b = std::from_chars(t.data() + dot + 1, t.data() + t.size(), p.seq);
  if (a.ec != std::errc() || a.ptr != t.data() + dot || b.ec != std::errc() ||
      b.ptr != t.data() + t.size() || p.seq < 0)
    return std::nullopt;
  return p;
}

std::int64_t order_key(const EpcisOrder& o, const json& rec) {
  if (o.by.empty()) return 0;
  std::string t;
  if (o.by == "recordTime")
    t = rec.value("captured_at", "");
  else if (rec.contains("event") && rec["event"].contains("eventTime") &&
           rec["event"]["eventTime"].is_string())
    t = rec["event"]["eventTime"].get<std::string>();
  auto ms = parse_time(t);
  return ms ? *ms : kUndated;
}

// a comes before b in the result order.
bool before(const EpcisOrder& o, const Position& a, const Position& b) {
  bool desc = !o.by.empty() && o.desc;
  if (a.key != b.key) return desc ? a.key > b.key : a.key < b.key;
  return desc ? a.seq > b.seq : a.seq < b.seq;
}

struct Page {
  std::vector<json> records;
  std::optional<Position> next;
};

// Without orderBy: records in seq order from the token on, stopping once the page is full.
Result<Page> page_in_record_order(EventRepository& repo, const EpcisFilter& f,
                                  std::optional<Position> from, std::int64_t limit) {
  Page page;
  auto st = repo.scan(from ? from->seq : 0, [&](const json& rec) {
    if (!matches(f, rec)) return true;
    if (static_cast<std::int64_t>(page.records.size()) == limit) {
      page.next = Position{0, page.records.back().value("seq", std::int64_t{0})};
      return false;
    }
    page.records.push_back(rec);
    return true;
  });
  if (!st.ok()) return st;
  return page;
}

// With orderBy: every match's position, sorted; the page is the `limit` after the token.
Result<Page> page_in_key_order(EventRepository& repo, const EpcisFilter& f,
                               std::optional<Position> from, std::int64_t limit) {
  std::vector<Position> all;
  auto st = repo.scan(0, [&](const json& rec) {
    if (matches(f, rec))
      all.push_back({order_key(f.order, rec), rec.value("seq", std::int64_t{0})});
    return true;
  });
  if (!st.ok()) return st;
  std::sort(all.begin(), all.end(),
            [&](const Position& a, const Position& b) { return before(f.order, a, b); });
  if (f.event_count_limit && static_cast<std::int64_t>(all.size()) > *f.event_count_limit)
    all.resize(static_cast<std::size_t>(*f.event_count_limit));
  auto it = all.begin();
  if (from)
    it = std::upper_bound(all.begin(), all.end(), *from, [&](const Position& a, const Position& b) {
      return before(f.order, a, b);
    });
  Page page;
  for (; it != all.end(); ++it) {
    if (static_cast<std::int64_t>(page.records.size()) == limit) {
      page.next = *std::prev(it);
      break;
    }
    auto rec = repo.record(it->seq);
    if (!rec.ok()) return rec.status();
    if (rec->has_value()) page.records.push_back(std::move(**rec));
  }
  return page;
}

Status check_max_count(EventRepository& repo, const EpcisFilter& f) {
  std::int64_t n = 0;
  auto st = repo.scan(0, [&](const json& rec) {
    if (matches(f, rec)) ++n;
    return n <= *f.max_event_count;
  });
  if (!st.ok()) return st;
  if (n > *f.max_event_count)
    return Status::TooLarge("the query matches more than maxEventCount (" +
                            std::to_string(*f.max_event_count) + ") events");
  return Status::Ok();
}

// The page's JSON-LD context: the standard one plus every prefix its events were captured with.
json page_context(const std::vector<json>& records) {
  json prefixes = json::object();
  for (const auto& rec : records) {
    if (!rec.contains("context")) continue;
    const json& c = rec["context"];
    for (const auto& part : c.is_array() ? c : json::array({c}))
      if (part.is_object())
        for (auto it = part.begin(); it != part.end(); ++it) prefixes[it.key()] = *it;
  }
  json out = json::array({kDefaultContext});
  if (!prefixes.empty()) out.push_back(prefixes);
  return out;
}

}  // namespace

Status resolve_within(EpcisFilter& filter, Context& cx) {
  for (const auto& [key, roots] : filter.within) {
    MasterDataQuery q;
    q.within = roots;
    q.attributes = false;
    q.max_elements = 10000;
    auto found = query_master_data(cx, q);
    if (!found.ok()) return found.status();
    std::vector<std::string> ids = roots;
    for (const auto& v : *found)
      for (const auto& e : v["vocabularyElementList"]) ids.push_back(e.value("id", ""));
    add_location_test(filter, key, ids);
  }
  filter.within.clear();
  return Status::Ok();
}

Result<json> handle_epcis_query(const Request& r, Context& cx) {
  Fields fields(r.body);
  fields.only({"epcis", "limit", "page_token", "extensions"});
  std::int64_t limit = fields.opt_integer("limit", 1, kMaxPerPage).value_or(kDefaultPerPage);
  auto token = fields.opt_str("page_token", 100);
  if (!fields.ok()) return fields.status();
  std::map<std::string, std::string> namespaces;
  const json extensions = r.body.value("extensions", json::object());
  for (auto it = extensions.begin(); it != extensions.end(); ++it)
    if (it->is_string()) namespaces[it.key()] = it->get<std::string>();
  auto filter = parse_epcis_filter(r.body["epcis"], "body.epcis", namespaces);
  if (!filter.ok()) return filter.status();
  LIENKET_RETURN_IF_ERROR(resolve_within(*filter, cx));
  std::optional<Position> from;
  if (token) {
    from = parse_token(*token);
    if (!from)
      return Status::InvalidArgument("body.page_token is not a token this node gave",
                                     "body.page_token");
  }
  EventRepository repo(cx.store());
  if (filter->max_event_count && !from) LIENKET_RETURN_IF_ERROR(check_max_count(repo, *filter));
  auto page = filter->order.by.empty() ? page_in_record_order(repo, *filter, from, limit)
                                       : page_in_key_order(repo, *filter, from, limit);
  if (!page.ok()) return page.status();
  json events = json::array();
  for (const auto& rec : page->records) events.push_back(exported_event(rec));
  json out{{"events", events}, {"context", page_context(page->records)}};
  if (page->next) out["next_page_token"] = token_of(*page->next);
  return out;
}

}  // namespace lienket::trace
