#pragma once
// An append-only column whose elements never move: one writer appends, any number of readers
// read indices below a size the writer published. Chunks are allocated as needed, and so is the
// table that points at them: a two-level table of small blocks, so an empty column costs a few
// KiB however large it may grow (a store keeps one column per actor). The top level is fixed at
// construction, so readers never see it reallocate; an entry is written before any index it
// covers is published, which is what makes the plain loads below safe.

#include <cstddef>
#include <memory>
#include <stdexcept>

namespace interleave {

template <class T, unsigned ChunkBits>
class ChunkedColumn {
  public:
    static constexpr std::size_t kChunk = std::size_t{1} << ChunkBits;
    static constexpr unsigned kBlockBits = 8;  // chunk pointers per block: 256 (2 KiB)
    static constexpr std::size_t kBlock = std::size_t{1} << kBlockBits;

    explicit ChunkedColumn(std::size_t maxChunks)
        : m_blocks(std::make_unique<Block[]>((maxChunks + kBlock - 1) / kBlock)),
          m_maxChunks(maxChunks) {}

    const T& operator[](std::size_t i) const { return chunk(i >> ChunkBits)[i & (kChunk - 1)]; }
    T& operator[](std::size_t i) { return chunk(i >> ChunkBits)[i & (kChunk - 1)]; }

    // Makes room for index `i`; the writer calls this before writing element i.
    void ensure(std::size_t i) {
        const auto c = i >> ChunkBits;
        if (c >= m_maxChunks) throw std::length_error("event store is full");
        auto& block = m_blocks[c >> kBlockBits];
        if (!block) block = std::make_unique<std::unique_ptr<T[]>[]>(kBlock);
        auto& slot = block[c & (kBlock - 1)];
        if (!slot) slot = std::make_unique_for_overwrite<T[]>(kChunk);
    }

    // Allocates the chunks covering [from, to) and touches every page, so later appends do not
    // stop for page faults. The writer calls this while it is idle.
    void prefault(std::size_t from, std::size_t to) {
        for (std::size_t c = from >> ChunkBits; c < m_maxChunks && (c << ChunkBits) < to; ++c) {
            if (allocated(c)) continue;
            ensure(c << ChunkBits);
            auto* bytes = reinterpret_cast<volatile char*>(&chunk(c)[0]);
            for (std::size_t off = 0; off < kChunk * sizeof(T); off += 4096)
                bytes[off] = 0;
        }
    }

    // Contiguous room from i to the end of its chunk.
    T* spanAt(std::size_t i, std::size_t& room) {
        ensure(i);
        room = kChunk - (i & (kChunk - 1));
        return &(*this)[i];
    }

    std::size_t capacity() const { return m_maxChunks * kChunk; }

  private:
    using Block = std::unique_ptr<std::unique_ptr<T[]>[]>;

    T* chunk(std::size_t c) const { return m_blocks[c >> kBlockBits][c & (kBlock - 1)].get(); }
    bool allocated(std::size_t c) const {
        const auto& block = m_blocks[c >> kBlockBits];
        return block && block[c & (kBlock - 1)];
    }

    std::unique_ptr<Block[]> m_blocks;
    std::size_t m_maxChunks;
};

}  // namespace interleave
