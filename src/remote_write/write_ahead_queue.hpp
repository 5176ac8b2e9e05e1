#pragma once
// The on-disk queue of one remote-write destination: a directory of batch files
// (batch_file.hpp) named by a growing sequence number. A batch is on disk before it
// is sent and leaves only when the sender removes it (after a 2xx, or a 4xx that
// drops it), so kill -9 loses nothing that was appended, and a restart sends again
// at most the one batch that was in flight.
//
// Size cap: appending past max_bytes removes the oldest batches first (never the one
// being sent) and counts their samples as dropped. A write the disk refuses (full,
// read-only) drops the new batch, counted; the queue keeps working and the next
// append tries again. Safe to use from the gathering thread and the sender at once.

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "platform/directory_lock.hpp"
#include "remote_write/batch_file.hpp"

namespace host_exporter::remote_write {

struct QueuedBatch {
  std::uint64_t sequence = 0;
  BatchFile batch;
};

struct QueueDrops {
  std::atomic<std::uint64_t> queue_full_samples{0};     // oldest batches removed at the size cap
  std::atomic<std::uint64_t> write_failed_samples{0};   // new batches the disk refused
  std::atomic<std::uint64_t> corrupt_batches{0};        // files cut short or corrupt, removed
};

class WriteAheadQueue {
 public:
  // Creates the directory when missing, removes temporary files a crash left, indexes the
  // batch files. Throws std::runtime_error when the directory cannot be created or listed, or
  // when another queue holds it (platform/directory_lock.hpp): two writers would delete each
  // other's batches.
  WriteAheadQueue(std::string directory, std::uint64_t max_bytes);

  // True when the batch is on disk. False (counted in drops(), `error` set) when the disk refused it
  // or it is larger than the whole cap.
  bool append(const BatchFile& batch, std::string& error);

  // The oldest whole batch, marked in flight (the cap does not remove it); nullopt when empty.
  // Unreadable or corrupt files on the way are removed and counted.
  std::optional<QueuedBatch> oldest();

  // Removes a batch (sent, or refused for good) and clears the in-flight mark.
  void remove(std::uint64_t sequence);

  // Read without the queue's lock, which disk writes and reads hold: a scrape of the self-metrics
  // never waits for a slow disk.
  std::uint64_t bytes() const { return published_bytes_.load(std::memory_order_relaxed); }
  std::size_t batches() const { return published_batches_.load(std::memory_order_relaxed); }
  const QueueDrops& drops() const { return drops_; }
  const std::string& directory() const { return directory_; }

 private:
  struct Entry {
    std::uint64_t sequence;
    std::uint32_t samples;
    std::uint64_t bytes;
  };

  std::string path_of(std::uint64_t sequence) const;
  void load();
  void make_room_locked(std::uint64_t incoming);
  void erase_locked(std::size_t index);
  void publish_sizes_locked();

  std::string directory_;
  std::optional<platform::DirectoryLock> lock_;  // held from before load() to the end
  std::uint64_t max_bytes_;
  mutable std::mutex mutex_;
  std::deque<Entry> entries_;  // oldest first
  std::uint64_t bytes_ = 0;
  std::uint64_t next_sequence_ = 1;
  std::optional<std::uint64_t> in_flight_;
  std::atomic<std::uint64_t> published_bytes_{0};   // bytes_ and entries_.size(), for bytes() and batches()
  std::atomic<std::size_t> published_batches_{0};
  QueueDrops drops_;
};

}  // namespace host_exporter::remote_write
