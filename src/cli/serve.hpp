#pragma once
// `host_exporter serve`: the HTTP exporter, until SIGTERM or SIGINT.

#include "cli/options.hpp"

namespace host_exporter::cli {

// Returns the process exit code: 0 after a clean shutdown, 1 when the server
// cannot start (an address cannot be bound), 2 for a bad collector flag.
int run_serve(const Options& options);

}  // namespace host_exporter::cli
