// QR codes of Digital Link URIs through libqrencode (byte mode, error correction level M), drawn as
// SVG (one path, crisp at any size) or as a PNG written here with zlib (8-bit greyscale).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lienket/status.hpp"

namespace lienket::trace {

struct QrMatrix {
  int size = 0;                    // modules per side, without the quiet zone
  std::vector<std::uint8_t> dark;  // size*size, row-major, 1 = dark
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

Result<QrMatrix> encode_qr(const std::string& text);
// Quiet zone of 4 modules as the standard asks.
std::string qr_svg(const QrMatrix& qr, int module_px = 8);
std::string qr_png(const QrMatrix& qr, int module_px = 8);

}  // namespace lienket::trace
