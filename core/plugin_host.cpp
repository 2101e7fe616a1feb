#include "plugin_host.hpp"

#include <algorithm>
#include <filesystem>

#include <boost/dll/import.hpp>

namespace lienket::core {

namespace {

bool valid_name(const std::string& n) {
  if (n.empty() || n.size() > 40 || !(n[0] >= 'a' && n[0] <= 'z')) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
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
      if (entry.is_regular_file() && entry.path().extension() == ".so") libs.push_back(entry.path());
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
  if (!lib->has("lienket_abi_version") || !lib->has("lienket_create_plugin"))
    return Status::FailedPrecondition("not a Lienket plugin (no lienket_abi_version/lienket_create_plugin symbol)");
  std::unique_ptr<Plugin> plugin;
  try {
    int abi = lib->get_alias<int()>("lienket_abi_version")();
    if (abi != kAbiVersion)
      return Status::FailedPrecondition("plugin ABI version " + std::to_string(abi) + " but the node speaks " +
                                        std::to_string(kAbiVersion));
    plugin.reset(lib->get_alias<Plugin*()>("lienket_create_plugin")());
  } catch (const std::exception& e) {
    return Status::FailedPrecondition(std::string("plugin factory threw: ") + e.what());
  } catch (...) {
    return Status::FailedPrecondition("plugin factory threw");
  }
  if (!plugin) return Status::FailedPrecondition("plugin factory returned no plugin");
  return add(std::move(plugin), lib, path);
}

Status PluginHost::add(std::unique_ptr<Plugin> plugin, std::shared_ptr<boost::dll::shared_library> lib,
                       const std::string& path) {
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
  if (!valid_name(info.name)) return Status::FailedPrecondition("invalid plugin name '" + info.name + "'");
  for (const auto& other : plugins_) {
    if (other->info.name == info.name)
      return Status::AlreadyExists("a plugin named " + info.name + " is already loaded from " +
                                   (other->path.empty() ? "the node" : other->path));
    for (const auto& p : info.prefixes)
      for (const auto& q : other->info.prefixes)
        if (prefixes_overlap(p, q))
          return Status::AlreadyExists("prefix " + p + " overlaps " + q + " served by " + other->info.name);
  }
  for (const auto& p : info.prefixes)
    if (p.empty() || p.back() != '.') return Status::FailedPrecondition("prefix '" + p + "' must end with '.'");
  log_->info("plugin {} {} loaded{}{}", info.name, info.version, path.empty() ? "" : " from ", path);
  plugins_.push_back(std::move(loaded));
  return Status::Ok();
}

LoadedPlugin* PluginHost::route(const std::string& type) {
  LoadedPlugin* best = nullptr;
  std::size_t best_len = 0;
  for (auto& p : plugins_)
    for (const auto& prefix : p->info.prefixes)
      if (type.rfind(prefix, 0) == 0 && prefix.size() > best_len) {
        best = p.get();
        best_len = prefix.size();
      }
  return best;
}

}  // namespace lienket::core
