#include "live/history.hpp"

#include <algorithm>
#include <cmath>

#include "live/json_text.hpp"
#include "log/log.hpp"

namespace host_exporter::live {

namespace {

nlohmann::ordered_json column(const std::vector<const HostNumbers*>& points, double HostNumbers::*field) {
  auto values = nlohmann::ordered_json::array();
  values.get_ref<nlohmann::ordered_json::array_t&>().reserve(points.size());
  for (const HostNumbers* point : points) values.push_back(point->*field);
  return values;
}

}  // namespace

double unix_seconds_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void HostHistory::add(HostNumbers numbers) {
  std::lock_guard lock(mutex_);
  if (ring_.size() < capacity_) {
    ring_.push_back(std::move(numbers));
    return;
  }
  ring_[next_] = std::move(numbers);
  next_ = (next_ + 1) % capacity_;
}

std::size_t HostHistory::size() const {
  std::lock_guard lock(mutex_);
  return ring_.size();
}

std::string HostHistory::json(double interval_seconds) const {
  nlohmann::ordered_json json;
  {
    std::lock_guard lock(mutex_);
    std::vector<const HostNumbers*> points;
    points.reserve(ring_.size());
    for (std::size_t i = 0; i < ring_.size(); ++i) points.push_back(&ring_[(next_ + i) % ring_.size()]);
    json["interval_seconds"] = interval_seconds;
    json["points"] = points.size();
    for (const auto& field : kHostNumberFields) {
      if (field.in_history) json[field.name] = column(points, field.member);
    }
    // One column per core: core_ratios[core][point].
    std::size_t cores = 0;
    for (const HostNumbers* point : points) cores = std::max(cores, point->cores.size());
    auto& core_ratios = json["core_ratios"] = nlohmann::ordered_json::array();
    for (std::size_t core = 0; core < cores; ++core) {
      auto& values = core_ratios.emplace_back(nlohmann::ordered_json::array());
      for (const HostNumbers* point : points) {
        values.push_back(core < point->cores.size() ? static_cast<double>(point->cores[core]) : std::nan(""));
      }
    }
  }
  return json_text(json);  // outside the lock: the sampler need not wait for the text
}

LiveSampler::LiveSampler(std::shared_ptr<Collector> window, std::shared_ptr<Collector> everything,
                         std::shared_ptr<SnapshotJson> snapshot, std::chrono::milliseconds interval)
    : window_(std::move(window)),
      everything_(std::move(everything)),
      snapshot_(std::move(snapshot)),
      history_(static_cast<std::size_t>(std::max<std::int64_t>(
          1, std::chrono::duration_cast<std::chrono::milliseconds>(kHistorySpan).count() /
                 std::max<std::int64_t>(1, interval.count())))) {}

void LiveSampler::take_sample(std::chrono::steady_clock::time_point) {
  const bool watched = feed_->watched();
  std::vector<MetricFamily> families;
  try {
    (watched ? everything_ : window_)->collect(families);
  } catch (const std::exception& e) {
    log::warn("live page: cannot gather this window", {{"err", e.what()}});
    return;
  }
  const double now = unix_seconds_now();
  history_.add(read_host_numbers(FamilyView(families), now));
  if (watched) feed_->publish(server::sse_event("snapshot", snapshot_->build(families, now)));
}

}  // namespace host_exporter::live
