#include "collectors/sampler.hpp"

namespace host_exporter::collectors {

Sampler::Sampler(std::chrono::milliseconds interval) : interval_(interval) {}

Sampler::~Sampler() { stop(); }

void Sampler::add(std::shared_ptr<SampledSource> source) {
  std::lock_guard lock(mutex_);
  sources_.push_back(std::move(source));
}

void Sampler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Sampler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sampler::sample_now() {
  std::vector<std::shared_ptr<SampledSource>> sources;
  {
    std::lock_guard lock(mutex_);
    sources = sources_;
  }
  const auto now = std::chrono::steady_clock::now();
  for (const auto& source : sources) source->take_sample(now);
}

void Sampler::run() {
  // Ticks are scheduled from the first one, so a slow sample does not drift the window.
  auto next = std::chrono::steady_clock::now();
  for (;;) {
    sample_now();
    next += interval_;
    std::unique_lock lock(mutex_);
    if (wake_.wait_until(lock, next, [this] { return stopping_; })) return;
    const auto now = std::chrono::steady_clock::now();
    if (next < now) next = now;  // a suspended machine resumes without a burst of catch-up samples
  }
}

}  // namespace host_exporter::collectors
