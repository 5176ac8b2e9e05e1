#include "cli/push_flags.hpp"

namespace host_exporter::cli {

void add_push_flags(CLI::App& app, ingest::PushStoreOptions& options, PushDurationFlags& durations) {
  const char* group = "Push API";
  app.add_option("--push.ttl", durations.ttl,
                 "Drop a pushed group when it has not been pushed to for this long, e.g. 10m (0s: never, as "
                 "Pushgateway)")
      ->capture_default_str()
      ->type_name("DURATION")
      ->group(group);
  app.add_option("--push.persistence-file", options.persistence_file,
                 "File that keeps pushed groups across restarts (empty: memory only)")
      ->type_name("FILE")
      ->group(group);
  app.add_option("--push.persistence-interval", durations.persistence_interval,
                 "Shortest time between two writes of the persistence file; 0s writes before answering each push")
      ->capture_default_str()
      ->type_name("DURATION")
      ->group(group);
  app.add_flag("--push.accept-unpersisted", options.accept_unpersisted,
               "With --push.persistence-interval=0s, answer 200 to a push the persistence file could not take "
               "(default: 503 with the reason); host_exporter_push_persistence_failures_total counts them")
      ->group(group);
  app.add_option("--push.max-bytes", options.limits.max_body_bytes,
                 "Largest push body in bytes; a larger one gets 413")
      ->capture_default_str()
      ->type_name("INT")
      ->check(CLI::PositiveNumber)
      ->group(group);
  app.add_option("--push.max-series-per-group", options.limits.max_series_per_group,
                 "Most series one group may hold; a push beyond it gets 400")
      ->capture_default_str()
      ->type_name("INT")
      ->check(CLI::PositiveNumber)
      ->group(group);
  app.add_option("--push.max-groups", options.limits.max_groups,
                 "Most groups stored at once; a push creating one more gets 429")
      ->capture_default_str()
      ->type_name("INT")
      ->check(CLI::PositiveNumber)
      ->group(group);
}

}  // namespace host_exporter::cli
