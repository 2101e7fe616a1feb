#include "lienket/util/http_listener.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <cerrno>
#include <system_error>

namespace lienket::util {
namespace {

// Replaces cpp-httplib's default_socket_options, which sets SO_REUSEPORT (see the header).
void exclusive_port_options(socket_t sock) {
  int yes = 1;
  ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

std::string endpoint(const std::string& host, int port) {
  return host + ":" + std::to_string(port);
}

// cpp-httplib only says that binding failed; errno still holds bind()'s reason, since what runs
// after it (close() of the socket, freeaddrinfo()) leaves errno alone when it succeeds.
Status bind_error(const std::string& host, int port, int error) {
  if (error == EADDRINUSE) return Status::Unavailable(endpoint(host, port) + " is already in use");
  std::string reason =
      error != 0 ? std::generic_category().message(error) : "cannot resolve or bind";
  return Status::Unavailable("cannot listen on " + endpoint(host, port) + ": " + reason);
}

}  // namespace

HttpListener::HttpListener() : server_(std::make_unique<httplib::Server>()) {}

HttpListener::HttpListener(const std::string& cert_file, const std::string& key_file) {
  auto tls = std::make_unique<httplib::SSLServer>(cert_file.c_str(), key_file.c_str());
  if (!tls->is_valid())
    tls_error_ = "cannot load the TLS certificate " + cert_file + " or key " + key_file;
  server_ = std::move(tls);
}

HttpListener::~HttpListener() { stop(); }

Status HttpListener::bind(const std::string& host, int port) {
  server_->set_socket_options(exclusive_port_options);
  errno = 0;
  const int bound =
      port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return bind_error(host, port, errno);
  port_ = bound;
  return Status::Ok();
}

Status HttpListener::start(const std::string& host, int port) {
  if (port_ != 0)
    return Status::FailedPrecondition("this listener was started already (a listener starts once)");
  if (!tls_error_.empty()) return Status::InvalidArgument(tls_error_, "tls");
  LIENKET_RETURN_IF_ERROR(bind(host, port));
  thread_ = std::thread([server = server_.get()] { server->listen_after_bind(); });
  // cpp-httplib's stop() does nothing until the accept loop has begun, so a stop() right after
  // start() would leave join() waiting forever: wait here for the loop (it starts at once).
  while (!server_->is_running()) std::this_thread::yield();
  return Status::Ok();
}

void HttpListener::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

}  // namespace lienket::util
