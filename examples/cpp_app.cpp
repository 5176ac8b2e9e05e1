// A small C++ application instrumented with host_exporter's client library: a batch of
// simulated jobs, each timed with a ScopeTimer, served on /metrics while it runs and
// exported to a textfile (or pushed) at the end.
//
//   cpp_app [--serve PORT] [--export PATH.prom] [--push URL] [--jobs N]

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "host_exporter/app_identity.hpp"
#include "host_exporter/exposer.hpp"
#include "host_exporter/pusher.hpp"
#include "host_exporter/registry.hpp"
#include "host_exporter/textfile_writer.hpp"
#include "host_exporter/timer.hpp"

namespace hx = host_exporter;

namespace {

struct Options {
  int serve_port = -1;
  std::string export_path;
  std::string push_url;
  int jobs = 20;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--serve") options.serve_port = std::stoi(value);
    else if (flag == "--export") options.export_path = value;
    else if (flag == "--push") options.push_url = value;
    else if (flag == "--jobs") options.jobs = std::stoi(value);
    else throw std::invalid_argument("unknown flag " + std::string(flag));
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  hx::Registry& registry = hx::default_registry();

  // Look children up once; the references stay valid for the life of the registry.
  hx::TimerTargets job_metrics{
      .duration = &registry.histogram("app_job_duration_seconds", "Time to run one job.", {},
                                      hx::exponential_buckets(0.001, 2, 12)).get(),
      .total = &registry.counter("app_jobs_total", "Jobs run.").get(),
      .succeeded = &registry.counter("app_jobs_succeeded_total", "Jobs that finished.").get(),
      .failed = &registry.counter("app_jobs_failed_total", "Jobs that threw.").get(),
  };
  hx::Gauge& last_success = registry.gauge("app_last_success_timestamp_seconds", "When a job last finished.").get();

  if (options.serve_port >= 0) {
    const auto exposer = hx::Exposer::start(registry, options.serve_port);
    std::printf("serving http://127.0.0.1:%d/metrics\n", exposer->port());
  }

  std::mt19937 rng(42);
  std::uniform_int_distribution<int> work_ms(1, 20);
  std::bernoulli_distribution fails(0.1);
  for (int i = 0; i < options.jobs; ++i) {
    try {
      hx::ScopeTimer timer(job_metrics);  // counts the job as failed if it throws
      std::this_thread::sleep_for(std::chrono::milliseconds(work_ms(rng)));
      if (fails(rng)) throw std::runtime_error("input missing");
      last_success.set_to_current_time();
    } catch (const std::runtime_error&) {
      // the job's own error handling; the timer already counted it
    }
  }

  // job "cpp_app", instance "<host>/cpp_app": the same labels on the exported file and the pushed group, so the
  // exporter serves each series once.
  const hx::AppIdentity& me = hx::set_app_identity(hx::make_app_identity("cpp_app"));
  if (!options.export_path.empty()) {
    hx::write_textfile(options.export_path, registry, {.labels = hx::identity_labels(me)});
    std::printf("exported to %s\n", options.export_path.c_str());
  }
  if (!options.push_url.empty()) {
    hx::Pusher(options.push_url, me.job, hx::identity_grouping(me)).push(registry);
    std::printf("pushed to %s\n", options.push_url.c_str());
  }
  std::printf("%d jobs, %.0f failed\n", options.jobs, job_metrics.failed->value());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "cpp_app: %s\n", e.what());
  return 1;
}
