// libFuzzer entry point for Accept and Accept-Encoding negotiation: any header
// gives a format whose content type is known, and a yes/no for gzip; the quality
// list parser keeps q within 0..1.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "exposition/format.hpp"
#include "exposition/quality_list.hpp"
#include "fuzz_check.hpp"

namespace exposition = host_exporter::exposition;
using host_exporter::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  if (exposition::content_type(exposition::negotiate_format(header)).empty()) broken("no content type");
  (void)exposition::accepts_gzip(header);
  for (const auto& item : exposition::parse_quality_list(header)) {
    if (!(item.q >= 0 && item.q <= 1)) broken("quality out of range", item.value);
    if (item.value.data() < header.data() || item.value.data() + item.value.size() > header.data() + header.size()) {
      broken("item outside the header");
    }
  }
  return 0;
}
