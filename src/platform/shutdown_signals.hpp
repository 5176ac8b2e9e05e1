#pragma once
// SIGTERM and SIGINT as a request to shut down, without work in a signal handler:
// the signals are blocked in every thread and taken synchronously with sigwait.
// Construct it before starting any thread, so the threads inherit the mask.
// POSIX only (posix/shutdown_signals.cpp): the same on Linux and macOS.

namespace host_exporter::platform {

class ShutdownSignals {
 public:
  // Blocks SIGTERM and SIGINT in the calling thread. They stay blocked until the
  // process exits, so a second signal during shutdown cannot kill it half-way.
  ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // Blocks until SIGTERM or SIGINT arrives; returns its name ("SIGTERM").
  const char* wait();

  // Asks for a shutdown from inside the process (e.g. a listener died): sends
  // SIGTERM to this process, which wait() then takes. Async-signal-safe.
  static void request();
};

}  // namespace host_exporter::platform
