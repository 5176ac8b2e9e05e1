// Content negotiation (RFC 9110 §12.5.1): for each format we serve, the most
// specific media range that matches it gives its q-value (so `text/plain;q=0`
// refuses text even when `*/*` is also listed); then the highest q wins, ties
// going to the range listed first.

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "exposition/format.hpp"
#include "exposition/quality_list.hpp"

namespace host_exporter::exposition {

namespace {

// How specifically a media range names a format; higher overrides lower.
enum class Match { kNone, kAnyType, kAnySubtype, kType, kTypeAndVersion };

struct Preference {
  Match match = Match::kNone;
  double q = 0;
  std::size_t position = 0;
};

// A range naming our type matches only when its version (if any) is one we can answer.
Match match_type(const QualityItem& range, std::string_view type,
                 std::initializer_list<std::string_view> versions) {
  if (!equals_ignoring_case(range.value, type)) return Match::kNone;
  const QualityParameter* version = range.find("version");
  if (version == nullptr) return Match::kType;
  for (std::string_view accepted : versions) {
    if (version->value == accepted) return Match::kTypeAndVersion;
  }
  return Match::kNone;
}

Match match_text(const QualityItem& range) {
  if (range.value == "*/*") return Match::kAnyType;
  if (equals_ignoring_case(range.value, "text/*")) return Match::kAnySubtype;
  return match_type(range, "text/plain", {"0.0.4"});
}

// OpenMetrics 0.0.1 is what Prometheus calls the pre-1.0 drafts; our 1.0.0 output satisfies it.
Match match_openmetrics(const QualityItem& range) {
  return match_type(range, "application/openmetrics-text", {"1.0.0", "0.0.1"});
}

void consider(Preference& preference, Match match, const QualityItem& range) {
  if (match == Match::kNone || match < preference.match) return;
  // Among equally specific ranges the most favourable counts (e.g. two OpenMetrics versions).
  if (match == preference.match && range.q <= preference.q) return;
  preference = {match, range.q, range.position};
}

}  // namespace

Format negotiate_format(std::string_view accept_header) {
  Preference text;
  Preference openmetrics;
  for (const QualityItem& range : parse_quality_list(accept_header)) {
    consider(text, match_text(range), range);
    consider(openmetrics, match_openmetrics(range), range);
  }
  const bool text_acceptable = text.match != Match::kNone && text.q > 0;
  const bool openmetrics_acceptable = openmetrics.match != Match::kNone && openmetrics.q > 0;
  if (!openmetrics_acceptable) return Format::kText004;
  if (!text_acceptable) return Format::kOpenMetrics100;
  if (openmetrics.q != text.q) return openmetrics.q > text.q ? Format::kOpenMetrics100 : Format::kText004;
  return openmetrics.position < text.position ? Format::kOpenMetrics100 : Format::kText004;
}

bool accepts_gzip(std::string_view accept_encoding_header) {
  std::optional<double> gzip;
  std::optional<double> any;
  for (const QualityItem& coding : parse_quality_list(accept_encoding_header)) {
    if (equals_ignoring_case(coding.value, "gzip") || equals_ignoring_case(coding.value, "x-gzip")) {
      gzip = std::max(gzip.value_or(0.0), coding.q);
    } else if (coding.value == "*") {
      any = std::max(any.value_or(0.0), coding.q);
    }
  }
  // An explicit gzip entry overrides `*`.
  return gzip ? *gzip > 0 : any.value_or(0.0) > 0;
}

}  // namespace host_exporter::exposition
