#include "bff/demo/demo_random.h"

#include <cmath>
#include <numbers>

namespace alpes::demo {

double DemoRandom::unit()
{
    // The top 53 bits make every double in [0, 1) on the 2^-53 grid equally likely.
    return static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
}

size_t DemoRandom::index(size_t count)
{
    return static_cast<size_t>(m_engine() % count);
}

double DemoRandom::normal()
{
    const double u1 = 1.0 - unit();  // (0, 1]: log() stays finite
    const double u2 = unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

int DemoRandom::poisson(double mean)
{
    const double limit = std::exp(-mean);
    int count = 0;
    for (double product = unit(); product > limit; product *= unit())
        ++count;
    return count;
}

}  // namespace alpes::demo
