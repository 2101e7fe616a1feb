// GS1's EPCIS 2.0 JSON schema, applied by an independent validator (Debian's python3-jsonschema,
// through validate_epcis.py beside this file) to documents the tests wrote. Tests that use it get
// TRACE_SCHEMA_CHECK (the script) and TRACE_TEST_DATA (tests/data/gs1) from CMake.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace lienket::trace::testing {

struct SchemaVerdict {
  int status = -1;  // 0 all valid, 1 one is not, 77 python3-jsonschema is not installed
  std::string output;
  bool skipped() const { return status == 77; }
};

// Runs validate_epcis.py over `documents` (with `list_valid`, its output names the valid ones).
inline SchemaVerdict gs1_schema_check(const std::vector<std::filesystem::path>& documents,
                                      bool list_valid = false) {
  std::string cmd = std::string("/usr/bin/python3 ") + TRACE_SCHEMA_CHECK +
                    (list_valid ? " --valid " : " ") + TRACE_TEST_DATA +
                    "/epcis/schema/EPCIS-JSON-Schema.json";
  for (const auto& d : documents) cmd += " '" + d.string() + "'";
  SchemaVerdict v;
  if (FILE* p = popen((cmd + " 2>&1").c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) v.output += buf;
    int st = pclose(p);
    v.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
  return v;
}

}  // namespace lienket::trace::testing
