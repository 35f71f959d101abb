#include "http/connection_stream.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ccemu::http {
namespace {

using Clock = std::chrono::steady_clock;

// poll() for `events` on fd for at most `wait`; true when they occurred.
bool wait_for(int fd, short events, std::chrono::milliseconds wait) {
  pollfd watched{fd, events, 0};
  int ready;
  do {
    ready = ::poll(&watched, 1, static_cast<int>(std::max<int64_t>(wait.count(), 0)));
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

// The address `lookup` (getpeername or getsockname) gives for `fd`, as numbers.
template <typename Lookup>
void describe_address(int fd, Lookup lookup, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  if (lookup(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0 &&
      getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof(host), service,
                  sizeof(service), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

}  // namespace

ConnectionStream::ConnectionStream(int fd, Transport& transport, const ConnectionLimits& limits)
    : fd_(fd), transport_(transport), limits_(limits) {}

bool ConnectionStream::establish(int stop_fd) {
  const IoResult done = transport_.establish();
  if (!done.must_wait()) return done.bytes > 0;  // a plain socket has nothing to establish
  if (!await_request(stop_fd)) return false;
  return retry(Phase::kReading, [this] { return transport_.establish(); }).bytes > 0;
}

bool ConnectionStream::await_request(int stop_fd) {
  if (buffered_begin_ == buffered_end_ && !transport_.has_buffered()) {
    pollfd watched[2] = {{fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    int ready;
    do {
      ready = ::poll(watched, 2, static_cast<int>(limits_.keep_alive_idle.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready <= 0 || watched[1].revents != 0 || watched[0].revents == 0) return false;
  }
  deadline_ = Clock::now() + limits_.request_deadline;
  return true;
}

bool ConnectionStream::is_readable() const {
  if (buffered_begin_ < buffered_end_ || transport_.has_buffered()) return true;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  if (left.count() > 0 && wait_for(fd_, POLLIN, std::min(left, limits_.read_idle))) return true;
  read_timed_out_ = true;
  return false;
}

bool ConnectionStream::is_writable() const { return wait_for(fd_, POLLOUT, limits_.write_idle); }

// Reads and writes try the transport first and poll only when it is not ready: most find it
// ready, and a poll per call would double the system calls a request costs. Writes are gathered
// and sent by flush(), so an answer's head and body leave in one send, not one per piece.

template <typename Call>
IoResult ConnectionStream::retry(Phase phase, Call call) {
  while (true) {
    const IoResult result = call();
    if (!result.must_wait()) return result;
    auto wait = result.wait == POLLIN ? limits_.read_idle : limits_.write_idle;
    if (phase == Phase::kReading) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
      wait = std::min(wait, left);
    }
    if (wait.count() <= 0 || !wait_for(fd_, result.wait, wait)) {
      if (phase == Phase::kReading) read_timed_out_ = true;
      return {-1, 0};
    }
  }
}

ssize_t ConnectionStream::read(char* data, size_t size) {
  // cpp-httplib reads a request's head one byte per call.
  if (size == 1 && buffered_begin_ < buffered_end_) {
    *data = buffer_[buffered_begin_++];
    return 1;
  }
  if (buffered_begin_ == buffered_end_) {
    // What was written goes out before waiting for more: an interim answer such as
    // "100 Continue" is what the client waits for.
    if (!flush()) return -1;
    if (Clock::now() >= deadline_) {
      read_timed_out_ = true;
      return -1;
    }
    const IoResult received = retry(
        Phase::kReading, [this] { return transport_.receive(buffer_.data(), buffer_.size()); });
    if (received.bytes <= 0) return received.bytes;
    buffered_begin_ = 0;
    buffered_end_ = static_cast<size_t>(received.bytes);
  }
  const size_t taken = std::min(size, buffered_end_ - buffered_begin_);
  std::memcpy(data, buffer_.data() + buffered_begin_, taken);
  buffered_begin_ += taken;
  return static_cast<ssize_t>(taken);
}

ssize_t ConnectionStream::write(const char* data, size_t size) {
  if (pending_.size() + size <= kMaxPending) {
    pending_.append(data, size);
    return static_cast<ssize_t>(size);
  }
  if (!flush()) return -1;
  return send_when_writable(data, size);
}

bool ConnectionStream::flush() {
  size_t done = 0;
  while (done < pending_.size()) {
    const ssize_t sent = send_when_writable(pending_.data() + done, pending_.size() - done);
    if (sent <= 0) return false;
    done += static_cast<size_t>(sent);
  }
  pending_.clear();
  return true;
}

ssize_t ConnectionStream::send_when_writable(const char* data, size_t size) {
  return retry(Phase::kWriting, [&] { return transport_.send(data, size); }).bytes;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  if (!remote_) describe_address(fd_, ::getpeername, remote_.emplace().ip, remote_->port);
  ip = remote_->ip;
  port = remote_->port;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  if (!local_) describe_address(fd_, ::getsockname, local_.emplace().ip, local_->port);
  ip = local_->ip;
  port = local_->port;
}

}  // namespace ccemu::http
