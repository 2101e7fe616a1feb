// The public trace page server: cpp-httplib on its own thread. It never touches the store: every
// page is fetched with HostContext::submit({type:"trace.page.get"}), which runs on the node's
// thread like any client request. Routes:
//   GET /01/{gtin}/10/{lot}   HTML; JSON with "Accept: application/json" or ?linkType=gs1:traceability
//   anything else, or an unknown lot: a 404 page.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "lienket/context.hpp"
#include "lienket/status.hpp"

namespace httplib {
class Server;
}

namespace lienket::trace {

class HttpServer {
 public:
  explicit HttpServer(HostContext& host);
  ~HttpServer();
  // Binds (port 0: any free port) and starts serving; returns once the socket is bound.
  Status start(const std::string& host, int port);
  void stop();
  int port() const { return port_; }

 private:
  HostContext& host_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace lienket::trace
