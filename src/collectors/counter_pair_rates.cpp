#include "collectors/counter_pair_rates.hpp"

namespace host_exporter::collectors {

namespace {
double per_second(std::uint64_t before, std::uint64_t now, double seconds) {
  if (now < before) return 0;  // reset or wrap: no honest rate for this window
  return static_cast<double>(now - before) / seconds;
}
}  // namespace

void CounterPairRates::begin_sample(Clock::time_point now) {
  ++sample_;
  now_ = now;
  rate_count_ = 0;
}

void CounterPairRates::add(std::string_view key, std::uint64_t first, std::uint64_t second) {
  auto it = previous_.find(key);
  if (it == previous_.end()) it = previous_.emplace(std::string(key), Previous{}).first;
  Previous& previous = it->second;
  const std::chrono::duration<double> window = now_ - previous_time_;
  if (previous_sample_ != 0 && previous.sample == previous_sample_ && window.count() > 0) {
    if (rate_count_ == rates_.size()) rates_.emplace_back();
    CounterPairRate& rate = rates_[rate_count_++];
    rate.key.assign(key);
    rate.first_per_second = per_second(previous.first, first, window.count());
    rate.second_per_second = per_second(previous.second, second, window.count());
  }
  previous.first = first;
  previous.second = second;
  previous.sample = sample_;
}

void CounterPairRates::end_sample() {
  std::erase_if(previous_, [this](const auto& entry) { return entry.second.sample != sample_; });
  rates_.resize(rate_count_);
  previous_time_ = now_;
  previous_sample_ = sample_;
}

void CounterPairRates::reset() {
  previous_.clear();
  rates_.clear();
  rate_count_ = 0;
  previous_sample_ = 0;
}

}  // namespace host_exporter::collectors
