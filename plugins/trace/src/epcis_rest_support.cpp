#include "epcis_rest_support.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>

#include "digital_link.hpp"
#include "epcis_xml.hpp"
#include "event_repository.hpp"
#include "gs1_keys.hpp"
#include "lienket/message.hpp"
#include "lienket/util/text.hpp"

namespace lienket::trace::rest {
namespace {

using nlohmann::json;

constexpr auto kNodeTimeout = std::chrono::seconds(10);

std::string header(const HttpRequest& req, const std::string& name) {
  auto it = req.headers.find(name);
  return it == req.headers.end() ? "" : it->second;
}

// "2.0.0" as comparable numbers; a malformed version compares as nothing.
std::vector<int> version(const std::string& v) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= v.size()) {
    auto dot = v.find('.', start);
    std::string part = v.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty() || part.size() > 4 ||
        part.find_first_not_of("0123456789") != std::string::npos)
      return {};
    out.push_back(std::stoi(part));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  while (out.size() < 3) out.push_back(0);
  return out;
}

// The version header `name` excludes 2.0.0: a minimum above it, a maximum below it, an exact
// version of another major.
bool excludes(const HttpRequest& req, const std::string& name, int kind) {
  std::string v = header(req, name);
  if (v.empty()) return false;
  auto asked = version(v), ours = version(kEpcisVersion);
  if (asked.empty()) return true;
  if (kind > 0) return asked > ours;  // a minimum
  if (kind < 0) return asked < ours;  // a maximum
  return asked[0] != ours[0];         // an exact version
}

std::optional<std::string> translate(const std::string& id, EpcFormat f) {
  bool urn = id.rfind("urn:epc:", 0) == 0;
  if (f == EpcFormat::kDigitalLink && urn) return epc_urn_to_digital_link(id);
  if (f == EpcFormat::kUrn && !urn) {
    auto dl = parse_digital_link(id, kNodeReading);
    if (dl.ok()) return epc_urn_of(*dl);
  }
  return std::nullopt;
}

void translate_in(json& v, EpcFormat f) {
  if (!v.is_string()) return;
  if (auto t = translate(v.get<std::string>(), f)) v = *t;
}

}  // namespace

HttpResponse problem(int status, const std::string& exception, const std::string& detail) {
  static const std::map<std::string, std::string> kTitles = {
      {"QueryParameterException", "Invalid query parameter"},
      {"ValidationException", "Invalid EPCIS document or event"},
      {"NoSuchNameException", "Resource not found"},
      {"SecurityException", "Not allowed"},
      {"ResourceAlreadyExistsException", "The resource already exists"},
      {"QueryTooLargeException", "The query result is too large"},
      {"NotAcceptableException", "Conflicting request and response headers"},
      {"UnsupportedMediaTypeException", "Unsupported Media Type"},
      {"ImplementationException", "The node failed"}};
  auto title = kTitles.find(exception);
  HttpResponse r = answer(status, {{"type", "epcisException:" + exception},
                                   {"title", title == kTitles.end() ? exception : title->second},
                                   {"status", status},
                                   {"detail", detail}});
  r.content_type = "application/problem+json";
  return r;
}

HttpResponse problem_of(const Status& st, const std::string& invalid_as) {
  switch (st.code()) {
    case Code::kInvalidArgument:
    case Code::kFailedPrecondition:
      return problem(400, invalid_as, st.message());
    case Code::kNotFound:
    case Code::kUnknownType:
      return problem(404, "NoSuchNameException", st.message());
    case Code::kPermissionDenied:
      return problem(403, "SecurityException", st.message());
    case Code::kUnauthenticated:
      return problem(401, "SecurityException", st.message());
    case Code::kAlreadyExists:
      return problem(409, "ResourceAlreadyExistsException", st.message());
    case Code::kTooLarge:
      return problem(413, "QueryTooLargeException", st.message());
    case Code::kUnavailable:
      return problem(503, "ImplementationException", st.message());
    default:
      return problem(500, "ImplementationException", "the node failed; its log has the details");
  }
}

HttpResponse answer(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/ld+json";
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers["GS1-EPCIS-Version"] = kEpcisVersion;
  r.headers["GS1-CBV-Version"] = kCbvVersion;
  // The node's own vocabulary inside events (docs/protocol-trace.md, "lk:").
  r.headers["GS1-Extensions"] = std::string("lk=") + kLienketNamespace;
  return r;
}

std::optional<HttpResponse> refuse(const HttpRequest& req) {
  if (!media_of(req))
    return problem(406, "NotAcceptableException",
                   "this node answers EPCIS in JSON-LD (application/ld+json, application/json) "
                   "or XML (application/xml)");
  for (const char* family : {"epcis", "cbv"}) {
    std::string f = family;
    if (excludes(req, "gs1-" + f + "-min", 1) || excludes(req, "gs1-" + f + "-max", -1) ||
        excludes(req, "gs1-" + f + "-version", 0))
      return problem(406, "NotAcceptableException",
                     "this node speaks EPCIS 2.0.0 and CBV 2.0.0 only (GS1-EPCIS-Min/Max, "
                     "GS1-CBV-Min/Max, GS1-EPCIS-Version, GS1-CBV-Version)");
  }
  std::string cbv = header(req, "gs1-cbv-xml-format");
  if (!cbv.empty() && cbv != "No_Preference" && cbv != "Always_Web_URI" && cbv != "Always_URN")
    return problem(406, "NotAcceptableException",
                   "GS1-CBV-XML-Format must be No_Preference, Always_Web_URI or Always_URN");
  std::string f = header(req, "gs1-epc-format");
  if (!f.empty() && f != "No_Preference" && f != "Always_GS1_Digital_Link" &&
      f != "Always_EPC_URN" && f != "Never_Translates")
    return problem(406, "NotAcceptableException",
                   "GS1-EPC-Format must be No_Preference, Always_GS1_Digital_Link, "
                   "Always_EPC_URN or Never_Translates");
  return std::nullopt;
}

std::optional<HttpResponse> refuse_body(const HttpRequest& req) {
  std::string type = header(req, "content-type");
  if (type.empty() || type.find("json") != std::string::npos || xml_body(req)) return std::nullopt;
  return problem(415, "UnsupportedMediaTypeException",
                 "this node takes EPCIS in JSON-LD (application/ld+json, application/json) or XML "
                 "(application/xml)");
}

bool xml_body(const HttpRequest& req) {
  std::string type = util::ascii_lower(header(req, "content-type"));
  type = type.substr(0, type.find(';'));
  return type == "application/xml" || type == "text/xml" ||
         (type.size() > 4 && type.compare(type.size() - 4, 4, "+xml") == 0);
}

std::optional<Media> media_of(const HttpRequest& req) {
  std::string accept = util::ascii_lower(header(req, "accept"));
  if (accept.empty()) return Media::kJson;
  double json_q = 0, xml_q = 0;
  for (const auto& range : util::split(accept, ',')) {
    auto parts = util::split(range, ';');
    std::string type = util::trim(parts[0]);
    double q = 1;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      std::string p = util::trim(parts[i]);
      if (p.rfind("q=", 0) == 0) q = std::strtod(p.c_str() + 2, nullptr);
    }
    bool wild = type == "*/*" || type == "application/*";
    bool is_json = type.find("json") != std::string::npos;
    bool is_xml = type == "application/xml" || type == "text/xml" || type.ends_with("+xml");
    if (wild || is_json) json_q = std::max(json_q, q);
    if (is_xml) xml_q = std::max(xml_q, q);
  }
  if (xml_q > json_q) return Media::kXml;
  if (json_q > 0) return Media::kJson;
  return std::nullopt;
}

HttpResponse in_media(const HttpRequest& req, HttpResponse r) {
  if (media_of(req) != Media::kXml || r.body.empty()) return r;
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object()) return r;
  std::string type = body.value("type", "");
  if (r.content_type == "application/problem+json") {
    r.body = problem_to_xml(body);
    r.content_type = "application/problem+xml";
  } else if (type == "EPCISDocument" || type == "EPCISQueryDocument") {
    // GS1-CBV-XML-Format: Always_Web_URI, or URNs (Always_URN, No_Preference, absent).
    bool web = header(req, "gs1-cbv-xml-format") == "Always_Web_URI";
    r.body = epcis_json_to_xml(body, web ? CbvForm::kWebUri : CbvForm::kUrn);
    r.content_type = "application/xml";
  } else if (body.contains("captureID") && body.contains("captureErrorBehaviour")) {
    r.body = capture_job_to_xml(body);
    r.content_type = "application/xml";
  }
  return r;
}

Result<json> read(const Settings& s, const HttpRequest& req, const std::string& type, json body) {
  if (req.may_run) LIENKET_RETURN_IF_ERROR(req.may_run(type, true));
  if (!s.host) return Status::Unavailable("the node is stopping");
  // As the plugin: HostContext::submit never acts as an admin, and the reads the binding runs are
  // open to every authenticated caller alike (the gateway checked this one).
  Request r;
  r.id = "epcis-rest";
  r.type = type;
  r.body = std::move(body);
  auto fut = s.host->submit(std::move(r));
  if (fut.wait_for(kNodeTimeout) != std::future_status::ready)
    return Status::Unavailable("the node did not answer in time");
  json reply = fut.get();
  if (reply.value("ok", false)) return reply["result"];
  const json e = reply.value("error", json::object());
  std::string code = e.value("code", "internal"), msg = e.value("message", "");
  std::string field = e.value("field", "");
  if (code == "invalid_argument") return Status::InvalidArgument(msg, field);
  if (code == "not_found") return Status::NotFound(msg, field);
  if (code == "permission_denied") return Status::PermissionDenied(msg, field);
  if (code == "too_large") return Status::TooLarge(msg);
  if (code == "unavailable") return Status::Unavailable(msg);
  return Status::Internal(msg);
}

Result<json> capture_for(const Settings& s, const HttpRequest& req, json body, AfterCapture then) {
  if (req.may_run) LIENKET_RETURN_IF_ERROR(req.may_run("trace.event.capture", false));
  // The plugin's own capture handler in a transaction of its own, for the caller the gateway
  // authenticated (its party, or the admin right, which HostContext::submit cannot carry).
  return run(s,
             [as = req.as, admin = req.admin, body = std::move(body),
              then = std::move(then)](Context& cx) -> Result<json> {
               Request r;
               r.id = "epcis-rest";
               r.type = "trace.event.capture";
               r.as = as;
               r.admin = admin;
               r.body = body;
               auto captured = handle_capture(r, cx);
               if (!captured.ok() || !then) return captured;
               return then(cx, *captured);
             });
}

Result<json> run(const Settings& s, HostContext::Work work) {
  if (!s.host) return Status::Unavailable("the node is stopping");
  auto fut = s.host->run(std::move(work));
  if (fut.wait_for(kNodeTimeout) != std::future_status::ready)
    return Status::Unavailable("the node did not answer in time");
  return fut.get();
}

EpcFormat epc_format(const HttpRequest& req) {
  std::string f = header(req, "gs1-epc-format");
  if (f == "No_Preference") return EpcFormat::kNoPreference;
  if (f == "Always_EPC_URN") return EpcFormat::kUrn;
  if (f == "Never_Translates") return EpcFormat::kNeverTranslates;
  return EpcFormat::kDigitalLink;
}

json with_epc_format(json ev, EpcFormat f) {
  if (f == EpcFormat::kNoPreference || f == EpcFormat::kNeverTranslates || !ev.is_object())
    return ev;
  for (const char* l : {"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
    if (ev.contains(l) && ev[l].is_array())
      for (auto& v : ev[l]) translate_in(v, f);
  for (const char* l :
       {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"})
    if (ev.contains(l) && ev[l].is_array())
      for (auto& q : ev[l])
        if (q.is_object() && q.contains("epcClass")) translate_in(q["epcClass"], f);
  if (ev.contains("parentID")) translate_in(ev["parentID"], f);
  for (const char* l : {"readPoint", "bizLocation"})
    if (ev.contains(l) && ev[l].is_object() && ev[l].contains("id")) translate_in(ev[l]["id"], f);
  for (const char* l : {"sourceList", "destinationList"}) {
    if (!ev.contains(l) || !ev[l].is_array()) continue;
    std::string item = std::string(l).substr(0, std::string(l).size() - 4);
    for (auto& e : ev[l])
      if (e.is_object() && e.contains(item)) translate_in(e[item], f);
  }
  return ev;
}

Result<Paging> paging_of(const HttpRequest& req) {
  Paging p;
  if (auto it = req.query.find("perPage"); it != req.query.end()) {
    const std::string& v = it->second;
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoll(v) < 1)
      return Status::InvalidArgument("perPage must be a positive integer", "perPage");
    p.per_page = std::min<std::int64_t>(std::stoll(v), kMaxPerPage);
  }
  if (auto it = req.query.find("nextPageToken"); it != req.query.end()) p.token = it->second;
  return p;
}

std::string next_link(const Settings& s, const HttpRequest& req, const Paging& p,
                      const std::string& token) {
  std::string url = (s.host ? s.host->http_url() : "") + req.path + "?";
  for (const auto& [k, v] : req.query)
    if (k != "perPage" && k != "nextPageToken") url += url_encode(k) + "=" + url_encode(v) + "&";
  url += "perPage=" + std::to_string(p.per_page) + "&nextPageToken=" + url_encode(token);
  return "<" + url + ">; rel=\"next\"";
}

Result<json> stored_page(Store& store, const std::string& prefix, const std::string& start_key,
                         std::int64_t per_page, const Shown& shown, const std::string& id_member) {
  json items = json::array();
  std::string next;
  auto st = store.scan(prefix, start_key, [&](std::string_view, std::string_view value) {
    json record = json::parse(value, nullptr, false);
    if (record.is_discarded()) return true;
    auto item = shown(record);
    if (!item) return true;
    if (static_cast<std::int64_t>(items.size()) == per_page) {
      next = items.back().value(id_member, "");
      return false;
    }
    items.push_back(std::move(*item));
    return true;
  });
  if (!st.ok()) return st;
  return json{{"items", items}, {"next", next}};
}

HttpResponse list_answer(const Settings& s, const HttpRequest& req, const Paging& p,
                         const json& page) {
  HttpResponse r = answer(200, page["items"]);
  std::string next = page.value("next", "");
  if (!next.empty()) r.headers["Link"] = next_link(s, req, p, next);
  return r;
}

json extensions_of(const HttpRequest& req) {
  json out = json::object();
  for (const auto& entry : util::split(header(req, "gs1-extensions"), ',')) {
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string prefix = util::trim(entry.substr(0, eq)), uri = util::trim(entry.substr(eq + 1));
    if (!prefix.empty() && uri.find(':') != std::string::npos) out[prefix] = uri;
  }
  return out;
}

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace lienket::trace::rest
