// The plugin module's entry point: exports the webhook connector to the node.
#include "webhook_connector.hpp"

LIENKET_PLUGIN(lienket::webhook::WebhookConnector)
