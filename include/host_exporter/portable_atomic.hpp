#pragma once
// Two C++20 library features the metrics use that older libc++ lacks: atomic<double>::
// fetch_add (P0020; libc++ 18) and std::bit_cast (libc++ 14). Xcode before 16.3 and the
// macOS 12 SDK ship such a libc++; there a compare-exchange loop and memcpy stand in.

#include <atomic>
#include <cstring>
#include <type_traits>
#if __has_include(<bit>)
#include <bit>
#endif

namespace host_exporter::detail {

inline void atomic_add(std::atomic<double>& cell, double amount, std::memory_order order) noexcept {
#if defined(__cpp_lib_atomic_float) && __cpp_lib_atomic_float >= 201711L
  cell.fetch_add(amount, order);
#else
  double expected = cell.load(std::memory_order_relaxed);
  while (!cell.compare_exchange_weak(expected, expected + amount, order, std::memory_order_relaxed)) {
  }
#endif
}

template <typename To, typename From>
To bit_cast(const From& from) noexcept {
  static_assert(sizeof(To) == sizeof(From) && std::is_trivially_copyable_v<From> && std::is_trivially_copyable_v<To>);
#if defined(__cpp_lib_bit_cast) && __cpp_lib_bit_cast >= 201806L
  return std::bit_cast<To>(from);
#else
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
#endif
}

}  // namespace host_exporter::detail
