#include "qr_code.hpp"

#include <qrencode.h>
#include <zlib.h>

namespace lienket::trace {
namespace {

constexpr int kQuiet = 4;

void put32(std::string& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xFF));
}

void chunk(std::string& out, const char* type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  out += body;
  put32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()),
                                              static_cast<uInt>(body.size()))));
}

}  // namespace

Result<QrMatrix> encode_qr(const std::string& text) {
  QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
  if (!code)
    return Status::InvalidArgument("the text cannot be encoded as a QR code (too long?)", "uri");
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  QRcode_free(code);
  return m;
}

std::string qr_svg(const QrMatrix& qr, int px) {
  int side = (qr.size + 2 * kQuiet) * px;
  std::string path;
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y))
        path += "M" + std::to_string(x + kQuiet) + "," + std::to_string(y + kQuiet) + "h1v1h-1z";
  int modules = qr.size + 2 * kQuiet;
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(side) +
         "\" height=\"" + std::to_string(side) + "\" viewBox=\"0 0 " + std::to_string(modules) +
         " " + std::to_string(modules) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
         "fill=\"#fff\"/><path fill=\"#000\" d=\"" +
         path + "\"/></svg>\n";
}

std::string qr_png(const QrMatrix& qr, int px) {
  int side = (qr.size + 2 * kQuiet) * px;
  // Raw scanlines: a filter byte (0 = none) then one grey byte per pixel.
  std::string raw;
  raw.reserve(static_cast<std::size_t>(side) * (side + 1));
  for (int y = 0; y < side; ++y) {
    raw.push_back(0);
    int my = y / px - kQuiet;
    for (int x = 0; x < side; ++x) {
      int mx = x / px - kQuiet;
      bool dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.at(mx, my);
      raw.push_back(dark ? 0 : static_cast<char>(0xFF));
    }
  }
  uLongf len = compressBound(static_cast<uLong>(raw.size()));
  std::string z(len, '\0');
  compress2(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()),
            static_cast<uLong>(raw.size()), 9);
  z.resize(len);
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32(ihdr, static_cast<std::uint32_t>(side));
  put32(ihdr, static_cast<std::uint32_t>(side));
  ihdr +=
      std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit greyscale, deflate, no filter, no interlace
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

}  // namespace lienket::trace
