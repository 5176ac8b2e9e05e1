#pragma once
// What every fuzz target does when an invariant breaks: say which, then abort
// (libFuzzer saves the input as a crash).

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace host_exporter::fuzz {

[[noreturn]] inline void broken(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "invariant broken: %s %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace host_exporter::fuzz
