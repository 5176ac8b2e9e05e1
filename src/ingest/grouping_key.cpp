#include "ingest/grouping_key.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "host_exporter/metric_family.hpp"
#include "text/base64.hpp"

namespace host_exporter::ingest {

namespace {

constexpr std::string_view kBase64Suffix = "@base64";
constexpr std::string_view kPrefix = "/metrics/job";

std::vector<std::string_view> split_segments(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
}

// Decodes one value segment into `out`; on failure `error` says why.
bool decode_value(std::string_view name, std::string_view value, bool base64, std::string& out,
                  std::string& error) {
  out.assign(value);
  if (base64) {
    auto bytes = text::decode_base64url(value);
    if (!bytes) {
      error = "invalid base64 encoding for label " + std::string(name) + "=\"" + std::string(value) + "\"";
      return false;
    }
    out = std::move(*bytes);
  }
  if (!is_valid_label_value(out)) {
    error = "label " + std::string(name) + " is not valid UTF-8 or holds a NUL byte";
    return false;
  }
  return true;
}

}  // namespace

bool is_valid_label_value(std::string_view text) {
  // A NUL would be cut off by C strings and tools downstream: two keys would look alike.
  return text.find('\0') == std::string_view::npos && is_valid_utf8(text);
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    unsigned char low = 0x80, high = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (k == 1 ? (next < low || next > high) : (next < 0x80 || next > 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

std::variant<GroupingKey, std::string> make_grouping_key(std::vector<std::pair<std::string, std::string>> labels) {
  std::map<std::string, std::string> by_name;
  for (auto& [name, value] : labels) {
    if (!is_valid_label_name(name)) return "improper label name \"" + name + "\"";
    if (!is_valid_label_value(value)) return "label " + name + " is not valid UTF-8 or holds a NUL byte";
    by_name[name] = std::move(value);
  }
  const auto job = by_name.find("job");
  if (job == by_name.end() || job->second.empty()) return std::string("job name is required");
  return GroupingKey(by_name.begin(), by_name.end());
}

std::variant<GroupingKey, std::string> parse_push_path(std::string_view path) {
  if (!path.starts_with(kPrefix)) return std::string("not a push path");
  path.remove_prefix(kPrefix.size());
  bool job_base64 = false;
  if (path.starts_with(kBase64Suffix)) {
    job_base64 = true;
    path.remove_prefix(kBase64Suffix.size());
  }
  if (!path.starts_with('/')) return std::string("not a push path");
  path.remove_prefix(1);

  const std::size_t slash = path.find('/');
  const std::string_view job_text = path.substr(0, slash);
  std::string_view rest = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);

  std::string job(job_text);
  if (job_base64) {
    auto decoded = text::decode_base64url(job_text);
    if (!decoded) return "invalid base64 encoding in job name \"" + job + "\"";
    job = std::move(*decoded);
  }
  if (job.empty()) return std::string("job name is required");
  if (!is_valid_label_value(job)) return std::string("job name is not valid UTF-8 or holds a NUL byte");

  std::map<std::string, std::string, std::less<>> labels;
  // "/a/1" gives a=1; a lone trailing "/" means no labels.
  if (rest.size() > 1) {
    const auto parts = split_segments(rest.substr(1));
    if (parts.size() % 2 != 0) return "odd number of components in label string \"" + std::string(rest) + "\"";
    for (std::size_t i = 0; i < parts.size(); i += 2) {
      std::string_view name = parts[i];
      const bool base64 = name.ends_with(kBase64Suffix);
      if (base64) name.remove_suffix(kBase64Suffix.size());
      if (!is_valid_label_name(name)) return "improper label name \"" + std::string(name) + "\"";
      // Pushgateway would keep the last value (or the job segment) silently; a key that
      // says two things is refused instead.
      if (name == "job" || labels.count(name) > 0) return "label " + std::string(name) + " given twice in the path";
      std::string value, error;
      if (!decode_value(name, parts[i + 1], base64, value, error)) return error;
      labels.emplace(std::string(name), std::move(value));
    }
  }
  labels["job"] = std::move(job);
  return GroupingKey(labels.begin(), labels.end());
}

std::string describe(const GroupingKey& key) {
  std::string text = "{";
  std::string rendered;
  for (const auto& [name, value] : key) append_label(rendered, name, value);
  text += rendered;
  text += '}';
  return text;
}

std::optional<std::string> apply_grouping_key(std::string_view labels, const GroupingKey& key) {
  auto pairs = parse_label_text(labels);
  if (!pairs) return std::nullopt;
  for (const auto& [name, value] : key) {
    // A named reference, not the binding: lambdas capture structured bindings only from clang 16.
    const std::string& wanted = name;
    const auto it = std::find_if(pairs->begin(), pairs->end(), [&](const auto& p) { return p.first == wanted; });
    if (it == pairs->end()) {
      pairs->emplace_back(name, value);
    } else {
      it->second = value;
    }
  }
  const bool has_instance =
      std::any_of(pairs->begin(), pairs->end(), [](const auto& p) { return p.first == "instance"; });
  if (!has_instance) pairs->emplace_back("instance", "");
  std::sort(pairs->begin(), pairs->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [name, value] : *pairs) append_label(out, name, value);
  return out;
}

}  // namespace host_exporter::ingest
