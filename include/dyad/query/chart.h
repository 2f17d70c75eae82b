// Draws a dyad timeline as a self-contained SVG chart: stacked bars of events per period by quad
// class (both directions), and below them the net cooperation score of each direction.
#ifndef DYAD_QUERY_CHART_H_
#define DYAD_QUERY_CHART_H_

#include <string>

#include "dyad/query/query.h"

namespace dyad {

struct ChartOptions {
  int width = 960;
  int height = 600;
  std::string title;     // default: "<A> – <B>: events per <period>"
  std::string subtitle;  // default: totals and the view
};

// The SVG document (UTF-8). Deterministic: the same timeline gives the same bytes.
std::string TimelineSvg(const Timeline& timeline, const ChartOptions& options);

// "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict" for 1..4.
const char* QuadClassName(int quad);

}  // namespace dyad

#endif  // DYAD_QUERY_CHART_H_
