#include "dyad/query/chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace dyad {
namespace {

// Colour-blind-safe (Okabe–Ito): cooperation in blues, conflict in oranges.
constexpr const char* kQuadColours[4] = {"#56B4E9", "#0072B2", "#E69F00", "#D55E00"};
constexpr const char* kAtoBColour = "#1b1b1b";
constexpr const char* kBtoAColour = "#CC79A7";

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A "nice" tick step (1, 2 or 5 times a power of ten) giving at most `max_ticks` ticks up to `top`.
double NiceStep(double top, int max_ticks) {
  if (top <= 0) return 1;
  double raw = top / max_ticks;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) return std::max(1.0, m * mag);
  return std::max(1.0, 10 * mag);
}

const char* PeriodName(Period p) {
  switch (p) {
    case Period::kDay:
      return "day";
    case Period::kWeek:
      return "week";
    case Period::kMonth:
      return "month";
    case Period::kYear:
      return "year";
  }
  return "";
}

std::string Num(double v) { return fmt::format("{:.1f}", v); }

}  // namespace

const char* QuadClassName(int quad) {
  switch (quad) {
    case 1:
      return "Verbal cooperation";
    case 2:
      return "Material cooperation";
    case 3:
      return "Verbal conflict";
    case 4:
      return "Material conflict";
  }
  return "Unknown";
}

std::string TimelineSvg(const Timeline& t, const ChartOptions& o) {
  const double W = o.width, H = o.height;
  const double left = 70, right = 30, top = 92, bottom = 70;
  const double gap = 46;  // between the panels
  const double plot_w = W - left - right;
  const double bars_h = (H - top - bottom - gap) * 0.62;
  const double line_h = (H - top - bottom - gap) - bars_h;
  const double bars_y = top, line_y = top + bars_h + gap;
  const size_t n = t.periods.size();

  TimelineCounts total;
  int64_t max_count = 0;
  for (const TimelinePeriod& p : t.periods) {
    total.Add(p.combined);
    max_count = std::max(max_count, p.combined.events);
  }
  const double step = NiceStep(static_cast<double>(max_count), 5);
  const double y_max = std::max(step, std::ceil(static_cast<double>(max_count) / step) * step);

  std::string title =
      o.title.empty() ? t.a + " – " + t.b + ": events per " + PeriodName(t.period) : o.title;
  std::string subtitle =
      o.subtitle.empty()
          ? fmt::format(
                "{} events ({} {}→{}, {} {}→{}); net cooperation {:+.2f}, mean Goldstein "
                "{:+.2f}",
                total.events,
                [&] {
                  int64_t s = 0;
                  for (const auto& p : t.periods) s += p.a_to_b.events;
                  return s;
                }(),
                t.a, t.b,
                [&] {
                  int64_t s = 0;
                  for (const auto& p : t.periods) s += p.b_to_a.events;
                  return s;
                }(),
                t.b, t.a, total.NetCooperation(), total.GoldsteinMean())
          : o.subtitle;

  std::string svg;
  svg += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
      o.width, o.height);
  svg += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", o.width, o.height);
  svg += fmt::format(
      "<text x=\"{}\" y=\"30\" font-size=\"20\" font-weight=\"bold\" fill=\"#222\">{}</text>\n",
      left, Escape(title));
  svg += fmt::format("<text x=\"{}\" y=\"52\" font-size=\"13\" fill=\"#555\">{}</text>\n", left,
                     Escape(subtitle));

  // Legend (one row under the subtitle).
  double lx = left;
  for (int q = 0; q < 4; ++q) {
    svg += fmt::format("<rect x=\"{}\" y=\"64\" width=\"12\" height=\"12\" fill=\"{}\"/>\n",
                       Num(lx), kQuadColours[q]);
    svg += fmt::format("<text x=\"{}\" y=\"75\" font-size=\"12\" fill=\"#333\">{}</text>\n",
                       Num(lx + 16), QuadClassName(q + 1));
    lx += 16 + 7.2 * std::string(QuadClassName(q + 1)).size() + 18;
  }

  // Bars panel: axes and grid.
  const double slot = n ? plot_w / n : plot_w;
  const double bar_w = std::max(1.0, slot * 0.8);
  for (double v = 0; v <= y_max + 1e-9; v += step) {
    double y = bars_y + bars_h - v / y_max * bars_h;
    svg += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n",
        left, Num(y), Num(left + plot_w), Num(y));
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#444\" text-anchor=\"end\">{}</text>\n",
        left - 6, Num(y + 4), static_cast<int64_t>(v));
  }
  svg += fmt::format(
      "<text transform=\"translate(18,{}) rotate(-90)\" font-size=\"12\" fill=\"#333\" "
      "text-anchor=\"middle\">Events (both directions)</text>\n",
      Num(bars_y + bars_h / 2));
  for (size_t i = 0; i < n; ++i) {
    const TimelinePeriod& p = t.periods[i];
    double x = left + i * slot + (slot - bar_w) / 2;
    double y = bars_y + bars_h;
    for (int q = 0; q < 4; ++q) {
      if (!p.combined.quad[q]) continue;
      double h = static_cast<double>(p.combined.quad[q]) / y_max * bars_h;
      y -= h;
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} {}: "
          "{}</title></rect>\n",
          Num(x), Num(y), Num(bar_w), Num(h), kQuadColours[q], Escape(p.label),
          QuadClassName(q + 1), p.combined.quad[q]);
    }
  }
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#888\"/>\n", left,
                     Num(bars_y + bars_h), Num(left + plot_w));

  // Net cooperation panel: -1..1 with a zero line.
  auto line_to_y = [&](double v) { return line_y + (1 - v) / 2 * line_h; };
  for (double v : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
    double y = line_to_y(v);
    svg += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\n", left,
        Num(y), Num(left + plot_w), Num(y), v == 0.0 ? "#999" : "#e3e3e3");
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#444\" text-anchor=\"end\">{}</text>\n",
        left - 6, Num(y + 4), v == 0.0 ? "0" : fmt::format("{:+.1f}", v));
  }
  svg += fmt::format(
      "<text transform=\"translate(18,{}) rotate(-90)\" font-size=\"12\" fill=\"#333\" "
      "text-anchor=\"middle\">Net cooperation</text>\n",
      Num(line_y + line_h / 2));
  auto series = [&](auto get, const char* colour, const char* dash, double radius,
                    const std::string& name) {
    std::string path, dots;
    bool pen_down = false;
    for (size_t i = 0; i < n; ++i) {
      const TimelineCounts& c = get(t.periods[i]);
      if (!c.events) {
        pen_down = false;  // no events: a gap, not a zero
        continue;
      }
      double x = left + (i + 0.5) * slot, y = line_to_y(c.NetCooperation());
      path += fmt::format("{}{},{} ", pen_down ? "L" : "M", Num(x), Num(y));
      pen_down = true;
      dots += fmt::format(
          "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"><title>{} {}: {:+.2f} ({} "
          "events)</title></circle>\n",
          Num(x), Num(y), n > 60 ? radius / 2 : radius, colour, Escape(t.periods[i].label),
          Escape(name), c.NetCooperation(), c.events);
    }
    if (!path.empty())
      svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n",
                         path, colour,
                         dash[0] ? fmt::format(" stroke-dasharray=\"{}\"", dash) : std::string());
    svg += dots;
  };
  const std::string ab = t.a + " → " + t.b, ba = t.b + " → " + t.a;
  series([](const TimelinePeriod& p) -> const TimelineCounts& { return p.a_to_b; }, kAtoBColour, "",
         4.0, ab);
  series([](const TimelinePeriod& p) -> const TimelineCounts& { return p.b_to_a; }, kBtoAColour,
         "6,4", 2.5, ba);
  // Legend of the lines, top right of the lower panel.
  double rx = left + plot_w - 250;
  double ry = line_y - 12;
  svg += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"2\"/>\n",
      Num(rx), Num(ry - 4), Num(rx + 22), kAtoBColour);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#333\">{}</text>\n",
                     Num(rx + 27), Num(ry), Escape(ab));
  svg += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"2\" "
      "stroke-dasharray=\"6,4\"/>\n",
      Num(rx + 125), Num(ry - 4), Num(rx + 147), kBtoAColour);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#333\">{}</text>\n",
                     Num(rx + 152), Num(ry), Escape(ba));

  // X axis labels under the lower panel, thinned to about 12.
  const double axis_y = line_y + line_h;
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#888\"/>\n", left,
                     Num(axis_y), Num(left + plot_w));
  const size_t every = std::max<size_t>(1, (n + 11) / 12);
  for (size_t i = 0; i < n; i += every) {
    double x = left + (i + 0.5) * slot;
    svg += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888\"/>\n"
        "<text x=\"{0}\" y=\"{3}\" font-size=\"11\" fill=\"#444\" text-anchor=\"middle\">{4}"
        "</text>\n",
        Num(x), Num(axis_y), Num(axis_y + 5), Num(axis_y + 19), Escape(t.periods[i].label));
  }
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#333\" text-anchor=\"middle\">{} (net "
      "cooperation = (verbal + material cooperation − verbal − material conflict) / "
      "events)</text>\n",
      Num(left + plot_w / 2), Num(H - 18), [&] {
        std::string s = PeriodName(t.period);
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
        return s;
      }());
  if (n == 0) {
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"16\" fill=\"#777\" text-anchor=\"middle\">No dated "
        "events for this dyad</text>\n",
        Num(left + plot_w / 2), Num(bars_y + bars_h / 2));
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace dyad
