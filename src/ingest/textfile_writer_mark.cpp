#include "ingest/textfile_writer_mark.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace host_exporter::ingest {

namespace {

// Field 22 of /proc/<pid>/stat, counted after the command name's closing parenthesis
// (the name itself may hold spaces and parentheses).
std::string start_ticks(const std::string& stat) {
  const auto name_end = stat.rfind(')');
  if (name_end == std::string::npos) return {};
  std::size_t position = name_end + 1;
  for (int field = 3; field <= 22; ++field) {
    position = stat.find_first_not_of(' ', position);
    if (position == std::string::npos) return {};
    const auto end = stat.find(' ', position);
    if (field == 22) return stat.substr(position, end == std::string::npos ? std::string::npos : end - position);
    if (end == std::string::npos) return {};
    position = end;
  }
  return {};
}

std::string value_of(std::string_view line, std::string_view key) {
  const std::string needle = " " + std::string(key) + "=";
  const auto at = (" " + std::string(line)).find(needle);
  if (at == std::string::npos) return {};
  const auto begin = at + needle.size() - 1;
  const auto end = line.find(' ', begin);
  return std::string(line.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
}

}  // namespace

std::optional<WriterMark> process_mark(const std::string& procfs, long pid) {
  const std::string directory = procfs + "/" + std::to_string(pid);
  std::ifstream stat_file(directory + "/stat");
  if (!stat_file) {
#ifdef __linux__
    return std::nullopt;
#else
    // No procfs: the pid's existence is all there is to know.
    if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return std::nullopt;
    return WriterMark{pid, {}, {}};
#endif
  }
  const std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  WriterMark mark{pid, start_ticks(stat), {}};
  std::error_code error;
  const auto pid_namespace = std::filesystem::read_symlink(directory + "/ns/pid", error);
  if (!error) mark.pid_namespace = pid_namespace.string();
  return mark;
}

WriterMark this_process_mark() {
  const long pid = static_cast<long>(getpid());
  auto mark = process_mark("/proc", pid);
  if (!mark) return WriterMark{pid, {}, {}};
  // Read through "self": a process in a pid namespace sees its own number there too.
  std::error_code error;
  const auto pid_namespace = std::filesystem::read_symlink("/proc/self/ns/pid", error);
  if (!error) mark->pid_namespace = pid_namespace.string();
  return *mark;
}

std::string format_writer_mark(const WriterMark& mark) {
  std::string line(kWriterMarkPrefix);
  line += "pid=" + std::to_string(mark.pid);
  if (!mark.start.empty()) line += " start=" + mark.start;
  if (!mark.pid_namespace.empty()) line += " pidns=" + mark.pid_namespace;
  line += '\n';
  return line;
}

std::optional<WriterMark> parse_writer_mark(std::string_view first_line) {
  if (!first_line.starts_with(kWriterMarkPrefix)) return std::nullopt;
  while (!first_line.empty() && (first_line.back() == '\n' || first_line.back() == '\r')) first_line.remove_suffix(1);
  const std::string_view fields = first_line.substr(kWriterMarkPrefix.size());
  const std::string pid_text = value_of(fields, "pid");
  WriterMark mark;
  const auto [end, error] = std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), mark.pid);
  if (error != std::errc() || end != pid_text.data() + pid_text.size() || mark.pid <= 0) return std::nullopt;
  mark.start = value_of(fields, "start");
  mark.pid_namespace = value_of(fields, "pidns");
  return mark;
}

}  // namespace host_exporter::ingest
