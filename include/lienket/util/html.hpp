// Text into HTML: the five characters that could start markup or end an attribute are escaped, so
// that names typed by people ("Hợp tác xã <A&B>") are shown as typed. Link Lienket::util.
#pragma once

#include <string>
#include <string_view>

namespace lienket::util {

std::string html_escape(std::string_view text);

}  // namespace lienket::util
