#pragma once
// Wakes the event loop from another thread (a worker with a finished response, or
// stop()) through a pipe the loop watches: no libevent call crosses threads, so
// libevent runs without its locks (no evthread_use_pthreads). A burst of notices
// costs one write and one read.

#include <atomic>

namespace host_exporter::server {

class LoopWaker {
 public:
  LoopWaker();  // throws std::system_error when no pipe can be made
  ~LoopWaker();
  LoopWaker(const LoopWaker&) = delete;
  LoopWaker& operator=(const LoopWaker&) = delete;

  int read_fd() const { return read_fd_; }
  // Any thread.
  void notify();
  // The loop, when read_fd() is readable, before it looks at what it was woken for.
  void drain();

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
  std::atomic<bool> pending_{false};
};

}  // namespace host_exporter::server
