#include "collectors/rate_source.hpp"

#include <utility>

#include "log/log.hpp"

namespace host_exporter::collectors {

void CounterPairReadings::add(std::string_view device, std::uint64_t first, std::uint64_t second) {
  if (count_ == readings_.size()) readings_.emplace_back();
  CounterPairReading& reading = readings_[count_++];
  reading.device.assign(device);
  reading.first = first;
  reading.second = second;
}

RateSource::RateSource(std::string what, DeviceFilter filter, Sampler sampler)
    : what_(std::move(what)), sampler_(std::move(sampler)), kept_(std::move(filter)) {}

void RateSource::take_sample(std::chrono::steady_clock::time_point now) {
  std::lock_guard sample_lock(sample_mutex_);
  readings_.clear();
  if (!sampler_(readings_, error_)) {
    log::debug("rates: cannot read", {{"source", what_}, {"err", error_}});
    window_.reset();
  } else {
    window_.begin_sample(now);
    kept_.begin_scrape();
    for (const CounterPairReading& reading : readings_.items()) {
      if (kept_.find(reading.device) != nullptr) window_.add(reading.device, reading.first, reading.second);
    }
    kept_.end_scrape();
    window_.end_sample();
  }
  std::lock_guard publish_lock(published_mutex_);
  published_ = window_.rates();
}

void RateSource::copy_rates(std::vector<CounterPairRate>& out) const {
  std::lock_guard lock(published_mutex_);
  out = published_;
}

}  // namespace host_exporter::collectors
