// The binding's capture interface: POST /epcis/capture takes an EPCISDocument and answers 202
// with the Location of its capture job; GET /epcis/capture/{capture_id} is the job, GET
// /epcis/capture the caller's jobs, paged. The capture itself is trace.event.capture for the
// caller (validation, custody, all or nothing: the binding's "rollback" behaviour), run before
// the 202, so a job is never seen running. Jobs are kept in the plugin's store,
//   rest/capture/<id, 20 digits>   {"captureID","running","success","captureErrorBehaviour",
//                                   "createdAt","finishedAt","errors","owner"}
// so they survive a restart. The capture and its job are two transactions: a node that stops
// between them keeps the events without the job.
#include <algorithm>
#include <string>

#include "epcis_rest.hpp"
#include "epcis_rest_support.hpp"
#include "lienket/contract.hpp"
#include "lienket/store.hpp"
#include "lienket/time.hpp"

namespace lienket::trace::rest {
namespace {

using nlohmann::json;

const std::vector<std::string> kCallers = {callers::kAdmin, callers::kParty};
constexpr const char* kJobs = "rest/capture/";

// Who may see a job: the party that captured, or an admin (who then sees every job).
std::string owner_of(const HttpRequest& req) { return req.admin ? "" : req.as; }

bool visible(const json& job, bool admin, const std::string& as) {
  return admin || job.value("owner", "") == as;
}

json public_job(json job) {
  job.erase("owner");
  return job;
}

// Records a finished job under the next captureID, in the transaction of `cx`.
Result<json> put_job(Context& cx, json job) {
  auto id = cx.store().next_id("rest-capture");
  if (!id.ok()) return id.status();
  job["captureID"] = std::to_string(*id);
  job["finishedAt"] = format_time(cx.now_ms());
  LIENKET_RETURN_IF_ERROR(
      cx.store().put_json(kJobs + key_number(static_cast<std::uint64_t>(*id)), job));
  return job;
}

HttpResponse capture(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  auto behaviour = req.headers.find("gs1-capture-error-behaviour");
  if (behaviour != req.headers.end() && behaviour->second != "rollback")
    return problem(400, "ValidationException",
                   "this node captures all or nothing: GS1-Capture-Error-Behaviour rollback only");
  // A caller who may not capture at all gets no job: 403 at once.
  if (req.may_run)
    if (auto st = req.may_run("trace.event.capture", false); !st.ok())
      return problem_of(st, "ValidationException");
  if (auto no = refuse_body(req)) return *no;
  // XML goes to the capture message as it came: it validates against GS1's XSD there.
  json body = json{{"xml", req.body}};
  if (!xml_body(req)) {
    json doc = json::parse(req.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
      return problem(400, "ValidationException",
                     "the body must be an EPCISDocument in JSON-LD or XML");
    body = json{{"document", std::move(doc)}};
  }
  json job{{"running", false},
           {"success", true},
           {"captureErrorBehaviour", "rollback"},
           {"createdAt", format_time(s.host ? s.host->clock().now_ms() : 0)},
           {"errors", json::array()},
           {"owner", owner_of(req)}};
  // A capture and its job are one transaction: an acknowledged job's events are all stored.
  auto stored = capture_for(s, req, std::move(body),
                            [job](Context& cx, const json&) { return put_job(cx, job); });
  if (!stored.ok() && stored.status().code() != Code::kUnavailable) {
    // Refused: nothing was stored, and the job that says why is recorded on its own.
    job["success"] = false;
    job["errors"].push_back(json::parse(problem_of(stored.status(), "ValidationException").body));
    stored = run(s, [job](Context& cx) { return put_job(cx, job); });
  }
  if (!stored.ok()) return problem_of(stored.status(), "ImplementationException");
  HttpResponse r = answer(202, json::object());
  r.headers["Location"] = "/epcis/capture/" + (*stored)["captureID"].get<std::string>();
  return r;
}

HttpResponse one_job(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  const std::string& id = req.params.at("capture_id");
  if (id.empty() || id.size() > 19 || id.find_first_not_of("0123456789") != std::string::npos)
    return problem(404, "NoSuchNameException", "no capture job " + id);
  std::string key = kJobs + key_number(std::stoull(id));
  auto job = run(s, [key](Context& cx) -> Result<json> {
    auto j = cx.store().get_json(key);
    if (!j.ok()) return j.status();
    return j->has_value() ? **j : json();
  });
  if (!job.ok()) return problem_of(job.status(), "ImplementationException");
  if (job->is_null() || !visible(*job, req.admin, req.as))
    return problem(404, "NoSuchNameException", "no capture job " + id);
  return answer(200, public_job(*job));
}

HttpResponse list_jobs(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  auto paging = paging_of(req);
  if (!paging.ok()) return problem_of(paging.status(), "QueryParameterException");
  const std::string after = paging->token;
  if (after.find_first_not_of("0123456789") != std::string::npos || after.size() > 19)
    return problem(400, "QueryParameterException", "nextPageToken is not a token this node gave");
  // Copies only: the work may outlive this request when the node is slow to run it.
  auto page = run(s,
                  [after, per_page = paging->per_page, admin = req.admin,
                   as = req.as](Context& cx) -> Result<json> {
                    return stored_page(
                        cx.store(), kJobs,
                        after.empty() ? "" : kJobs + key_number(std::stoull(after)), per_page,
                        [&](const json& job) -> std::optional<json> {
                          if (!visible(job, admin, as)) return std::nullopt;
                          return public_job(job);
                        },
                        "captureID");
                  });
  if (!page.ok()) return problem_of(page.status(), "ImplementationException");
  return list_answer(s, req, *paging, *page);
}

}  // namespace

std::vector<HttpRoute> capture_routes(const Settings* s) {
  return {
      {"POST", "/epcis/capture", "EPCIS 2.0: captures an EPCISDocument as a capture job.", kCallers,
       "", [s](const HttpRequest& req) { return capture(*s, req); }},
      {"GET", "/epcis/capture", "EPCIS 2.0: the caller's capture jobs, paged.", kCallers, "",
       [s](const HttpRequest& req) { return list_jobs(*s, req); }},
      {"GET", "/epcis/capture/{capture_id}", "EPCIS 2.0: one capture job.", kCallers, "",
       [s](const HttpRequest& req) { return one_job(*s, req); }},
  };
}

}  // namespace lienket::trace::rest
