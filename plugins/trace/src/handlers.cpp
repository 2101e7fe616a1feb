#include "handlers.hpp"

#include <functional>
#include <map>
#include <set>

#include "bus_mapper.hpp"
#include "cbv.hpp"
#include "chain_verification.hpp"
#include "custody.hpp"
#include "digital_link.hpp"
#include "epcis_query.hpp"
#include "epcis_validator.hpp"
#include "epcis_xml.hpp"
#include "event_hash.hpp"
#include "event_repository.hpp"
#include "genealogy.hpp"
#include "gs1_keys.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "master_data.hpp"
#include "page_data.hpp"
#include "qr_code.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxPage = 1000;

// bizStep values compare by their CBV name whatever their spelling.
std::string cbv_name_or(const std::string& value) {
  if (auto n = cbv_name(Vocab::kBizStep, value)) return *n;
  return value;
}

// trace.event.capture's body.xml: an EPCISDocument in XML, validated against GS1's XSD.
Result<json> xml_capture_document(const json& xml) {
  if (!xml.is_string()) return Status::InvalidArgument("body.xml must be a string", "body.xml");
  auto doc = epcis_xml_to_json(xml.get<std::string>());
  if (!doc.ok()) return Status::InvalidArgument("body.xml: " + doc.status().message(), "body.xml");
  if (doc->value("type", "") != "EPCISDocument")
    return Status::InvalidArgument(
        "body.xml: an EPCISQueryDocument is a query's answer; capture takes an EPCISDocument",
        "body.xml");
  return doc;
}

// The master data a document's header declares (epcisHeader.epcisMasterData.vocabularyList), or
// null when it declares none.
json declared_vocabularies(const json& doc) {
  if (!doc.contains("epcisHeader") || !doc["epcisHeader"].is_object()) return nullptr;
  const json& h = doc["epcisHeader"];
  if (!h.contains("epcisMasterData") || !h["epcisMasterData"].is_object()) return nullptr;
  const json& md = h["epcisMasterData"];
  return md.contains("vocabularyList") ? md["vocabularyList"] : json();
}

}  // namespace

Result<json> handle_capture(const Request& r, Context& cx) {
  const json& b = r.body;
  bool has_event = b.contains("event"), has_doc = b.contains("document"),
       has_xml = b.contains("xml");
  for (auto it = b.begin(); it != b.end(); ++it)
    if (it.key() != "event" && it.key() != "document" && it.key() != "xml")
      return Status::InvalidArgument("body." + it.key() + " is not a known field",
                                     "body." + it.key());
  if (int(has_event) + int(has_doc) + int(has_xml) != 1)
    return Status::InvalidArgument(
        "body.event, body.document or body.xml is required (exactly one)", "body.event");
  std::vector<json> events;
  json context, vocabularies;
  if (has_event) {
    LIENKET_RETURN_IF_ERROR(validate_event(b["event"], "body.event"));
    events.push_back(b["event"]);
    context = b["event"].contains("@context") ? b["event"]["@context"] : json(kDefaultContext);
  } else {
    // An XML document is captured as its JSON-LD form (epcis_xml.hpp), checked by the same rules.
    auto from_xml = has_xml ? xml_capture_document(b["xml"]) : Result<json>(json());
    if (!from_xml.ok()) return from_xml.status();
    const json& doc = has_xml ? *from_xml : b["document"];
    const std::string path = has_xml ? "body.xml" : "body.document";
    LIENKET_RETURN_IF_ERROR(validate_document(doc, path));
    // Without the fields the document declares not part of its events ("ignoreFields").
    events = document_events(doc);
    context = doc["@context"];
    vocabularies = declared_vocabularies(doc);
    if (!vocabularies.is_null())
      LIENKET_RETURN_IF_ERROR(validate_vocabulary_list(
          vocabularies, path + ".epcisHeader.epcisMasterData.vocabularyList"));
  }
  if (r.as.empty() && !r.admin)
    return Status::Unauthenticated("trace.event.capture needs the acting party (or an admin)",
                                   "as");
  if (!r.as.empty())
    for (std::size_t i = 0; i < events.size(); ++i)
      LIENKET_RETURN_IF_ERROR(
          check_and_claim_custody(cx.store(), events[i], r.as,
                                  has_event ? "body.event"
                                            : std::string(has_xml ? "body.xml" : "body.document") +
                                                  ".epcisBody.eventList." + std::to_string(i)));
  if (!vocabularies.is_null()) {
    // Master data describes the declarer's own places and products: any party may declare, the
    // node keeps it beside what it knows itself (master_data.hpp).
    LIENKET_RETURN_IF_ERROR(store_vocabularies(cx.store(), vocabularies));
  }
  std::vector<Capture> captures;
  captures.reserve(events.size());
  for (auto& ev : events) {
    json ctx = ev.contains("@context") ? ev["@context"] : context;
    captures.push_back({std::move(ev), std::move(ctx)});
  }
  EventRepository repo(cx.store());
  auto appended = repo.append(std::move(captures), format_time(cx.now_ms()));
  if (!appended.ok()) return appended.status();
  json results = json::array(), ids = json::array();
  std::int64_t stored = 0;
  for (auto& a : *appended) {
    json one{{"eventID", a.event_id}, {"hash", std::move(a.hash)}};
    if (a.duplicate)
      one["duplicate"] = true;
    else {
      one["seq"] = a.seq;
      ids.push_back(std::move(a.event_id));
      ++stored;
    }
    results.push_back(std::move(one));
  }
  if (stored > 0)
    LIENKET_RETURN_IF_ERROR(
        cx.emit("trace.events.captured", {{"count", stored}, {"event_ids", ids}}));
  return json{{"stored", stored}, {"events", results}};
}

namespace {

Result<VerifyRequest> decode_verify(Fields& f) {
  f.only({"from", "after", "limit"});
  auto from = f.opt_str("from", 20);
  auto after = f.opt_integer("after", 0, INT64_MAX);
  VerifyRequest v;
  v.limit = f.opt_integer("limit", 1, kMaxVerifyPage).value_or(kDefaultVerifyPage);
  if (f.ok() && from && *from != "start" && *from != "checkpoint")
    f.fail("from", "must be start or checkpoint");
  if (f.ok() && from && after) f.fail("after", "and body.from exclude each other");
  if (!f.ok()) return f.status();
  if (after) {
    v.from = VerifyFrom::kCursor;
    v.after = *after;
  } else if (from == "checkpoint") {
    v.from = VerifyFrom::kCheckpoint;
  }
  return v;
}

}  // namespace

Result<json> handle_verify(const Request& r, Context& cx) {
  Fields f(r.body);
  auto request = decode_verify(f);
  if (!request.ok()) return request.status();
  auto v = verify_chain(cx.store(), *request);
  if (!v.ok()) return v.status();
  json out{{"ok", v->ok},
           {"events", v->verified_to},
           {"head", v->head},
           {"checked", v->checked},
           {"verified_seq", v->checkpoint}};
  if (v->next_after) out["next_after"] = v->next_after;
  if (!v->ok) {
    out["bad_seq"] = v->bad_seq;
    out["reason"] = v->reason;
  }
  return out;
}

namespace {

Result<json> lot_walk(const Request& r, Context& cx, bool back) {
  Fields f(r.body);
  f.only({"lot"});
  auto lot = f.str("lot", 500);
  if (!f.ok()) return f.status();
  EventRepository repo(cx.store());
  auto ids = resolve_lot(repo, lot, "body.lot");
  if (!ids.ok()) return ids.status();
  auto out = back ? trace_back(repo, *ids) : trace_forward(repo, *ids);
  if (!out.ok()) return out.status();
  (*out)["lot"] = lot;
  (*out)["ids"] = *ids;
  return out;
}

std::optional<std::int64_t> day_bound(Fields& f, const char* key, bool end) {
  auto d = f.opt_date(key);
  if (!d) return std::nullopt;
  auto days = date_to_days(*d);
  // Days are local (+07:00) calendar days.
  std::int64_t start = *days * 86400000 - std::int64_t{kUtcOffsetMinutes} * 60000;
  return end ? start + 86400000 - 1 : start;
}

}  // namespace

Result<json> handle_lot_back(const Request& r, Context& cx) { return lot_walk(r, cx, true); }
Result<json> handle_lot_forward(const Request& r, Context& cx) { return lot_walk(r, cx, false); }

Result<json> handle_recall(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"plot", "lot", "from", "to"});
  auto plot = f.opt_str("plot", 200);
  auto lot = f.opt_str("lot", 500);
  auto from = day_bound(f, "from", false), to = day_bound(f, "to", true);
  if (f.ok() && plot.has_value() == lot.has_value())
    f.fail("plot", "or body.lot is required (exactly one)");
  if (!f.ok()) return f.status();
  EventRepository repo(cx.store());
  std::vector<std::string> start;
  if (lot) {
    auto ids = resolve_lot(repo, *lot, "body.lot");
    if (!ids.ok()) return ids.status();
    start = *ids;
  } else {
    auto ids = repo.ids_of_plot(*plot);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return Status::NotFound("no traced harvest from plot " + *plot, "body.plot");
    start = *ids;
  }
  auto out = recall(repo, start, from, to);
  if (!out.ok()) return out.status();
  for (auto& p : (*out)["parties"]) {
    std::string who = p["party"];
    if (who.rfind("urn:lienket:party:", 0) == 0) p["party_id"] = who.substr(18);
  }
  return out;
}

namespace {

struct Query {
  std::optional<std::string> epc, lot, biz_step, type, location;
  std::optional<std::int64_t> from, to;
  std::int64_t limit = 100;
  std::int64_t after = 0;
};

Result<Query> decode_query(Fields& f, std::int64_t max_limit) {
  f.only({"epc", "lot", "bizStep", "type", "location", "from", "to", "limit", "after"});
  Query q;
  q.epc = f.opt_str("epc", 500);
  q.lot = f.opt_str("lot", 500);
  q.biz_step = f.opt_str("bizStep", 500);
  q.type = f.opt_str("type", 40);
  q.location = f.opt_str("location", 500);
  q.from = day_bound(f, "from", false);
  q.to = day_bound(f, "to", true);
  q.limit = f.opt_integer("limit", 1, max_limit).value_or(std::min<std::int64_t>(100, max_limit));
  q.after = f.opt_integer("after", 0, INT64_MAX).value_or(0);
  if (!f.ok()) return f.status();
  return q;
}

bool matches(const Query& q, const json& ev) {
  if (q.type && ev.value("type", "") != *q.type) return false;
  if (q.biz_step) {
    std::string want = cbv_name_or(*q.biz_step), have = cbv_name_or(ev.value("bizStep", ""));
    if (want != have) return false;
  }
  if (q.location) {
    std::string want = canonical_identifier(*q.location);
    bool hit = false;
    for (const char* k : {"readPoint", "bizLocation"})
      if (ev.contains(k) && ev[k].is_object() &&
          canonical_identifier(ev[k].value("id", "")) == want)
        hit = true;
    if (!hit) return false;
  }
  if (q.from || q.to) {
    auto t = parse_time(ev.value("eventTime", ""));
    if (!t || (q.from && *t < *q.from) || (q.to && *t > *q.to)) return false;
  }
  return true;
}

// Records matching `q`, at most q.limit, after seq q.after; next = the cursor for the next page.
Result<std::vector<json>> run_query(EventRepository& repo, const Query& q, std::int64_t* next) {
  std::vector<json> out;
  *next = 0;
  auto take = [&](const json& rec) {
    if (!matches(q, rec["event"])) return true;
    if (static_cast<std::int64_t>(out.size()) == q.limit) {
      *next = out.back()["seq"].get<std::int64_t>();
      return false;
    }
    out.push_back(rec);
    return true;
  };
  if (q.epc || q.lot) {
    std::vector<std::string> ids;
    if (q.epc) ids.push_back(canonical_identifier(*q.epc));
    if (q.lot) {
      auto found = resolve_lot(repo, *q.lot, "body.lot");
      if (!found.ok()) return found.status();
      ids.insert(ids.end(), found->begin(), found->end());
    }
    std::set<std::int64_t> seqs;
    for (const auto& id : ids) {
      auto s = repo.events_of(id);
      if (!s.ok()) return s.status();
      seqs.insert(s->begin(), s->end());
    }
    for (auto s : seqs) {
      if (s <= q.after) continue;
      auto rec = repo.record(s);
      if (!rec.ok()) return rec.status();
      if (rec->has_value() && !take(**rec)) break;
    }
  } else {
    LIENKET_RETURN_IF_ERROR(repo.scan(q.after, take));
  }
  return out;
}

}  // namespace

Result<json> handle_events_query(const Request& r, Context& cx) {
  // The EPCIS standard's parameters (the REST binding's GET /epcis/events): epcis_query.hpp.
  if (r.body.contains("epcis")) return handle_epcis_query(r, cx);
  Fields f(r.body);
  auto q = decode_query(f, kMaxPage);
  if (!q.ok()) return q.status();
  EventRepository repo(cx.store());
  std::int64_t next = 0;
  auto recs = run_query(repo, *q, &next);
  if (!recs.ok()) return recs.status();
  json events = json::array();
  for (const auto& rec : *recs) events.push_back(exported_event(rec));
  json out{{"events", events}};
  if (next) out["next_after"] = next;
  return out;
}

namespace {

// One JSON-LD context for a document gathering events captured under different contexts: the
// standard context plus every prefix they declared.
json merged_context(const std::vector<json>& records) {
  json prefixes = json::object();
  std::function<void(const json&)> collect = [&](const json& c) {
    if (c.is_array())
      for (const auto& e : c) collect(e);
    else if (c.is_object())
      for (auto it = c.begin(); it != c.end(); ++it) prefixes[it.key()] = *it;
  };
  for (const auto& rec : records)
    if (rec.contains("context")) collect(rec["context"]);
  if (prefixes.empty()) return json::array({kDefaultContext});
  return json::array({kDefaultContext, prefixes});
}

}  // namespace

Result<json> handle_export(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"lot", "query", "format"});
  auto lot = f.opt_str("lot", 500);
  auto format = f.opt_str("format", 10).value_or("json");
  bool has_query = r.body.contains("query");
  if (f.ok() && format != "json" && format != "xml") f.fail("format", "must be json or xml");
  if (f.ok() && lot.has_value() == has_query)
    f.fail("lot", "or body.query is required (exactly one)");
  if (!f.ok()) return f.status();
  EventRepository repo(cx.store());
  std::vector<json> recs;
  if (lot) {
    auto ids = resolve_lot(repo, *lot, "body.lot");
    if (!ids.ok()) return ids.status();
    std::set<std::int64_t> seqs;
    for (bool up : {true, false}) {
      auto nodes = closure(repo, *ids, up);
      if (!nodes.ok()) return nodes.status();
      for (const auto& [id, depth] : *nodes) {
        auto s = repo.events_of(id);
        if (!s.ok()) return s.status();
        seqs.insert(s->begin(), s->end());
      }
    }
    for (auto s : seqs) {
      auto rec = repo.record(s);
      if (!rec.ok()) return rec.status();
      if (rec->has_value()) recs.push_back(std::move(**rec));
    }
  } else {
    Fields qf = f.object("query");
    auto q = decode_query(qf, kMaxEventsPerDocument);
    if (!q.ok()) return q.status();
    std::int64_t next = 0;
    auto found = run_query(repo, *q, &next);
    if (!found.ok()) return found.status();
    recs = std::move(*found);
  }
  json list = json::array();
  for (const auto& rec : recs) list.push_back(exported_event(rec));
  json doc{{"@context", merged_context(recs)},
           {"type", "EPCISDocument"},
           {"schemaVersion", "2.0"},
           {"creationDate", format_time(cx.now_ms())},
           {"epcisBody", {{"eventList", list}}}};
  // The places, parties and products the events name, so the reader need not ask for them.
  auto vocabularies = master_data_of_events(cx, std::vector<json>(list.begin(), list.end()));
  if (!vocabularies.ok()) return vocabularies.status();
  if (!vocabularies->empty())
    doc["epcisHeader"] = {{"epcisMasterData", {{"vocabularyList", *vocabularies}}}};
  if (format == "xml")  // the same document in EPCIS 2.0 XML (epcis_xml.hpp)
    return json{{"document", doc}, {"format", "xml"}, {"xml", epcis_json_to_xml(doc)}};
  return json{{"document", doc}};
}

namespace {

// The lot's Digital Link identifier (a GTIN-based one), from a bare lot number or a URI.
Result<DigitalLink> lot_link(EventRepository& repo, const std::string& lot) {
  auto ids = resolve_lot(repo, lot, "body.lot");
  if (!ids.ok()) return ids.status();
  for (const auto& id : *ids)
    if (auto dl = parse_digital_link(id);
        dl.ok() && dl->primary_ai == "01" && !dl->get("10").empty())
      return *dl;
  return Status::FailedPrecondition(
      "lot " + lot + " has no GTIN-based identifier (its product has no gtin)", "body.lot");
}

}  // namespace

Result<json> handle_qr(const Request& r, Context& cx, const Settings& s) {
  Fields f(r.body);
  f.only({"lot", "format"});
  auto lot = f.str("lot", 500);
  auto format = f.opt_str("format", 10).value_or("svg");
  if (f.ok() && format != "svg")
    f.fail("format", "must be \"svg\" (PNG files: the lienket-trace-qr tool)");
  if (!f.ok()) return f.status();
  EventRepository repo(cx.store());
  auto dl = lot_link(repo, lot);
  if (!dl.ok()) return dl.status();
  std::string uri = generate_digital_link(s.resolver, *dl);
  auto qr = encode_qr(uri);
  if (!qr.ok()) return qr.status();
  return json{{"uri", uri}, {"format", "svg"}, {"svg", qr_svg(*qr)}};
}

Result<json> handle_page_get(const Request& r, Context& cx, const Settings& s) {
  Fields f(r.body);
  f.only({"gtin", "lot"});
  auto gtin = f.str("gtin", 14);
  auto lot = f.str("lot", 200);
  if (!f.ok()) return f.status();
  // Through the Digital Link parser, as the page's URL: a GTIN-13 is padded, the lot checked.
  const std::string stem(kCanonicalResolver);
  auto key = parse_digital_link(stem + "/01/" + gtin, kNodeReading);
  if (!key.ok())
    return Status::InvalidArgument("body.gtin is " + key.status().message(), "body.gtin");
  auto dl = parse_digital_link(lot_digital_link(stem, key->get("01"), lot), kNodeReading);
  if (!dl.ok()) return Status::InvalidArgument("body.lot is " + dl.status().message(), "body.lot");
  return build_page_data(cx, dl->get("01"), dl->get("10"), s.resolver);
}

namespace {

namespace farming_ev = lienket::farming::events;
namespace offtake_ev = lienket::offtake::events;

// The product's GTIN-14 from the registry, "" when it has none. The producing plugins checked the
// product when the contract was made, so an unknown one means the event cannot be mapped.
Result<std::string> gtin_of_product(const Event& e, Context& cx, const std::string& product_id) {
  auto p = cx.registry().product(product_id);
  if (!p.ok()) {
    if (p.status().code() != Code::kNotFound) return p.status();
    return Status::InvalidArgument("trace cannot record " + e.type + " #" + std::to_string(e.seq) +
                                       ": data.product_id " + product_id +
                                       " is not a registered product",
                                   "data.product_id");
  }
  auto g = p->find("gtin");
  return g != p->end() && g->is_string() ? g->get<std::string>() : std::string();
}

// The EPCIS event of a subscribed event, or nullopt when it is not about a lot or plot.
Result<std::optional<Mapped>> map_bus_event(const Event& e, Context& cx) {
  if (e.type == farming_ev::kHarvestRecorded) {
    auto h = decode_event<farming_ev::HarvestRecorded>(e);
    if (!h.ok()) return h.status();
    auto gtin = gtin_of_product(e, cx, h->product_id);
    if (!gtin.ok()) return gtin.status();
    auto m = epcis_from_harvest(e, *h, *gtin);
    if (!m.ok()) return m.status();
    return std::optional<Mapped>(std::move(*m));
  }
  if (e.type == farming_ev::kDiaryRecorded) {
    auto d = decode_event<farming_ev::DiaryRecorded>(e);
    if (!d.ok()) return d.status();
    auto m = epcis_from_diary(e, *d);
    if (!m.ok()) return m.status();
    return std::optional<Mapped>(std::move(*m));
  }
  if (e.type == offtake_ev::kDeliveryRecorded) {
    auto d = decode_event<offtake_ev::DeliveryRecorded>(e);
    if (!d.ok()) return d.status();
    if (!d->lot_id) return std::optional<Mapped>();  // goods without a lot: nothing to trace
    auto gtin = gtin_of_product(e, cx, d->product_id);
    if (!gtin.ok()) return gtin.status();
    auto m = epcis_from_delivery(e, *d, *gtin);
    if (!m.ok()) return m.status();
    return std::optional<Mapped>(std::move(*m));
  }
  return std::optional<Mapped>();
}

}  // namespace

Status record_bus_event(const Event& e, Context& cx) {
  auto mapped = map_bus_event(e, cx);
  if (!mapped.ok()) return mapped.status();
  if (!mapped->has_value()) return Status::Ok();
  const Mapped& m = **mapped;
  // Custody follows the goods: the harvesting cooperative, then the seller and buyer of a delivery.
  for (const auto& party : m.custodians)
    LIENKET_RETURN_IF_ERROR(grant_custody(cx.store(), m.event, party));
  EventRepository repo(cx.store());
  auto a = repo.append(m.event, lienket_context(), format_time(cx.now_ms()));
  if (!a.ok()) return a.status();
  if (a->duplicate) return Status::Ok();
  return cx.emit("trace.event.recorded", {{"eventID", a->event_id},
                                          {"seq", a->seq},
                                          {"source", e.type + "#" + std::to_string(e.seq)}});
}

}  // namespace lienket::trace
