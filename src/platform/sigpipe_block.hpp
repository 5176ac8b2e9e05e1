#pragma once
// Writing to a socket whose peer has gone raises SIGPIPE, which ends the process by
// default; libevent writes with plain writev, without MSG_NOSIGNAL. A thread that
// writes sockets holds this for as long as it does: SIGPIPE is blocked in that thread
// only (an application embedding the exposer or the pusher keeps its own handling),
// and one that arrived meanwhile is taken off before the mask is restored. The write
// itself fails with EPIPE, which libevent reports as a closed connection.

#include <pthread.h>
#include <signal.h>

namespace host_exporter::platform {

class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigset_t pipe = only_sigpipe();
    pthread_sigmask(SIG_BLOCK, &pipe, &previous_);
  }
  ~SigpipeBlock() {
    sigset_t pending;
    sigemptyset(&pending);
    if (!sigismember(&previous_, SIGPIPE) && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE)) {
      sigset_t pipe = only_sigpipe();
      int taken = 0;
      sigwait(&pipe, &taken);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  static sigset_t only_sigpipe() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    return set;
  }

  sigset_t previous_;
};

}  // namespace host_exporter::platform
