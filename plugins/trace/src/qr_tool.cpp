// lienket-trace-qr URI --out FILE.svg|FILE.png : writes the QR code of a Digital Link URI.
#include <fstream>
#include <iostream>
#include <string>

#include "digital_link.hpp"
#include "qr_code.hpp"

int main(int argc, char** argv) {
  if (argc != 4 || std::string(argv[2]) != "--out") {
    std::cerr << "usage: lienket-trace-qr <digital-link-uri> --out <file.svg|file.png>\n";
    return 2;
  }
  std::string uri = argv[1], out = argv[3];
  // Read as the node reads every identifier (the same parser, the same leniencies).
  if (auto dl = lienket::trace::parse_digital_link(uri, lienket::trace::kNodeReading); !dl.ok()) {
    std::cerr << dl.status().message() << "\n";
    return 1;
  }
  auto qr = lienket::trace::encode_qr(uri);
  if (!qr.ok()) {
    std::cerr << qr.status().message() << "\n";
    return 1;
  }
  bool png = out.size() > 4 && out.substr(out.size() - 4) == ".png";
  std::ofstream f(out, std::ios::binary);
  f << (png ? lienket::trace::qr_png(*qr) : lienket::trace::qr_svg(*qr));
  if (!f) {
    std::cerr << "cannot write " << out << "\n";
    return 1;
  }
  std::cout << uri << "\n";
  return 0;
}
