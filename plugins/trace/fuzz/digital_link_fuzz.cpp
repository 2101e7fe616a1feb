// Fuzzes the GS1 Digital Link parser (plugins/trace/src/digital_link.cpp), under every combination
// of its options, and the bracketed element string reader. What parses must survive a round trip:
// the URI generated from the parsed elements parses again to the same GS1 element string. The
// canonical identifier used by the genealogy index is computed on every input as well.
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
    (void)canonical_identifier(text);
    (void)epc_urn_to_digital_link(text);
  } catch (const std::exception& e) {
    fuzz::fail("exception escaped", text + ": " + e.what());
  }
  return 0;
}
