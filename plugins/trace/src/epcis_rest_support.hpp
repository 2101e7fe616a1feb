// What every route of the EPCIS 2.0 REST binding (epcis_rest.hpp) shares: the GS1 headers of
// each answer, the version negotiation of each request, problem responses of the binding's
// exception types, the caller's messages run through the node's request queue, and the EPC format
// the client asked for (GS1-EPC-Format).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "handlers.hpp"
#include "lienket/http.hpp"
#include "lienket/status.hpp"

namespace lienket::trace::rest {

inline constexpr const char* kEpcisVersion = "2.0.0";
inline constexpr const char* kCbvVersion = "2.0.0";

// An RFC 7807 problem of the binding: type "epcisException:<exception>".
HttpResponse problem(int status, const std::string& exception, const std::string& detail);
// The binding's problem for a node error: invalid_argument is `invalid_as` (400
// QueryParameterException for queries, ValidationException for captures), not_found 404
// NoSuchNameException, permission_denied 403 and unauthenticated 401 SecurityException,
// already_exists 409 ResourceAlreadyExistsException, too_large 413 QueryTooLargeException,
// unavailable 503, anything else 500 ImplementationException.
HttpResponse problem_of(const Status& st, const std::string& invalid_as);
// A JSON(-LD) answer with the binding's headers (GS1-EPCIS-Version, GS1-CBV-Version,
// GS1-Extensions).
HttpResponse answer(int status, const nlohmann::json& body);

// Refuses what this node cannot answer: an Accept with neither JSON(-LD) nor XML, a
// GS1-EPCIS-Min above or GS1-EPCIS-Max below 2.0.0 (and the same for the CBV), a GS1-EPCIS-Version
// or GS1-CBV-Version other than 2.x, an unknown GS1-EPC-Format: 406 NotAcceptableException.
std::optional<HttpResponse> refuse(const HttpRequest& req);

// Refuses a body that is neither JSON(-LD) nor XML by its Content-Type: 415
// UnsupportedMediaTypeException.
std::optional<HttpResponse> refuse_body(const HttpRequest& req);
// Whether the body is EPCIS XML by its Content-Type (application/xml, text/xml, ...+xml).
bool xml_body(const HttpRequest& req);

// What an answer is written in: the Accept header's preferred of JSON(-LD) and XML by their
// q-values (JSON when they tie, when Accept is absent or says */*); none when it takes neither.
enum class Media { kJson, kXml };
std::optional<Media> media_of(const HttpRequest& req);
// The answer in the media the request prefers: for an XML client an EPCISDocument or
// EPCISQueryDocument becomes the XSD's XML, a capture job its EPCISCaptureJob and a problem its
// EPCISException (application/problem+xml); collections and anything else stay JSON-LD.
HttpResponse in_media(const HttpRequest& req, HttpResponse r);

// Runs the read-only message `type` through the node's request queue once the caller's
// credentials allow it; the reply's result or its error.
Result<nlohmann::json> read(const Settings& s, const HttpRequest& req, const std::string& type,
                            nlohmann::json body);
// trace.event.capture for the caller (its party and custody, or the admin right), once its
// credentials allow it, in a transaction of its own: the result or the error, nothing kept then.
// `then`, when given, runs after a successful capture in the same transaction and gives the
// result (the REST binding's capture job, recorded atomically with the events).
using AfterCapture = std::function<Result<nlohmann::json>(Context&, const nlohmann::json&)>;
Result<nlohmann::json> capture_for(const Settings& s, const HttpRequest& req, nlohmann::json body,
                                   AfterCapture then = nullptr);
// Runs `work` on the node's thread in a transaction of the plugin's own (HostContext::run): the
// capture jobs and named queries the binding keeps in the plugin's store.
Result<nlohmann::json> run(const Settings& s, HostContext::Work work);

enum class EpcFormat { kNoPreference, kDigitalLink, kUrn, kNeverTranslates };
// GS1-EPC-Format of the request; absent means Always_GS1_Digital_Link (the binding's default).
EpcFormat epc_format(const HttpRequest& req);
// The event with its identifiers (EPC lists, parentID, quantity classes, locations, sources and
// destinations) written as asked. A Digital Link becomes a URN with a 7-digit company prefix.
nlohmann::json with_epc_format(nlohmann::json event, EpcFormat format);

// Paging of every list and query of the binding: perPage (default 30; a larger one than
// kMaxPerPage gets pages of kMaxPerPage) and nextPageToken (checked by whoever reads it).
inline constexpr std::int64_t kMaxPerPage = 1000;
struct Paging {
  std::int64_t per_page = 30;
  std::string token;
};
// invalid_argument naming perPage when it is no positive integer.
Result<Paging> paging_of(const HttpRequest& req);
// The Link header of the next page: this path with the request's other parameters, perPage and
// the next page's token.
std::string next_link(const Settings& s, const HttpRequest& req, const Paging& p,
                      const std::string& token);

// One page of the JSON records stored under `prefix` in key order, starting after `start_key`
// ("" from the first), as {"items", "next"}: each record passes through `shown` (nullopt hides
// it, e.g. another party's job); `next` is the `id_member` of the last item when more follow.
using Shown = std::function<std::optional<nlohmann::json>(const nlohmann::json& record)>;
Result<nlohmann::json> stored_page(Store& store, const std::string& prefix,
                                   const std::string& start_key, std::int64_t per_page,
                                   const Shown& shown, const std::string& id_member);
// The answer of a list from stored_page's page: its items, and the Link to the next page.
HttpResponse list_answer(const Settings& s, const HttpRequest& req, const Paging& p,
                         const nlohmann::json& page);

// The client's GS1-Extensions header ("example=http://ns.example.com/epcis/, ext2=...") as
// {prefix: namespace URI}; malformed entries are left out.
nlohmann::json extensions_of(const HttpRequest& req);

// Percent-encodes everything but unreserved characters: a URI in a path segment or query value.
std::string url_encode(const std::string& s);

}  // namespace lienket::trace::rest
