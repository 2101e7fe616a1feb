#include "lienket/util/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lienket/util/sha256.hpp"

namespace lienket::util {

namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '+' || c == '~' || c == '@';
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

StaticFiles::StaticFiles(std::string dir, std::string cache_control)
    : dir_(std::move(dir)), cache_control_(std::move(cache_control)) {}

bool StaticFiles::allowed_name(std::string_view name) {
  if (name.empty() || name.size() > 200) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    auto seg = name.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == ".." || seg.front() == '.') return false;
    for (char c : seg)
      if (!name_char(c)) return false;
    start = end + 1;
  }
  return true;
}

std::string StaticFiles::content_type(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const auto& [ext, type] : kTypes)
    if (ends_with(name, ext)) return std::string(type);
  return "application/octet-stream";
}

std::shared_ptr<const StaticFiles::File> StaticFiles::load(const std::string& name) const {
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  }
  std::string path = dir_ + "/" + name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream text;
  text << in.rdbuf();
  auto file = std::make_shared<File>();
  file->body = std::move(text).str();
  file->etag = "\"" + sha256_hex(file->body).substr(0, 20) + "\"";
  std::lock_guard lock(mu_);
  return cache_.emplace(name, std::move(file)).first->second;
}

HttpResponse StaticFiles::serve(const HttpRequest& request, std::string_view name) const {
  if (!allowed_name(name)) return not_found_page(name);
  auto file = load(std::string(name));
  if (!file) return not_found_page(name);
  HttpResponse r;
  r.headers["ETag"] = file->etag;
  r.headers["Cache-Control"] = cache_control_;
  r.headers["X-Content-Type-Options"] = "nosniff";
  auto match = request.headers.find("if-none-match");
  if (match != request.headers.end() && match->second == file->etag) {
    r.status = 304;
    r.content_type = "";
    return r;
  }
  r.content_type = content_type(name);
  r.body = file->body;
  return r;
}

HttpResponse not_found_page(std::string_view what) {
  HttpResponse r;
  r.status = 404;
  r.content_type = "application/problem+json";
  r.body = nlohmann::json{{"type", "about:blank"},
                          {"title", "Not Found"},
                          {"status", 404},
                          {"code", "not_found"},
                          {"detail", "no file " + std::string(what) + " here"}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace lienket::util
