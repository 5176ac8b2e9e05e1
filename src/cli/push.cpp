#include "cli/push.hpp"

#include <chrono>
#include <iostream>

#include "cli/push_command.hpp"
#include "cli/push_http.hpp"

namespace host_exporter::cli {

int run_push(const Options& options) {
  const HttpCall http = program_http_call(std::chrono::seconds(10));
  if (options.push_delete) {
    return run_push_delete(http, options.push_url, options.push_job, options.push_labels, std::cout, std::cerr);
  }
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  return run_push_list(http, options.push_url, now, std::cout, std::cerr);
}

}  // namespace host_exporter::cli
