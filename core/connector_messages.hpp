// The node's view over every connector: connector.status, connector.deadletter.list and
// connector.deadletter.replay. Each connector (lienket::Connector) serves connector.<name>.* in the
// "connector." namespace that this built-in opens; these messages find the connectors among the
// loaded plugins by that prefix and forward to them, so the core names no concrete connector.
#pragma once

#include <memory>

#include "plugin_host.hpp"

namespace lienket::core {

std::unique_ptr<Plugin> make_connector_messages(PluginHost* host);

}  // namespace lienket::core
