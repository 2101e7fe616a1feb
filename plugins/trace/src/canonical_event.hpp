// The spelling the plugin stores and exports an EPCIS event in: EPCIS 2.0 JSON-LD as GS1's JSON
// schema wants it. Capture accepts the standard's other spellings of a vocabulary value - the
// legacy URN ("urn:epcglobal:cbv:bizstep:shipping"), the CBV web URI
// ("https://ref.gs1.org/cbv/BizStep-shipping"), the GS1 web vocabulary URI or CURIE of a sensor
// value ("https://gs1.org/voc/Temperature", "gs1:Temperature") - but the schema admits only the
// bare name there ("shipping", "Temperature"), so every one is turned into it. Only spelling
// changes: the event hash (event_hash.hpp) of the result equals the input's.
#pragma once

#include <nlohmann/json.hpp>

namespace lienket::trace {

nlohmann::json canonical_jsonld(nlohmann::json event);

}  // namespace lienket::trace
