#include "server/loop_waker.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace host_exporter::server {

namespace {

void make_nonblocking_cloexec(int fd) {
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

}  // namespace

LoopWaker::LoopWaker() {
  int fds[2];
  if (::pipe(fds) != 0) throw std::system_error(errno, std::generic_category(), "pipe for the HTTP event loop");
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  make_nonblocking_cloexec(read_fd_);
  make_nonblocking_cloexec(write_fd_);
}

LoopWaker::~LoopWaker() {
  ::close(read_fd_);
  ::close(write_fd_);
}

void LoopWaker::notify() {
  if (pending_.exchange(true, std::memory_order_acq_rel)) return;  // a wake-up is on its way already
  const char byte = 1;
  while (::write(write_fd_, &byte, 1) < 0 && errno == EINTR) {
  }
}

void LoopWaker::drain() {
  char bytes[64];
  // A short read emptied the pipe (it holds one byte at most: see notify); no second read for EAGAIN.
  while (::read(read_fd_, bytes, sizeof bytes) == static_cast<ssize_t>(sizeof bytes)) {
  }
  // Cleared after the pipe is empty and before the loop looks at its work: a notice from now on
  // writes again. (Cleared first, a notice between the clear and the read would lose its byte to the
  // read and leave the flag set: every later notice would skip its write, and the loop sleep for good.)
  pending_.store(false, std::memory_order_release);
}

}  // namespace host_exporter::server
