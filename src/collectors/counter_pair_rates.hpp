#pragma once
// Per-second rates of two monotonic counters per key (received/transmitted bytes
// of an interface, read/written bytes of a disk) between two consecutive
// samples: rate = (value now - value before) / (t now - t before), with the
// instants taken from the sampler's steady clock.
//
// A key gets a rate only when both samples of the window saw it, so there is no
// rate before the first full window. A counter that went backwards (interface
// reset, driver reload, 32-bit wrap) gives 0 for that window, never a negative rate.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace host_exporter::collectors {

struct CounterPairRate {
  std::string key;
  double first_per_second = 0;
  double second_per_second = 0;
};

class CounterPairRates {
 public:
  using Clock = std::chrono::steady_clock;

  void begin_sample(Clock::time_point now);
  void add(std::string_view key, std::uint64_t first, std::uint64_t second);
  // Closes the sample: keys not seen in it are forgotten; rates() now covers the
  // window between the previous sample and this one.
  void end_sample();
  // Discards the previous sample (a failed read): the next window starts afresh.
  void reset();

  const std::vector<CounterPairRate>& rates() const { return rates_; }

 private:
  struct Previous {
    std::uint64_t first = 0;
    std::uint64_t second = 0;
    std::uint64_t sample = 0;
  };

  std::map<std::string, Previous, std::less<>> previous_;
  std::vector<CounterPairRate> rates_;
  std::size_t rate_count_ = 0;
  Clock::time_point now_{};
  Clock::time_point previous_time_{};
  std::uint64_t sample_ = 0;           // number of the sample being taken
  std::uint64_t previous_sample_ = 0;  // number of the last complete sample; 0 for none
};

}  // namespace host_exporter::collectors
