#pragma once
// The HttpCall that `host_exporter push` uses in the program: the HTTP client of the
// day behind push_command.hpp's one-function interface. Replacing the client means
// replacing push_http.cpp only.

#include <chrono>

#include "cli/push_command.hpp"

namespace host_exporter::cli {

HttpCall program_http_call(std::chrono::milliseconds timeout);

}  // namespace host_exporter::cli
