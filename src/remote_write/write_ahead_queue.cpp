#include "remote_write/write_ahead_queue.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "log/log.hpp"

namespace host_exporter::remote_write {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSuffix = ".batch";

std::string file_name(std::uint64_t sequence) {
  std::string digits = std::to_string(sequence);
  return std::string(20 - std::min<std::size_t>(digits.size(), 20), '0') + digits + std::string(kSuffix);
}

std::optional<std::uint64_t> sequence_of(const std::string& name) {
  if (!name.ends_with(kSuffix)) return std::nullopt;
  const std::string_view digits(name.data(), name.size() - kSuffix.size());
  std::uint64_t sequence = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), sequence);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return sequence;
}

}  // namespace

WriteAheadQueue::WriteAheadQueue(std::string directory, std::uint64_t max_bytes)
    : directory_(std::move(directory)), max_bytes_(max_bytes) {
  std::error_code ec;
  fs::create_directories(directory_, ec);
  if (ec) throw std::runtime_error("cannot create the queue directory " + directory_ + ": " + ec.message());
  lock_.emplace(directory_);
  load();
}

std::string WriteAheadQueue::path_of(std::uint64_t sequence) const { return directory_ + "/" + file_name(sequence); }

void WriteAheadQueue::load() {
  std::error_code ec;
  std::vector<std::uint64_t> sequences;
  for (const auto& item : fs::directory_iterator(directory_, ec)) {
    const std::string name = item.path().filename().string();
    if (name.ends_with(".tmp")) {
      // A write that a crash interrupted: never acknowledged to disk, never counted as queued.
      std::error_code ignored;  // a leftover that cannot be removed is only a leftover
      fs::remove(item.path(), ignored);
      continue;
    }
    if (const auto sequence = sequence_of(name)) sequences.push_back(*sequence);
  }
  if (ec) throw std::runtime_error("cannot list the queue directory " + directory_ + ": " + ec.message());
  std::sort(sequences.begin(), sequences.end());
  for (const std::uint64_t sequence : sequences) {
    std::string error;
    const auto header = read_batch_header(path_of(sequence), error);
    next_sequence_ = std::max(next_sequence_, sequence + 1);
    if (!header) {
      log::warn("removing a damaged remote-write batch", {{"err", error}});
      fs::remove(path_of(sequence), ec);
      drops_.corrupt_batches.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    entries_.push_back({sequence, header->samples, header->file_bytes});
    bytes_ += header->file_bytes;
  }
  publish_sizes_locked();
}

void WriteAheadQueue::erase_locked(std::size_t index) {
  const Entry entry = entries_[index];
  std::error_code ec;
  fs::remove(path_of(entry.sequence), ec);
  bytes_ -= entry.bytes;
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(index));
  publish_sizes_locked();
}

void WriteAheadQueue::make_room_locked(std::uint64_t incoming) {
  while (bytes_ + incoming > max_bytes_) {
    // The oldest batch goes first, unless it is being sent: then the next oldest.
    const std::size_t victim = in_flight_ && !entries_.empty() && entries_.front().sequence == *in_flight_ ? 1 : 0;
    if (victim >= entries_.size()) return;
    drops_.queue_full_samples.fetch_add(entries_[victim].samples, std::memory_order_relaxed);
    erase_locked(victim);
  }
}

bool WriteAheadQueue::append(const BatchFile& batch, std::string& error) {
  const std::uint64_t size = kBatchHeaderBytes + batch.body.size();
  std::lock_guard lock(mutex_);
  if (size > max_bytes_) {
    error = "the batch (" + std::to_string(size) + " bytes) is larger than --remote-write.queue-max-bytes";
    drops_.write_failed_samples.fetch_add(batch.samples, std::memory_order_relaxed);
    return false;
  }
  make_room_locked(size);
  const std::uint64_t sequence = next_sequence_++;
  if (!write_batch_file(directory_, file_name(sequence), batch, error)) {
    drops_.write_failed_samples.fetch_add(batch.samples, std::memory_order_relaxed);
    return false;
  }
  entries_.push_back({sequence, batch.samples, size});
  bytes_ += size;
  publish_sizes_locked();
  return true;
}

std::optional<QueuedBatch> WriteAheadQueue::oldest() {
  std::lock_guard lock(mutex_);
  while (!entries_.empty()) {
    const std::uint64_t sequence = entries_.front().sequence;
    std::string error;
    auto batch = read_batch_file(path_of(sequence), error);
    if (batch) {
      in_flight_ = sequence;
      return QueuedBatch{sequence, std::move(*batch)};
    }
    log::warn("removing a damaged remote-write batch", {{"err", error}});
    drops_.corrupt_batches.fetch_add(1, std::memory_order_relaxed);
    erase_locked(0);
  }
  return std::nullopt;
}

void WriteAheadQueue::remove(std::uint64_t sequence) {
  std::lock_guard lock(mutex_);
  if (in_flight_ == sequence) in_flight_.reset();
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& entry) { return entry.sequence == sequence; });
  if (it != entries_.end()) erase_locked(static_cast<std::size_t>(it - entries_.begin()));
}

void WriteAheadQueue::publish_sizes_locked() {
  published_bytes_.store(bytes_, std::memory_order_relaxed);
  published_batches_.store(entries_.size(), std::memory_order_relaxed);
}

}  // namespace host_exporter::remote_write
