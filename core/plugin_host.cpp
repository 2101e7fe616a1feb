#include "plugin_host.hpp"

#include "http/route_pattern.hpp"

#include <algorithm>
#include <filesystem>

#include <boost/dll/import.hpp>

namespace lienket::core {

namespace {

bool valid_name(const std::string& n) {
  if (n.empty() || n.size() > 40 || !(n[0] >= 'a' && n[0] <= 'z')) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Namespaces the node opens to plugins: "connector." is the node's (connector.status), and each
// connector serves "connector.<name>." inside it; longest prefix wins in route().
constexpr std::string_view kOpenNamespaces[] = {"connector."};

bool opens(const std::string& outer, const std::string& inner) {
  for (auto ns : kOpenNamespaces)
    if (outer == ns && inner.size() > outer.size() && inner.rfind(outer, 0) == 0) return true;
  return false;
}

bool prefixes_overlap(const std::string& a, const std::string& b) {
  if (opens(a, b) || opens(b, a)) return false;
  return a.rfind(b, 0) == 0 || b.rfind(a, 0) == 0;
}

}  // namespace

PluginHost::~PluginHost() {
  shutdown();
  // Newest first, each plugin destroyed before its library (LoadedPlugin's destructor).
  while (!plugins_.empty()) plugins_.pop_back();
}

void PluginHost::shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) {
    try {
      (*it)->plugin->shutdown();
    } catch (...) {
      log_->error("plugin {} threw from shutdown()", (*it)->info.name);
    }
  }
}

void PluginHost::load_directories(const std::vector<std::string>& dirs) {
  namespace fs = std::filesystem;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      log_->debug("plugin directory {} does not exist; skipped", dir);
      continue;
    }
    std::vector<fs::path> libs;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.is_regular_file() && entry.path().extension() == ".so")
        libs.push_back(entry.path());
    std::sort(libs.begin(), libs.end());
    for (const auto& lib : libs) {
      auto st = load_library(lib.string());
      if (!st.ok()) log_->warn("plugin {} skipped: {}", lib.string(), st.message());
    }
  }
}

Status PluginHost::load_library(const std::string& path) {
  auto lib = std::make_shared<boost::dll::shared_library>();
  boost::system::error_code ec;
  lib->load(path, boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local, ec);
  if (ec) return Status::FailedPrecondition("cannot load library: " + ec.message());
  for (const char* symbol : {"lienket_abi_version", "lienket_build_id", "lienket_create_plugin"})
    if (!lib->has(symbol))
      return Status::FailedPrecondition(std::string("not a Lienket plugin of this SDK (no ") +
                                        symbol + " symbol)");
  std::unique_ptr<Plugin> plugin;
  try {
    int abi = lib->get_alias<int()>("lienket_abi_version")();
    if (abi != kAbiVersion)
      return Status::FailedPrecondition("plugin ABI version " + std::to_string(abi) +
                                        " but the node speaks " + std::to_string(kAbiVersion) +
                                        ": rebuild it against this node's SDK");
    std::string built = lib->get_alias<const char*()>("lienket_build_id")();
    if (built != build_id())
      return Status::FailedPrecondition("plugin built with " + built + " but the node with " +
                                        build_id() +
                                        ": rebuild it with the node's compiler and libraries");
    plugin.reset(lib->get_alias<Plugin*()>("lienket_create_plugin")());
  } catch (const std::exception& e) {
    return Status::FailedPrecondition(std::string("plugin factory threw: ") + e.what());
  } catch (...) {
    return Status::FailedPrecondition("plugin factory threw");
  }
  if (!plugin) return Status::FailedPrecondition("plugin factory returned no plugin");
  return add(std::move(plugin), lib, path);
}

namespace {

bool owns(const PluginInfo& info, std::string_view type) {
  for (const auto& p : info.prefixes)
    if (type.size() > p.size() && type.substr(0, p.size()) == p) return true;
  return false;
}

bool is_schema(const schema::Schema& s) { return s.json().is_object(); }

// Paths the node serves itself; no plugin route may start with one.
constexpr std::string_view kReservedPaths[] = {
    "/api/v1/messages", "/api/v1/events", "/api/v1/session", "/api/v1/openapi.json",
    "/api/v1/docs",     "/healthz",       "/readyz",         "/metrics",
    "/vendor"};

const MessageSpec* declared(const PluginInfo& info, std::string_view type) {
  for (const auto& m : info.messages)
    if (m.type == type) return &m;
  return nullptr;
}

// A route: a known method, a well-formed pattern outside the node's own paths, and either a
// read-only GET message of this plugin or a handler with callers.
Status check_route(const PluginInfo& info, const HttpRoute& r) {
  std::string what = "route " + r.method + " " + r.pattern;
  if (r.method != "GET" && r.method != "POST" && r.method != "PUT" && r.method != "DELETE" &&
      r.method != "OPTIONS")
    return Status::FailedPrecondition(what + ": method must be GET, POST, PUT, DELETE or OPTIONS");
  auto pattern = http::RoutePattern::parse(r.pattern);
  if (!pattern.ok()) return Status::FailedPrecondition(pattern.status().message());
  for (auto reserved : kReservedPaths)
    if (r.pattern.rfind(reserved, 0) == 0)
      return Status::FailedPrecondition(what + ": " + std::string(reserved) + " is the node's");
  if (r.message.empty() == !r.handler)
    return Status::FailedPrecondition(what + ": needs exactly one of a message and a handler");
  if (r.handler && r.callers.empty()) return Status::FailedPrecondition(what + " names no callers");
  if (r.message.empty()) return Status::Ok();
  const MessageSpec* spec = declared(info, r.message);
  if (!spec || !spec->read_only || r.method != "GET")
    return Status::FailedPrecondition(what + ": a message route is a GET of a read-only message " +
                                      "the plugin declares");
  return Status::Ok();
}

// The contract's own consistency: every type inside the plugin's prefixes, declared once, with a
// handler and schemas.
Status check_contract(const PluginInfo& info) {
  std::map<std::string, int, std::less<>> seen;
  for (const auto& m : info.messages) {
    if (!owns(info, m.type))
      return Status::FailedPrecondition("message type " + m.type + " is outside its prefixes");
    if (seen[m.type]++)
      return Status::AlreadyExists("message type " + m.type + " is declared twice");
    if (!m.handler) return Status::FailedPrecondition("message type " + m.type + " has no handler");
    if (!is_schema(m.body) || !is_schema(m.result))
      return Status::FailedPrecondition("message type " + m.type + " has no body or result schema");
    if (m.callers.empty())
      return Status::FailedPrecondition("message type " + m.type + " names no callers");
  }
  seen.clear();
  for (const auto& e : info.events) {
    if (!owns(info, e.type))
      return Status::FailedPrecondition("event type " + e.type + " is outside its prefixes");
    if (seen[e.type]++) return Status::AlreadyExists("event type " + e.type + " is declared twice");
    if (!is_schema(e.data))
      return Status::FailedPrecondition("event type " + e.type + " has no data schema");
  }
  for (const auto& p : info.prefixes)
    if (p.empty() || p.back() != '.')
      return Status::FailedPrecondition("prefix '" + p + "' must end with '.'");
  for (const auto& r : info.routes) LIENKET_RETURN_IF_ERROR(check_route(info, r));
  return Status::Ok();
}

}  // namespace

Status PluginHost::add(std::unique_ptr<Plugin> plugin,
                       std::shared_ptr<boost::dll::shared_library> lib, const std::string& path) {
  auto loaded = std::make_unique<LoadedPlugin>();
  loaded->library = std::move(lib);
  loaded->plugin = std::move(plugin);
  loaded->path = path;
  try {
    loaded->info = loaded->plugin->info();
  } catch (...) {
    return Status::FailedPrecondition("plugin info() threw");
  }
  const auto& info = loaded->info;
  if (!valid_name(info.name))
    return Status::FailedPrecondition("invalid plugin name '" + info.name + "'");
  for (const auto& other : plugins_) {
    if (other->info.name == info.name)
      return Status::AlreadyExists("a plugin named " + info.name + " is already loaded from " +
                                   (other->path.empty() ? "the node" : other->path));
    for (const auto& p : info.prefixes)
      for (const auto& q : other->info.prefixes)
        if (prefixes_overlap(p, q))
          return Status::AlreadyExists("prefix " + p + " overlaps " + q + " served by " +
                                       other->info.name);
  }
  LIENKET_RETURN_IF_ERROR(check_contract(info));
  for (const auto& m : info.messages)
    if (routes_.count(m.type))
      return Status::AlreadyExists("message type " + m.type + " is already served");
  for (const auto& r : info.routes)
    for (const auto& other : plugins_)
      for (const auto& o : other->info.routes)
        if (o.method == r.method && http::RoutePattern::parse(o.pattern)->shape() ==
                                        http::RoutePattern::parse(r.pattern)->shape())
          return Status::AlreadyExists("route " + r.method + " " + r.pattern + " is served by " +
                                       other->info.name);
  for (const auto& m : loaded->info.messages) routes_[m.type] = Route{loaded.get(), &m};
  for (const auto& e : loaded->info.events) events_[e.type] = &e;
  log_->info("plugin {} {} loaded{}{}: {} message types, {} event types", info.name, info.version,
             path.empty() ? "" : " from ", path, info.messages.size(), info.events.size());
  plugins_.push_back(std::move(loaded));
  return Status::Ok();
}

PluginHost::Route PluginHost::route(std::string_view type) const {
  auto it = routes_.find(type);
  return it == routes_.end() ? Route{} : it->second;
}

const EventSpec* PluginHost::event_spec(std::string_view type) const {
  auto it = events_.find(type);
  return it == events_.end() ? nullptr : it->second;
}

}  // namespace lienket::core
