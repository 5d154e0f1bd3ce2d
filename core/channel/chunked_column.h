#pragma once
// An append-only column whose elements never move: one writer appends, any number of readers
// read indices below a size the writer published. Chunks are allocated as needed; the chunk
// table is fixed at construction, so readers never see it reallocate.

#include <cstddef>
#include <memory>
#include <stdexcept>

namespace interleave {

template <class T, unsigned ChunkBits>
class ChunkedColumn {
  public:
    static constexpr std::size_t kChunk = std::size_t{1} << ChunkBits;

    explicit ChunkedColumn(std::size_t maxChunks)
        : m_table(std::make_unique<std::unique_ptr<T[]>[]>(maxChunks)), m_maxChunks(maxChunks) {}

    const T& operator[](std::size_t i) const { return m_table[i >> ChunkBits][i & (kChunk - 1)]; }
    T& operator[](std::size_t i) { return m_table[i >> ChunkBits][i & (kChunk - 1)]; }

    // Makes room for index `i`; the writer calls this before writing element i.
    void ensure(std::size_t i) {
        const auto c = i >> ChunkBits;
        if (c >= m_maxChunks) throw std::length_error("event store is full");
        if (!m_table[c]) m_table[c] = std::make_unique_for_overwrite<T[]>(kChunk);
    }

    // Allocates the chunks covering [from, to) and touches every page, so later appends do not
    // stop for page faults. The writer calls this while it is idle.
    void prefault(std::size_t from, std::size_t to) {
        for (std::size_t c = from >> ChunkBits; c < m_maxChunks && (c << ChunkBits) < to; ++c) {
            if (m_table[c]) continue;
            ensure(c << ChunkBits);
            auto* bytes = reinterpret_cast<volatile char*>(m_table[c].get());
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
    std::unique_ptr<std::unique_ptr<T[]>[]> m_table;
    std::size_t m_maxChunks;
};

}  // namespace interleave
