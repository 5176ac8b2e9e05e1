#include "collectors/cpu_utilization.hpp"

#include "log/log.hpp"

namespace host_exporter::collectors {

namespace {

std::uint64_t idle_ticks(const platform::CpuTimes& t) { return t.idle_total(); }

}  // namespace

std::uint64_t total_ticks(const platform::CpuTimes& t) {
  return t.total();
}

std::optional<double> busy_ratio(const platform::CpuTimes& previous, const platform::CpuTimes& current) {
  const std::uint64_t previous_total = total_ticks(previous);
  const std::uint64_t current_total = total_ticks(current);
  const std::uint64_t previous_idle = idle_ticks(previous);
  const std::uint64_t current_idle = idle_ticks(current);
  if (current_total <= previous_total || current_idle < previous_idle) return std::nullopt;
  const std::uint64_t previous_busy = previous_total - previous_idle;
  const std::uint64_t current_busy = current_total - current_idle;
  if (current_busy < previous_busy) return std::nullopt;
  const double dtotal = static_cast<double>(current_total - previous_total);
  const double dbusy = static_cast<double>(current_busy - previous_busy);
  const double ratio = dbusy / dtotal;
  return ratio < 0 ? 0.0 : (ratio > 1 ? 1.0 : ratio);
}

CpuUtilizationSource::CpuUtilizationSource(const platform::Roots& roots)
    : stat_file_(roots.proc("stat"), platform::Rendering::kWhole) {}

void CpuUtilizationSource::take_sample(std::chrono::steady_clock::time_point /*now*/) {
  std::lock_guard sample_lock(sample_mutex_);
  const double read_time =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  platform::read_stat(stat_file_, buffer_, reading_);
  if (!reading_.ok()) {
    log::debug("cpu utilization: cannot read stat", {{"err", reading_.error}});
    std::lock_guard publish_lock(published_mutex_);
    published_valid_ = false;
    return;
  }

  next_.total = busy_ratio(previous_total_, reading_.total);
  previous_total_ = reading_.total;
  next_.start_time = first_sample_ ? std::nullopt : std::optional<double>(previous_read_time_);
  next_.end_time = read_time;
  previous_read_time_ = read_time;
  next_.cores.clear();
  for (const auto& line : reading_.cpus) {
    const auto [it, inserted] = previous_cores_.try_emplace(line.cpu);
    // The first sample measures every core from zero (since boot, as btop does);
    // a core that comes online later gets its first value one window after.
    if (!inserted || first_sample_) {
      if (const auto ratio = busy_ratio(it->second, line.times)) {
        next_.cores.emplace_back(line.cpu, *ratio);
      } else {
        log::debug("cpu utilization: no time passed or counters went backwards, skipping this window",
                   {{"cpu", std::to_string(line.cpu)}});
      }
    }
    it->second = line.times;
  }
  // Forget cores that went offline, so a core that returns starts a fresh window.
  if (previous_cores_.size() != reading_.cpus.size()) {
    for (auto it = previous_cores_.begin(); it != previous_cores_.end();) {
      bool online = false;
      for (const auto& line : reading_.cpus) online = online || line.cpu == it->first;
      it = online ? std::next(it) : previous_cores_.erase(it);
    }
  }
  first_sample_ = false;

  std::lock_guard publish_lock(published_mutex_);
  std::swap(published_, next_);
  published_valid_ = true;
}

bool CpuUtilizationSource::copy_window(CpuUtilizationWindow& out) const {
  std::lock_guard lock(published_mutex_);
  if (!published_valid_) return false;
  out.total = published_.total;
  out.cores.assign(published_.cores.begin(), published_.cores.end());
  out.start_time = published_.start_time;
  out.end_time = published_.end_time;
  return true;
}

}  // namespace host_exporter::collectors
