// Renders the declared contracts (node.schema's result) as Markdown for people: per message its
// summary, who may send it, whether it writes, and a table of body and result fields with types and
// limits; per event its data fields. The protocol pages carry this text between markers, and a test
// regenerates it from a running node, so the docs cannot drift from the code:
//   <!-- BEGIN node.schema offtake -->  ...generated...  <!-- END node.schema offtake -->
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lienket::core {

// The Markdown of one plugin's messages and events, from a node.schema result.
std::string schema_markdown(const nlohmann::json& schema, const std::string& plugin);

// `doc` with the block of `plugin` between its markers replaced by `generated`; "" when the doc
// has no such block.
std::string replace_generated_block(const std::string& doc, const std::string& plugin,
                                    const std::string& generated);
std::string generated_block_begin(const std::string& plugin);
std::string generated_block_end(const std::string& plugin);

}  // namespace lienket::core
