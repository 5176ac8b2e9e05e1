#pragma once
// Storage a scrape uses and the next one reuses (a sink, a collector's scratch): each scrape takes
// one, a new one only when every other is in use (concurrent scrapes), and gives it back, so a
// steady-state scrape allocates nothing for it.

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace host_exporter::exposition {

template <typename T>
class SparePool {
 public:
  // A spare T, or make()'s when none is left.
  template <typename Make>
  std::unique_ptr<T> take(Make make) {
    {
      std::lock_guard lock(mutex_);
      if (!spare_.empty()) {
        std::unique_ptr<T> item = std::move(spare_.back());
        spare_.pop_back();
        return item;
      }
    }
    return make();
  }

  void give_back(std::unique_ptr<T> item) {
    std::lock_guard lock(mutex_);
    spare_.push_back(std::move(item));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> spare_;
};

}  // namespace host_exporter::exposition
