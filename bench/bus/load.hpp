// bench/bus's load generator: DEALER sockets sending frames prepared before the clock starts, so
// that the client costs a send, a receive and a substring search per request, and no JSON work.
// The same generator drives the raw echo and the node, which keeps the comparison honest.
#pragma once

#include <string>
#include <vector>

#include <zmq.hpp>

#include "../common/bench_common.hpp"

namespace lienket::bench {

// Frames for one socket; frame n carries the request id "n" (replies are matched by it).
using Frames = std::vector<std::string>;

struct Load {
  std::string endpoint;
  std::vector<Frames> sockets;          // one DEALER per entry
  int threads = 2;                      // sockets are spread over this many client threads
  int window = 64;                      // closed loop: requests in flight per socket
  double rate = 0;                      // open loop: requests/s over all sockets (0: closed loop)
  std::string success = "\"ok\":true";  // a reply without it is an error
};

// Sends every frame of every socket and waits for all replies. Closed loop keeps `window`
// requests in flight per socket; open loop sends on a fixed schedule whatever the replies do,
// and measures latency from the scheduled time (no coordinated omission). A reply without
// "ok":true, or with no matching id, counts as an error.
Run run_load(zmq::context_t& ctx, const Load& load);

}  // namespace lienket::bench
