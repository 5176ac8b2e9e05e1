#include "platform/shutdown_signals.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

namespace host_exporter::platform {

namespace {

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

ShutdownSignals::ShutdownSignals() {
  const sigset_t set = shutdown_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

const char* ShutdownSignals::wait() {
  const sigset_t set = shutdown_set();
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (signal == SIGTERM) return "SIGTERM";
    if (signal == SIGINT) return "SIGINT";
  }
}

void ShutdownSignals::request() { ::kill(::getpid(), SIGTERM); }

}  // namespace host_exporter::platform
