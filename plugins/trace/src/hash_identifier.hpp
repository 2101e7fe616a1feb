// Identifiers as the EPCIS event hash writes them (CBV 2.0 section 8.9, step "constrained
// canonical GS1 Digital Link"): every EPC URI (pure identity, class and id pattern, all
// schemes of the Tag Data Standard that have a GS1 key) and every GS1 Digital Link on any resolver
// becomes one https://id.gs1.org URI carrying only the most fine-grained key - no query string,
// no CPV, no lot beside a serial. The rules, including their quirks (percent-escapes kept as they
// are, a few characters escaped, no check digit verified on Digital Links), follow the reference
// implementation RalphTro/epcis-event-hash-generator, whose outputs other systems compare with.
// This is deliberately separate from the Digital Link parser (digital_link.hpp): the parser
// validates what people type; this reproduces what the hash standard writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lienket::trace {

// The constrained canonical Digital Link of `uri`, or nullopt when `uri` is not a GS1 identifier
// the hash converts (the hash then writes the value unchanged).
std::optional<std::string> hash_digital_link(std::string_view uri);

}  // namespace lienket::trace
