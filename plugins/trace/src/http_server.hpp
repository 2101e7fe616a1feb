// The public trace page server: cpp-httplib on its own thread. It never touches the store: every
// page is fetched with HostContext::submit({type:"trace.page.get"}), which runs on the node's
// thread like any client request. Routes:
//   GET /01/{gtin}/10/{lot}   HTML; JSON with "Accept: application/json" or
//   ?linkType=gs1:traceability anything else, or an unknown lot: a 404 page.
#pragma once

#include <string>

#include "lienket/context.hpp"
#include "lienket/status.hpp"
#include "lienket/util/http_listener.hpp"

namespace lienket::trace {

class HttpServer {
 public:
  explicit HttpServer(HostContext& host);
  // Binds (port 0: any free port) and starts serving; returns once the socket is bound. A port in
  // use is an error naming it (util::HttpListener).
  Status start(const std::string& host, int port);
  void stop() { listener_.stop(); }
  int port() const { return listener_.port(); }

 private:
  void routes();

  HostContext& host_;
  util::HttpListener listener_;
};

}  // namespace lienket::trace
