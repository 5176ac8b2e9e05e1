#include "collectors/darwin_processes.hpp"

#include <stdexcept>

#include "collectors/process_families.hpp"

namespace host_exporter::collectors {

namespace {
constexpr double kNanosecondsPerSecond = 1e9;  // the table's CPU "ticks"
constexpr double kBytesPerPage = 1.0;          // the table's rss is in bytes
}  // namespace

DarwinProcessSource::DarwinProcessSource(decltype(platform::darwin::HostReaders::processes) reader,
                                         ProcessGroupOptions options)
    : reader_(std::move(reader)), tracker_(std::move(options), kNanosecondsPerSecond, kBytesPerPage) {}

void DarwinProcessSource::take_sample(std::chrono::steady_clock::time_point /*now*/) {
  std::lock_guard sample_lock(sample_mutex_);
  platform::darwin::ProcessClocks clocks;
  std::string error;
  if (!reader_(table_, clocks, error)) {
    std::lock_guard publish_lock(published_mutex_);
    error_ = error.empty() ? "cannot list processes" : error;
    return;
  }
  tracker_.add_sample(table_, clocks.cpu_total_ns, clocks.now_ns, next_);
  std::lock_guard publish_lock(published_mutex_);
  std::swap(published_, next_);
  valid_ = true;
  error_.clear();
}

bool DarwinProcessSource::copy_window(ProcessWindow& out, std::string& error) const {
  std::lock_guard lock(published_mutex_);
  error = error_;
  if (!valid_) return false;
  out = published_;
  return true;
}

DarwinProcessesCollector::DarwinProcessesCollector(std::shared_ptr<DarwinProcessSource> source,
                                                   bool sampled_by_caller)
    : source_(std::move(source)), sampled_by_caller_(sampled_by_caller) {}

void DarwinProcessesCollector::fill(ScrapeContext&, Sink& sink) {
  std::lock_guard lock(mutex_);
  if (!sampled_by_caller_) source_->take_sample(std::chrono::steady_clock::now());
  std::string error;
  const bool valid = source_->copy_window(window_, error);
  if (!error.empty()) throw std::runtime_error(error);
  if (!valid) return;
  append_process_group_families(window_, kDarwinAlwaysExportedStates, sink);
}

}  // namespace host_exporter::collectors
