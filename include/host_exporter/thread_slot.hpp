#pragma once
// Process-wide thread slots behind the striped cells of counters and histograms.
//
// Every counter and histogram keeps kThreadSlots cells plus one overflow cell, each
// on its own cache line. A thread takes a slot the first time it updates any metric
// and owns cell `slot` of every metric exclusively until it exits, so its updates
// are a relaxed load and a relaxed store (no lock prefix, no shared cache line).
// Threads beyond kThreadSlots share the overflow cell with atomic read-modify-write.
// Readers sum all cells with relaxed loads at collect time.
//
// Why single-writer cells are exact: a cell has at most one writer at a time. A slot
// changes owner only through the pool's mutex: the old owner releases it (after its
// last store) under the mutex, the new owner acquires it under the same mutex, so the
// release happens-before every access of the new owner and its first load sees the
// old owner's last store. No increment is lost across the hand-over.
//
// This header is public only so that the hot path inlines into the caller.

#include <cstddef>

namespace host_exporter::detail {

inline constexpr unsigned kThreadSlots = 8;
inline constexpr std::size_t kCacheLine = 64;

// -1 until this thread first updates a metric; then its slot in [0, kThreadSlots),
// or kThreadSlots when it shares the overflow cell (every slot was taken, or the
// thread is exiting and already gave its slot back). Constant-initialised, so
// reading it needs no TLS guard.
extern constinit thread_local int tl_thread_slot;

// Slow path: the slot of the calling thread, taking one from the pool on first use.
// Returns kThreadSlots for the overflow cell. Never throws.
unsigned acquire_thread_slot() noexcept;

// Slots currently held by live threads (for tests and diagnostics).
unsigned thread_slots_in_use() noexcept;

}  // namespace host_exporter::detail
