// An HTTP server on a thread of its own, for a plugin's lifetime: create it in configure(), add
// routes to server(), start(); stop() (or the destructor) in shutdown() closes the port and joins
// the thread. Requests run on cpp-httplib's worker threads, never on the node's.
//
// The port is exclusive. cpp-httplib 0.11 sets SO_REUSEPORT on Linux, which lets a second process
// bind the same port and silently take a share of its connections; this listener sets only
// SO_REUSEADDR (a restart may rebind while old connections linger in TIME_WAIT), so a port in use
// is an error that names it. Link Lienket::util (and cpp-httplib, to add routes).
//
// Not thread-safe: one owner calls start()/stop(). Handlers may run until stop() returns.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "lienket/status.hpp"

namespace httplib {
class Server;
}

namespace lienket::util {

class HttpListener {
 public:
  HttpListener();
  // HTTPS with a PEM certificate (chain) and key; start() fails naming the files when they do not
  // load.
  HttpListener(const std::string& cert_file, const std::string& key_file);
  ~HttpListener();  // stop()
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  // The server to add routes and handlers to, before start(): cpp-httplib's handler tables must
  // not change while it serves. Do not change its socket options.
  httplib::Server& server() { return *server_; }

  // Binds host:port (port 0: a free port, see port()) and serves on a new thread; returns once the
  // socket listens. Errors (Unavailable): "<host>:<port> is already in use", or "cannot listen on
  // <host>:<port>: <reason>". A listener starts once: FailedPrecondition after a successful
  // start().
  Status start(const std::string& host, int port);

  // Closes the listening socket, waits for requests being handled, joins the thread. Idempotent.
  void stop();

  // The port bound by start(); 0 before it succeeds.
  int port() const { return port_; }

 private:
  Status bind(const std::string& host, int port);

  std::unique_ptr<httplib::Server> server_;
  std::string tls_error_;  // set when the TLS files did not load
  std::thread thread_;
  int port_ = 0;
};

}  // namespace lienket::util
