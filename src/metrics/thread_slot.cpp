#include "host_exporter/thread_slot.hpp"

#include <cstdint>
#include <mutex>

namespace host_exporter::detail {

constinit thread_local int tl_thread_slot = -1;

namespace {

static_assert(kThreadSlots <= 32, "the free set is a 32-bit mask");

// The free slots as a bit set. Never destroyed: threads may exit (and give their
// slot back) after static destructors have run.
struct SlotPool {
  std::mutex mutex;
  std::uint32_t free_mask = (kThreadSlots == 32) ? ~0u : ((1u << kThreadSlots) - 1u);
};

SlotPool& pool() {
  static SlotPool* const instance = new SlotPool;
  return *instance;
}

// Gives the slot back when its thread exits. Later updates from this thread (from
// other thread_local destructors) go to the overflow cell, never to a released slot.
struct SlotReleaser {
  int slot = -1;
  ~SlotReleaser() {
    if (slot < 0) return;
    SlotPool& p = pool();
    const std::lock_guard lock(p.mutex);
    p.free_mask |= 1u << slot;
    tl_thread_slot = static_cast<int>(kThreadSlots);
  }
};

}  // namespace

unsigned acquire_thread_slot() noexcept {
  if (tl_thread_slot >= 0) return static_cast<unsigned>(tl_thread_slot);
  thread_local SlotReleaser releaser;
  SlotPool& p = pool();
  const std::lock_guard lock(p.mutex);
  if (p.free_mask == 0) {
    tl_thread_slot = static_cast<int>(kThreadSlots);
  } else {
    const int slot = __builtin_ctz(p.free_mask);
    p.free_mask &= ~(1u << slot);
    releaser.slot = slot;
    tl_thread_slot = slot;
  }
  return static_cast<unsigned>(tl_thread_slot);
}

unsigned thread_slots_in_use() noexcept {
  SlotPool& p = pool();
  const std::lock_guard lock(p.mutex);
  return kThreadSlots - static_cast<unsigned>(__builtin_popcount(p.free_mask));
}

}  // namespace host_exporter::detail
