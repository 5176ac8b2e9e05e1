#pragma once
// `host_exporter push list` and `host_exporter push delete JOB [LABEL=VALUE ...]`:
// the pushed groups of a running host_exporter (or Pushgateway), from the command line.
// list reads GET /api/v1/metrics; delete sends DELETE /metrics/job/<job>{/<label>/<value>}.
//
// The logic speaks HTTP through HttpCall only, so that any client can carry it
// (push_http.cpp gives the program's; tests give a fake).

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace host_exporter::cli {

struct HttpReply {
  int status = 0;      // 0: no answer at all
  std::string body;
  std::string error;   // why there was no answer (status 0)
};

// method ("GET", "DELETE") and full URL -> the reply.
using HttpCall = std::function<HttpReply(const std::string& method, const std::string& url)>;

using LabelPairs = std::vector<std::pair<std::string, std::string>>;

struct PushedGroup {
  LabelPairs labels;              // the grouping key, job included, sorted by name
  double push_time_seconds = 0;   // last successful push; 0 when none
  std::vector<std::string> metrics;
};

// The groups in a GET /api/v1/metrics answer; throws std::runtime_error for a malformed one.
std::vector<PushedGroup> decode_pushed_groups(const std::string& body);

// One line per group: job, instance, other labels, age of the last push, metric count.
std::string render_pushed_groups(const std::vector<PushedGroup>& groups, double now_seconds);

// Both return the exit status: 0 done, 1 the server refused or did not answer.
int run_push_list(const HttpCall& http, const std::string& base_url, double now_seconds, std::ostream& out,
                  std::ostream& err);
int run_push_delete(const HttpCall& http, const std::string& base_url, const std::string& job,
                    const LabelPairs& labels, std::ostream& out, std::ostream& err);

}  // namespace host_exporter::cli
