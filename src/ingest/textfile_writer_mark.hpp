#pragma once
// The first line of a textfile written by a long-running application
// (start_auto_export): a plain comment, which every text-format parser
// (node_exporter's included) skips, naming the process that keeps the file fresh:
//
//   # host_exporter-writer pid=4242 start=1234567 pidns=4026531836
//
// start is the process's start time as the kernel counts it (clock ticks since
// boot on Linux), so a recycled pid is not mistaken for the writer; pidns tells
// whether the reader sees the same pid numbers. A file without the line was
// written once (export()) and has no writer to outlive.

#include <optional>
#include <string>
#include <string_view>

namespace host_exporter::ingest {

struct WriterMark {
  long pid = 0;
  std::string start;          // opaque, compared as text; empty when the platform gives none
  std::string pid_namespace;  // empty when the platform has none
};

inline constexpr std::string_view kWriterMarkPrefix = "# host_exporter-writer ";

// The mark of a process as seen through `procfs` ("/proc"): nullopt when its entry is missing.
std::optional<WriterMark> process_mark(const std::string& procfs, long pid);

// This process's mark.
WriterMark this_process_mark();

// The comment line, with its newline.
std::string format_writer_mark(const WriterMark& mark);

// The mark in a file's first line; nullopt when the line is not one.
std::optional<WriterMark> parse_writer_mark(std::string_view first_line);

}  // namespace host_exporter::ingest
