#include "host_exporter/textfile_writer.hpp"

#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "exposition/format.hpp"
#include "ingest/atomic_file.hpp"
#include "ingest/default_paths.hpp"

namespace host_exporter {

namespace {

[[noreturn]] void fail(int error, const std::string& what, const std::string& path) {
  throw std::system_error(error, std::generic_category(), what + " " + path);
}

}  // namespace

void write_textfile(const std::string& path, Collector& source, bool create_directory) {
  const std::filesystem::path target(path);
  const std::string file_name = target.filename().string();
  if (file_name.size() <= 5 || !file_name.ends_with(".prom")) {
    throw std::invalid_argument("textfile name must end in .prom (the collector reads nothing else): " + path);
  }
  const std::string directory = target.has_parent_path() ? target.parent_path().string() : std::string(".");
  if (create_directory) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) fail(error.value(), "cannot create directory", directory);
  }

  std::vector<MetricFamily> families;
  source.collect(families);
  std::string text;
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

}  // namespace host_exporter
