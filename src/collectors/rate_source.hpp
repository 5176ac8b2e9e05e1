#pragma once
// Per-second rates of a pair of counters per device (a disk's read and written bytes,
// an interface's received and transmitted bytes), for both systems. A platform
// sampler function gives every device's (name, first, second) at each sampler tick;
// RateSource applies the collector's device filter (its decision kept per device: a
// regex search allocates), keeps the window (CounterPairRates) and publishes its rates
// for scrapes, which write them with fill_rate_families.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/counter_pair_rates.hpp"
#include "collectors/device_labels.hpp"
#include "collectors/sampler.hpp"
#include "exposition/sink.hpp"

namespace host_exporter::collectors {

struct CounterPairReading {
  std::string device;
  std::uint64_t first = 0;
  std::uint64_t second = 0;
};

// One sample's readings; their strings are reused from sample to sample.
class CounterPairReadings {
 public:
  void clear() { count_ = 0; }
  void add(std::string_view device, std::uint64_t first, std::uint64_t second);
  std::span<const CounterPairReading> items() const { return {readings_.data(), count_}; }

 private:
  std::vector<CounterPairReading> readings_;
  std::size_t count_ = 0;
};

class RateSource final : public SampledSource {
 public:
  // Adds the readings of every device; false, with `error`, when nothing could be read.
  using Sampler = std::function<bool(CounterPairReadings& readings, std::string& error)>;

  // `what` names the source in the log ("disk"); `filter` is the collector's.
  RateSource(std::string what, DeviceFilter filter, Sampler sampler);
  void take_sample(std::chrono::steady_clock::time_point now) override;
  // The last complete window's rates, copied into `out` (its storage reused).
  void copy_rates(std::vector<CounterPairRate>& out) const;

 private:
  std::string what_;
  Sampler sampler_;
  std::mutex sample_mutex_;  // the sampler's state and the window
  CounterPairReadings readings_;
  std::string error_;
  DeviceLabels<> kept_;
  CounterPairRates window_;
  mutable std::mutex published_mutex_;
  std::vector<CounterPairRate> published_;
};

// A sampler over one of the platform's readers (bool read(Reading&), the reading's
// `error`): each good reading is handed to `add`, which adds its devices' pairs.
template <typename Reader, typename Reading, typename Add>
RateSource::Sampler reading_sampler(Reader reader, Add add) {
  struct State {
    Reader reader;
    Reading reading;
  };
  auto state = std::make_shared<State>(State{std::move(reader), {}});
  return [state, add](CounterPairReadings& readings, std::string& error) {
    if (!state->reader.read(state->reading)) {
      error = state->reading.error;
      return false;
    }
    add(state->reading, readings);
    return true;
  };
}

// The two families of a rate source (first: read or receive, second: written or
// transmit), each sample labelled with the collector's rendered text for its device.
template <typename State>
void fill_rate_families(const RateSource& source, std::vector<CounterPairRate>& scratch, DeviceLabels<State>& devices,
                        const exposition::FamilyDescriptor& first, const exposition::FamilyDescriptor& second,
                        exposition::Sink& sink) {
  source.copy_rates(scratch);
  for (const exposition::FamilyDescriptor* family : {&first, &second}) {
    sink.begin(*family);
    for (const CounterPairRate& rate : scratch) {
      const auto* device = devices.find(rate.key);
      if (device == nullptr) continue;
      sink.sample_rendered(device->labels, family == &first ? rate.first_per_second : rate.second_per_second);
    }
  }
}

}  // namespace host_exporter::collectors
