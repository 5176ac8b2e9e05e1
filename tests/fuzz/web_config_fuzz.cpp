// libFuzzer entry point for --web.config.file. The promise: any text gives a
// config or a WebConfigError naming a line, never another exception (yaml-cpp's
// BadConversion escaped before) and never a bcrypt run of a configured hash.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "fuzz_check.hpp"
#include "server/web_config.hpp"

namespace server = host_exporter::server;
using host_exporter::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  try {
    const auto config = server::parse_web_config(input, "/etc/host_exporter");
    for (const auto& [user, hash] : config.basic_auth_users) {
      if (hash.size() != 60) broken("unchecked hash", hash);
    }
  } catch (const server::WebConfigError& e) {
    if (std::string(e.what()).empty()) broken("empty error");
  } catch (const std::exception& e) {
    broken("exception other than WebConfigError", e.what());
  }
  return 0;
}
