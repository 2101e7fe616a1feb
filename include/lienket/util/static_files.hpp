// Files of one folder served to browsers by an HTTP route (a plugin's web pages, the node's
// Debian-packaged JavaScript libraries). A name is '/'-separated segments of [A-Za-z0-9._-+~@],
// none of them "." or "..", so a request never leaves the folder. Files are read once and kept
// (they are assets, not data); an ETag answers a repeat visit with 304, and cpp-httplib compresses
// text for clients that accept it. Link Lienket::util.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "lienket/http.hpp"

namespace lienket::util {

class StaticFiles {
 public:
  // `cache_control` is sent with every file: long for versioned vendor files, short for pages.
  StaticFiles(std::string dir, std::string cache_control);

  // 200 with the file, 304 when the request's If-None-Match names its ETag, 404 (problem JSON)
  // for a name that is not allowed or not there.
  HttpResponse serve(const HttpRequest& request, std::string_view name) const;

  // Whether `name` may be served (the rule above); public for the fuzzer and tests.
  static bool allowed_name(std::string_view name);
  // "text/html; charset=utf-8", "text/javascript; charset=utf-8", ... by extension.
  static std::string content_type(std::string_view name);

  const std::string& dir() const { return dir_; }

 private:
  struct File {
    std::string body, etag;
  };
  std::shared_ptr<const File> load(const std::string& name) const;

  std::string dir_, cache_control_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const File>> cache_;
};

// A 404 in the node's problem format, for routes that serve files.
HttpResponse not_found_page(std::string_view what);

}  // namespace lienket::util
