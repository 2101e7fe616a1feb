// Fuzzes the GS1 Digital Link parser (plugins/trace/src/digital_link.cpp), under every combination
// of its options, and the bracketed element string reader. What parses must survive a round trip:
// the URI generated from the parsed elements parses again to the same GS1 element string. The
// canonical identifier used by the genealogy index must be a fixed point, and a key's EPC URN must
// read back to the same key.
#include <cstddef>
#include <cstdint>
#include <string>

#include "digital_link.hpp"
#include "gs1_keys.hpp"
#include "support/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lienket;
  using namespace lienket::trace;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    for (int bits = 0; bits < 8; ++bits) {
      DigitalLinkOptions o{(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0};
      auto dl = parse_digital_link(text, o);
      if (!dl.ok()) continue;
      auto elements = element_string(*dl);
      auto uri = generate_digital_link(dl->stem, *dl);
      auto again = parse_digital_link(uri, o);
      if (!again.ok())
        fuzz::fail("generated URI does not parse",
                   text + " -> " + uri + ": " + again.status().message());
      if (element_string(*again) != elements)
        fuzz::fail("round trip changed the elements",
                   text + " -> " + uri + ": " + elements + " vs " + element_string(*again));
    }
    (void)digital_link_from_elements("https://id.gs1.org", text);
    // One lot, one key: the canonical form is a fixed point, and a key's EPC URN reads back to it.
    std::string key = canonical_identifier(text);
    if (canonical_identifier(key) != key)
      fuzz::fail("canonical identifier is not canonical", text + " -> " + key);
    if (auto dl = parse_digital_link(text, kNodeReading); dl.ok())
      if (auto urn = epc_urn_of(*dl)) {
        auto back = epc_urn_to_digital_link(*urn);
        if (!back || *back != canonical_key(*dl))
          fuzz::fail("EPC URN does not read back", text + " -> " + *urn);
      }
    (void)epc_urn_to_digital_link(text);
  } catch (const std::exception& e) {
    fuzz::fail("exception escaped", text + ": " + e.what());
  }
  return 0;
}
