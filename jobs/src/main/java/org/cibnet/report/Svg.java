package org.cibnet.report;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small inline SVG charts, so the report is one self-contained file that opens offline: no scripts,
 * no fonts or images fetched from anywhere.
 */
final class Svg {
  private Svg() {}

  static final String[] PALETTE = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#393b79"
  };

  static String esc(Object o) {
    return String.valueOf(o)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String open(int w, int h, String label) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + w
        + "\" height=\""
        + h
        + "\" viewBox=\"0 0 "
        + w
        + " "
        + h
        + "\" role=\"img\" aria-label=\""
        + esc(label)
        + "\" font-family=\"sans-serif\" font-size=\"11\">";
  }

  private static String axes(int x0, int y0, int x1, int y1, String xLabel, String yLabel) {
    return "<line x1=\""
        + x0
        + "\" y1=\""
        + y0
        + "\" x2=\""
        + x1
        + "\" y2=\""
        + y0
        + "\" stroke=\"#333\"/>"
        + "<line x1=\""
        + x0
        + "\" y1=\""
        + y0
        + "\" x2=\""
        + x0
        + "\" y2=\""
        + y1
        + "\" stroke=\"#333\"/>"
        + "<text x=\""
        + ((x0 + x1) / 2)
        + "\" y=\""
        + (y0 + 30)
        + "\" text-anchor=\"middle\">"
        + esc(xLabel)
        + "</text>"
        + "<text x=\"12\" y=\""
        + ((y0 + y1) / 2)
        + "\" text-anchor=\"middle\" transform=\"rotate(-90 12 "
        + ((y0 + y1) / 2)
        + ")\">"
        + esc(yLabel)
        + "</text>";
  }

  /** Bars of counts over [0,1] score bins, flagged bins in red, with the threshold marked. */
  static String scoreHistogram(long[] counts, double threshold) {
    int w = 520;
    int h = 240;
    int x0 = 45;
    int y0 = h - 40;
    int plotW = w - x0 - 15;
    int plotH = y0 - 15;
    long max = 1;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    StringBuilder sb = new StringBuilder(open(w, h, "score distribution"));
    double bw = plotW / (double) counts.length;
    for (int i = 0; i < counts.length; i++) {
      double bh = plotH * counts[i] / (double) max;
      boolean above = (i + 1) / (double) counts.length > threshold;
      sb.append("<rect x=\"")
          .append(f(x0 + i * bw + 1))
          .append("\" y=\"")
          .append(f(y0 - bh))
          .append("\" width=\"")
          .append(f(bw - 2))
          .append("\" height=\"")
          .append(f(bh))
          .append("\" fill=\"")
          .append(above ? "#d62728" : "#1f77b4")
          .append("\"><title>")
          .append(counts[i])
          .append(" networks</title></rect>");
      if (counts[i] > 0) {
        sb.append("<text x=\"")
            .append(f(x0 + (i + 0.5) * bw))
            .append("\" y=\"")
            .append(f(y0 - bh - 3))
            .append("\" text-anchor=\"middle\">")
            .append(counts[i])
            .append("</text>");
      }
    }
    for (int t = 0; t <= 10; t += 2) {
      sb.append("<text x=\"")
          .append(f(x0 + plotW * t / 10.0))
          .append("\" y=\"")
          .append(y0 + 14)
          .append("\" text-anchor=\"middle\">")
          .append(t / 10.0)
          .append("</text>");
    }
    double tx = x0 + plotW * threshold;
    sb.append("<line x1=\"")
        .append(f(tx))
        .append("\" y1=\"")
        .append(y0)
        .append("\" x2=\"")
        .append(f(tx))
        .append("\" y2=\"10\" stroke=\"#000\" stroke-dasharray=\"4 3\"/><text x=\"")
        .append(f(tx - 4))
        .append("\" y=\"20\" text-anchor=\"end\">threshold ")
        .append(String.format(Locale.ROOT, "%.2f", threshold))
        .append("</text>");
    return sb.append(axes(x0, y0, x0 + plotW, 10, "score", "networks")).append("</svg>").toString();
  }

  /** Precision (y) against recall (x), with the operating point marked. */
  static String prCurve(List<double[]> scorePrecisionRecall, double precisionAt, double recallAt) {
    int w = 360;
    int h = 280;
    int x0 = 45;
    int y0 = h - 40;
    int size = Math.min(w - x0 - 15, y0 - 15);
    StringBuilder sb = new StringBuilder(open(w, h, "precision-recall curve"));
    StringBuilder pts = new StringBuilder();
    for (double[] p : scorePrecisionRecall) {
      pts.append(f(x0 + size * p[2])).append(',').append(f(y0 - size * p[1])).append(' ');
    }
    sb.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"")
        .append(pts)
        .append("\"/>");
    sb.append("<circle cx=\"")
        .append(f(x0 + size * recallAt))
        .append("\" cy=\"")
        .append(f(y0 - size * precisionAt))
        .append("\" r=\"5\" fill=\"#d62728\"><title>operating threshold</title></circle>");
    for (int t = 0; t <= 10; t += 5) {
      sb.append("<text x=\"")
          .append(f(x0 + size * t / 10.0))
          .append("\" y=\"")
          .append(y0 + 14)
          .append("\" text-anchor=\"middle\">")
          .append(t / 10.0)
          .append("</text>");
      sb.append("<text x=\"")
          .append(x0 - 4)
          .append("\" y=\"")
          .append(f(y0 - size * t / 10.0 + 4))
          .append("\" text-anchor=\"end\">")
          .append(t / 10.0)
          .append("</text>");
    }
    return sb.append(axes(x0, y0, x0 + size, y0 - size, "recall", "precision"))
        .append("</svg>")
        .toString();
  }

  /** Posts per UTC hour, with the declared countries' working hours (09-17 local) shaded. */
  static String hourProfile(long[] perHour, Double declaredOffset, Integer likelyOffset) {
    int w = 520;
    int h = 200;
    int x0 = 45;
    int y0 = h - 40;
    int plotW = w - x0 - 15;
    int plotH = y0 - 20;
    long max = 1;
    for (long c : perHour) {
      max = Math.max(max, c);
    }
    double bw = plotW / 24.0;
    StringBuilder sb = new StringBuilder(open(w, h, "posting hours"));
    if (declaredOffset != null) {
      for (int local = 9; local < 17; local++) {
        int utc = Math.floorMod((int) Math.round(local - declaredOffset), 24);
        sb.append("<rect x=\"")
            .append(f(x0 + utc * bw))
            .append("\" y=\"20\" width=\"")
            .append(f(bw))
            .append("\" height=\"")
            .append(plotH)
            .append("\" fill=\"#2ca02c\" fill-opacity=\"0.15\"/>");
      }
    }
    for (int i = 0; i < 24; i++) {
      double bh = plotH * perHour[i] / (double) max;
      sb.append("<rect x=\"")
          .append(f(x0 + i * bw + 1))
          .append("\" y=\"")
          .append(f(y0 - bh))
          .append("\" width=\"")
          .append(f(bw - 2))
          .append("\" height=\"")
          .append(f(bh))
          .append("\" fill=\"#555\"><title>")
          .append(String.format(Locale.ROOT, "%02d:00 UTC: %d posts", i, perHour[i]))
          .append("</title></rect>");
      if (i % 3 == 0) {
        sb.append("<text x=\"")
            .append(f(x0 + (i + 0.5) * bw))
            .append("\" y=\"")
            .append(y0 + 14)
            .append("\" text-anchor=\"middle\">")
            .append(i)
            .append("</text>");
      }
    }
    String legend =
        (declaredOffset == null
                ? "no declared country"
                : String.format(
                    Locale.ROOT, "green: 09-17 at the declared UTC%+.0f", declaredOffset))
            + (likelyOffset == null
                ? ""
                : String.format(Locale.ROOT, "; clock kept looks like UTC%+d", likelyOffset));
    sb.append("<text x=\"").append(x0).append("\" y=\"12\">").append(esc(legend)).append("</text>");
    return sb.append(axes(x0, y0, x0 + plotW, 20, "hour of day (UTC)", "posts"))
        .append("</svg>")
        .toString();
  }

  /**
   * A network drawn with a seeded spring layout: accounts coloured by platform, edges by signal.
   */
  static String graph(
      List<String> nodes,
      Map<String, String> platformOf,
      List<String[]> edges,
      Map<String, String> platformColor,
      Map<String, String> signalColor,
      long seed) {
    int w = 520;
    int h = 420;
    double[][] pos = Layout.spring(nodes, edges, seed, w - 40, h - 40);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i), i);
    }
    StringBuilder sb = new StringBuilder(open(w, h, "network graph"));
    for (String[] e : edges) {
      double[] a = pos[index.get(e[0])];
      double[] b = pos[index.get(e[1])];
      sb.append("<line x1=\"")
          .append(f(a[0] + 20))
          .append("\" y1=\"")
          .append(f(a[1] + 20))
          .append("\" x2=\"")
          .append(f(b[0] + 20))
          .append("\" y2=\"")
          .append(f(b[1] + 20))
          .append("\" stroke=\"")
          .append(signalColor.getOrDefault(e[2], "#999"))
          .append("\" stroke-opacity=\"0.45\"/>");
    }
    for (int i = 0; i < nodes.size(); i++) {
      String p = platformOf.getOrDefault(nodes.get(i), "unknown");
      sb.append("<circle cx=\"")
          .append(f(pos[i][0] + 20))
          .append("\" cy=\"")
          .append(f(pos[i][1] + 20))
          .append("\" r=\"5\" stroke=\"#fff\" fill=\"")
          .append(platformColor.getOrDefault(p, "#7f7f7f"))
          .append("\"><title>")
          .append(esc(nodes.get(i) + " (" + p + ")"))
          .append("</title></circle>");
    }
    return sb.append("</svg>").toString();
  }

  /** A legend line: coloured swatches with names. */
  static String legend(Map<String, String> colors) {
    StringBuilder sb = new StringBuilder("<div class=\"legend\">");
    colors.forEach(
        (name, color) ->
            sb.append("<span><i style=\"background:")
                .append(color)
                .append("\"></i>")
                .append(esc(name))
                .append("</span> "));
    return sb.append("</div>").toString();
  }
}
