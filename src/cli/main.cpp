// host_exporter: parse the command line, run the subcommand.

#include <exception>
#include <iostream>

#include "cli/doctor.hpp"
#include "cli/options.hpp"
#include "cli/push.hpp"
#include "cli/serve.hpp"
#include "cli/snapshot.hpp"
#include "cli/verify.hpp"
#include "collectors/builtin.hpp"
#include "log/log.hpp"

int main(int argc, char** argv) {
  using namespace host_exporter;
  const auto parsed = cli::parse_options(std::vector<std::string>(argv + 1, argv + argc), collectors::builtin_collectors());
  std::cout << parsed.out << std::flush;
  std::cerr << parsed.err;
  if (!parsed.options) return parsed.exit_code;

  const cli::Options& options = *parsed.options;
  log::configure(options.log_level, options.log_format);
  try {
    switch (options.command) {
      case cli::Command::kServe: return cli::run_serve(options);
      case cli::Command::kSnapshot: return cli::run_snapshot(options);
      case cli::Command::kDoctor: return cli::run_doctor(options);
      case cli::Command::kVerify: return cli::run_verify(options);
      case cli::Command::kPush: return cli::run_push(options);
    }
  } catch (const std::exception& e) {
    log::error("fatal", {{"err", e.what()}});
  }
  return 1;
}
