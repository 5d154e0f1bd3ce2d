#pragma once
// The one range a run's speed factor may take: the CLI and the window refuse anything outside
// it, the supervisor clamps to it and the scenarios' runtime clamps the shared value to it again
// (the channel carries it as thousandths). Four copies of these numbers had to agree before.

#include <cstdint>
#include <string>

namespace interleave {

inline constexpr double kMinSpeed = 0.05;
inline constexpr double kMaxSpeed = 4.0;
// The channel's form: the factor x 1000.
inline constexpr std::uint32_t kMinSpeedMilli = 50;
inline constexpr std::uint32_t kMaxSpeedMilli = 4000;
static_assert(kMinSpeed * 1000 == kMinSpeedMilli && kMaxSpeed * 1000 == kMaxSpeedMilli);

constexpr bool speedAllowed(double factor) {
    return factor >= kMinSpeed && factor <= kMaxSpeed;  // false for NaN
}

// "0.05 to 4", for messages and help texts.
inline std::string speedRangeText() {
    return "0.05 to 4";
}

// "bad speed '<text>': allowed 0.05 to 4"
inline std::string badSpeedMessage(const std::string& text) {
    return "bad speed '" + text + "': allowed " + speedRangeText();
}

}  // namespace interleave
