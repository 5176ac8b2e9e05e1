#pragma once
// Who an application is, in the labels every export and push carries, so that two
// applications never collide and a restarted one continues its own series:
//
//   job      = the application's name (by default the program's or script's name),
//   instance = "<host>/<program>" or "<host>/<program>/<given instance>".
//
// The same identity serves write_textfile and Pusher: set it once at start
// (set_app_identity), or take the default built from the program's name.
//
//   const AppIdentity& me = set_app_identity(make_app_identity("rag_web", "rag"));
//   Pusher pusher(url, me.job, identity_grouping(me));   // /metrics/job/rag/instance/<host>/rag_web
//   write_textfile(default_textfile_path(me), registry, {.labels = identity_labels(me)});

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace host_exporter {

struct AppIdentity {
  std::string job;
  std::string instance;
  std::string program;           // the script's or program's name, without directory or extension
  std::string given_instance;    // what the user added to tell two copies apart; may be empty
};

// Builds an identity. An empty `program` becomes "app"; an empty `job` becomes the
// program's name; `host` defaults to this machine's name. Characters other than
// letters, digits, '_', '-' and '.' in program and given instance become '_', so
// the default textfile name stays a plain file name.
AppIdentity make_app_identity(std::string_view program, std::string_view job = {},
                              std::string_view given_instance = {}, std::string_view host = {});

// The identity of this process, set once: a second call with another identity throws
// std::logic_error (the labels of exported series must not change under Prometheus).
// Setting the same identity again returns it.
const AppIdentity& set_app_identity(const AppIdentity& identity);

// The identity set, or the default for this program (its executable's name).
AppIdentity app_identity();

// {"job", job}, {"instance", instance}: the labels every exported series carries.
std::vector<std::pair<std::string, std::string>> identity_labels(const AppIdentity& identity);

// The grouping key of a push besides the job: {"instance", instance} then `extra`
// (an "instance" in `extra` replaces the identity's).
std::vector<std::pair<std::string, std::string>> identity_grouping(
    const AppIdentity& identity, const std::vector<std::pair<std::string, std::string>>& extra = {});

// "<job>.<program>[.<given instance>]": the textfile name (without ".prom") of this
// identity, unique per application and copy on one host.
std::string identity_file_stem(const AppIdentity& identity);

}  // namespace host_exporter
