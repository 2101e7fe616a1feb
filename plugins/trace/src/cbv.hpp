// The GS1 Core Business Vocabulary (CBV 2.0) code lists that EPCIS events use, and the three
// spellings of each value: the bare name of EPCIS 2.0 JSON-LD ("shipping"), the legacy URN
// ("urn:epcglobal:cbv:bizstep:shipping") and the web URI
// ("https://ref.gs1.org/cbv/BizStep-shipping").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lienket::trace {

enum class Vocab { kBizStep, kDisposition, kBizTransactionType, kSourceDestType, kErrorReason };

// The bare CBV name of `value` in any of the three spellings, or nullopt when it is none of the
// standard's values for `vocab` (it may still be a private URI: see is_private_vocab_uri).
std::optional<std::string> cbv_name(Vocab vocab, std::string_view value);
// The web URI of a bare CBV name: "https://ref.gs1.org/cbv/BizStep-shipping".
std::string cbv_web_uri(Vocab vocab, std::string_view name);
// A user vocabulary value: an absolute URI that is not in the CBV's own namespaces.
bool is_private_vocab_uri(std::string_view value);

}  // namespace lienket::trace
