#include "host_exporter/textfile_writer.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "exposition/format.hpp"
#include "ingest/atomic_file.hpp"
#include "ingest/default_paths.hpp"
#include "ingest/textfile_writer_mark.hpp"

namespace host_exporter {

namespace {

[[noreturn]] void fail(int error, const std::string& what, const std::string& path) {
  throw std::system_error(error, std::generic_category(), what + " " + path);
}

// Sorted by name, as the push API renders a pushed series: the same series exported
// and pushed by one application then has the same label text, and the exporter
// serves it once.
void add_missing_labels(std::vector<MetricFamily>& families,
                        const std::vector<std::pair<std::string, std::string>>& labels) {
  if (labels.empty()) return;
  for (auto& family : families) {
    for (auto& series : family.series) {
      auto pairs = parse_label_text(series.labels);
      if (!pairs) continue;  // never: the registry renders valid label text
      for (const auto& label : labels) {
        const bool present = std::any_of(pairs->begin(), pairs->end(),
                                         [&](const auto& pair) { return pair.first == label.first; });
        if (!present) pairs->push_back(label);
      }
      std::sort(pairs->begin(), pairs->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      series.labels.clear();
      for (const auto& [name, value] : *pairs) append_label(series.labels, name, value);
    }
  }
}

}  // namespace

void write_textfile(const std::string& path, Collector& source, bool create_directory) {
  TextfileOptions options;
  options.create_directory = create_directory;
  write_textfile(path, source, options);
}

void write_textfile(const std::string& path, Collector& source, const TextfileOptions& options) {
  const std::filesystem::path target(path);
  const std::string file_name = target.filename().string();
  if (file_name.size() <= 5 || !file_name.ends_with(".prom")) {
    throw std::invalid_argument("textfile name must end in .prom (the collector reads nothing else): " + path);
  }
  const std::string directory = target.has_parent_path() ? target.parent_path().string() : std::string(".");
  if (options.create_directory) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) fail(error.value(), "cannot create directory", directory);
  }

  std::vector<MetricFamily> families;
  source.collect(families);
  add_missing_labels(families, options.labels);
  std::string text = options.mark_writer ? ingest::format_writer_mark(ingest::this_process_mark()) : std::string();
  exposition::encode(families, exposition::Format::kText004, text);

  // 0644: the exporter reading the directory may run as another user.
  ingest::write_file_atomically(path, text, 0644);
}

std::string default_textfile_directory() { return ingest::default_textfile_directory(); }

std::string default_textfile_path(std::string_view job) {
  const bool valid = !job.empty() && job != "." && job != ".." &&
                     job.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") ==
                         std::string_view::npos;
  if (!valid) {
    throw std::invalid_argument("job must be a file name of letters, digits, '_', '-' and '.': \"" +
                                std::string(job) + "\"");
  }
  const std::string directory = default_textfile_directory();
  if (directory.empty()) {
    throw std::runtime_error("no default textfile directory (HOME is not set): give a path");
  }
  return (std::filesystem::path(directory) / (std::string(job) + ".prom")).string();
}

std::string default_textfile_path(const AppIdentity& identity) {
  return default_textfile_path(identity_file_stem(identity));
}

}  // namespace host_exporter
