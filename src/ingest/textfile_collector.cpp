#include "ingest/textfile_collector.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <system_error>
#include <variant>

#include "ingest/family_merger.hpp"
#include "ingest/prom_file_listing.hpp"
#include "ingest/textfile_reader.hpp"
#include "log/log.hpp"

namespace host_exporter::ingest {

namespace {

std::string join_path(const std::string& directory, const std::string& name) {
  if (directory.empty() || directory.back() == '/') return directory + name;
  return directory + '/' + name;
}

}  // namespace

TextfileCollector::TextfileCollector(std::vector<TextfileDirectory> directories, TextfileOptions options)
    : directories_(std::move(directories)), options_(options), liveness_(std::move(options.age_limits)) {
  for (const auto& directory : directories_) listings_.emplace_back(directory.path);
}

void TextfileCollector::collect(std::vector<MetricFamily>& out) {
  bool failed = false;
  FamilyMerger merger(FamilyMerger::HelpRule::kMustMatch);
  std::map<std::string, std::vector<std::string>> files_of_family;
  std::vector<std::pair<std::string, double>> mtimes;
  auto liveness = liveness_.scrape();
  const TextfileLimits limits{options_.max_bytes, std::chrono::steady_clock::now() + options_.timeout};
  std::size_t late_files = 0;

  for (std::size_t d = 0; d < directories_.size(); ++d) {
    const auto& directory = directories_[d];
    if (directory.path.empty()) continue;
    std::error_code error;
    const auto listing = listings_[d].names(error);
    if (error) {
      if (error == std::errc::no_such_file_or_directory && !directory.missing_is_error) {
        log::debug("textfile directory does not exist", {{"path", directory.path}});
        continue;
      }
      failed = true;
      log::error("failed to read textfile directory", {{"path", directory.path}, {"err", error.message()}});
      // Files listed before the error are still read.
    }
    for (const auto& name : *listing) {
      const std::string path = join_path(directory.path, name);
      if (!liveness.keep(path)) continue;
      if (std::chrono::steady_clock::now() > limits.deadline) {
        ++late_files;
        continue;
      }
      auto read = read_textfile(path, limits);
      if (const auto* problem = std::get_if<TextfileError>(&read)) {
        failed = true;
        log::error("skipped textfile", {{"file", path},
                                         {"line", std::to_string(problem->line)},
                                         {"reason", problem->reason}});
        continue;
      }
      auto& content = std::get<TextfileContent>(read);
      for (auto& family : content.families) {
        const std::string family_name = family.name;
        const MetricFamily* earlier = merger.find(family_name);
        const std::string earlier_type = earlier ? std::string(to_string(earlier->type)) : std::string();
        const std::string type = std::string(to_string(family.type));
        const auto outcome = merger.add(std::move(family));
        switch (outcome.result) {
          case FamilyMerger::Result::kTypeConflict:
            failed = true;
            log::error("textfile metric left out: type differs from an earlier file",
                       {{"file", path}, {"metric", family_name}, {"type", type},
                        {"earlier_type", earlier_type}, {"earlier_file", files_of_family[family_name].front()}});
            continue;
          case FamilyMerger::Result::kHelpConflict:
            failed = true;
            // The help text itself is not logged: the log never quotes a file's text.
            log::error("textfile metric left out: help text differs from an earlier file",
                       {{"file", path}, {"metric", family_name}, {"earlier_file", files_of_family[family_name].front()}});
            continue;
          case FamilyMerger::Result::kAdded:
          case FamilyMerger::Result::kMerged:
            break;
        }
        if (outcome.duplicate_series > 0) {
          failed = true;
          log::error("textfile series left out: already exported by an earlier file",
                     {{"file", path}, {"metric", family_name},
                      {"series", std::to_string(outcome.duplicate_series)}});
        }
        files_of_family[family_name].push_back(path);
      }
      mtimes.emplace_back(path, content.mtime_seconds);
    }
  }

  if (late_files > 0) {
    failed = true;
    log::error("textfiles skipped: the scrape's textfile deadline passed (--collector.textfile.timeout)",
               {{"files", std::to_string(late_files)}});
  }

  auto families = merger.take();
  for (auto& family : families) {
    if (!family.help.empty()) continue;
    family.help = "Metric read from ";
    const auto& files = files_of_family[family.name];
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (i > 0) family.help += ", ";
      family.help += files[i];
    }
  }
  for (auto& family : families) out.push_back(std::move(family));

  if (!mtimes.empty()) {
    std::sort(mtimes.begin(), mtimes.end());
    MetricFamily mtime{"node_textfile_mtime_seconds", "Unixtime mtime of textfiles successfully read.",
                       MetricType::kGauge, {}};
    for (const auto& [path, seconds] : mtimes) {
      mtime.series.push_back({render_labels({{"file", path}}), seconds, {}});
    }
    out.push_back(std::move(mtime));
  }
  liveness.append_metrics(out);
  out.push_back({"node_textfile_scrape_error", "1 if there was an error opening or reading a file, 0 otherwise",
                 MetricType::kGauge, {{"", failed ? 1.0 : 0.0, {}}}});
}

}  // namespace host_exporter::ingest
