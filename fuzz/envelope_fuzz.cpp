// Fuzzes the request envelope decoder (core/envelope.cpp): whatever arrives on the request socket,
// decode_request must return (never throw, never crash), respect the size and depth limits, and on
// success hand over a Request that the node can re-encode and that decodes to the same request.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "envelope.hpp"

namespace {

constexpr std::size_t kMaxBytes = 1 << 20;  // the default max_message_bytes of config/node.json

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lienket;
  std::string_view frame(reinterpret_cast<const char*>(data), size);
  auto d = core::decode_request(frame, kMaxBytes);
  // A small limit takes the too_large path for most inputs.
  auto small = core::decode_request(frame, 16);
  check(size <= 16 || small.status.code() == Code::kTooLarge);

  // The node always answers, so the reply must serialise, whatever id the frame carried.
  auto reply = d.status.ok() ? core::reply_ok(d.request.id, nlohmann::json::object())
                             : core::reply_error(d.request.id, d.status);
  (void)reply.dump();
  if (!d.status.ok()) {
    check(d.status.code() == Code::kInvalidArgument || d.status.code() == Code::kTooLarge);
    return 0;
  }
  check(core::json_depth(frame) <= core::kMaxJsonDepth);
  check(d.request.body.is_object());
  check(!d.request.id.empty() && !d.request.type.empty());

  // Round trip: what a client would send for this request decodes to the same request.
  auto again = core::decode_request(core::encode_request(d.request).dump(), kMaxBytes);
  check(again.status.ok());
  check(again.request.id == d.request.id && again.request.type == d.request.type &&
        again.request.as == d.request.as &&
        again.request.idempotency_key == d.request.idempotency_key &&
        again.request.body == d.request.body);
  return 0;
}
