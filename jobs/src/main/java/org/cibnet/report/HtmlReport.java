package org.cibnet.report;

import static org.cibnet.report.Svg.esc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as one HTML string from plain values (no Spark here): what a reviewer opens first.
 * Everything is inline (CSS and SVG), so the file can be mailed or opened offline.
 */
public final class HtmlReport {
  private static final String LEGEND_CSS =
      ".legend span{margin-right:12px;white-space:nowrap}.legend"
          + " i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:50%}";

  private HtmlReport() {}

  /** One network in depth. */
  public record Network(
      String networkId,
      double score,
      boolean flagged,
      String evidence,
      long accounts,
      List<String> reasons,
      String nearestCampaign,
      Double campaignSimilarity,
      List<String> sharedAssets,
      String likelyOrigin,
      List<String> members,
      Map<String, String> platformOf,
      List<String[]> edges,
      Map<String, Long> edgesBySignal,
      long[] postsPerHour,
      Double declaredOffset,
      Integer likelyOffset) {}

  /** The model's quality as train measured it (null when the shipped default model scored). */
  public record ModelQuality(
      String family,
      double prAuc,
      double rocAuc,
      double threshold,
      double precision,
      double recall,
      List<double[]> curve,
      Map<String, Double> campaignRecall) {}

  /** How a flag's evidence reads in the report: each part that fired, in words. */
  static String evidence(String flagEvidence) {
    if (flagEvidence == null) {
      return "";
    }
    List<String> words = new ArrayList<>();
    for (String part : flagEvidence.split("\\+")) {
      words.add(
          switch (part) {
            case "recidivism" -> "a likely return of a removed campaign";
            case "persona" -> "inauthentic personas";
            default -> "inauthentic coordination";
          });
    }
    return String.join(" and ", words);
  }

  public record Content(
      String warehouse,
      String runId,
      String asOf,
      String modelVersion,
      double threshold,
      long networks,
      long flagged,
      long[] scoreBins,
      ModelQuality quality,
      List<Network> top,
      String inputNote) {}

  /** Text as it appears in the HTML (escaped). */
  public static String escape(String text) {
    return esc(text);
  }

  public static String render(Content c) {
    Map<String, String> platformColor = new LinkedHashMap<>();
    Map<String, String> signalColor = new LinkedHashMap<>();
    for (Network n : c.top()) {
      n.platformOf().values().stream().sorted().forEach(p -> platformColor.putIfAbsent(p, ""));
      n.edgesBySignal().keySet().stream().sorted().forEach(s -> signalColor.putIfAbsent(s, ""));
    }
    assign(platformColor, 0);
    assign(signalColor, 4);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cibnet report ")
        .append(esc(c.asOf()))
        .append("</title><style>")
        .append(
            "body{font-family:sans-serif;margin:2em"
                + " auto;max-width:1100px;color:#222;line-height:1.4}")
        .append(
            "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid"
                + " #ddd;padding:4px 8px;")
        .append("text-align:left;vertical-align:top}th{background:#f4f4f4}.num{text-align:right}")
        .append(
            ".flag{color:#b00;font-weight:bold}.note{background:#fff8e1;padding:8px"
                + " 12px;border-left:4px solid #f0b400}")
        .append(".row{display:flex;flex-wrap:wrap;gap:24px}")
        .append(LEGEND_CSS)
        .append("section.network{border-top:2px solid #444;margin-top:2em}code{font-size:90%}")
        .append("</style></head><body>");
    h.append("<h1>cibnet: coordination networks as of ").append(esc(c.asOf())).append("</h1>");
    h.append("<p>Warehouse <code>")
        .append(esc(c.warehouse()))
        .append("</code>, run <code>")
        .append(esc(c.runId()))
        .append("</code>, model <code>")
        .append(esc(c.modelVersion()))
        .append("</code> (threshold ")
        .append(fmt(c.threshold()))
        .append("). ")
        .append(c.networks())
        .append(" networks scored, <span class=\"flag\">")
        .append(c.flagged())
        .append(" flagged</span>.</p>");
    h.append(
            "<p class=\"note\">A flag means <b>review this network</b>, not remove it: scores rank"
                + " networks for a ")
        .append(
            "person to check against the evidence below. Record verdicts with <code>cibnet"
                + " review</code>.</p>");
    if (c.inputNote() != null) {
      h.append("<p class=\"note\">").append(esc(c.inputNote())).append("</p>");
    }
    h.append("<div class=\"row\"><div><h2>Score distribution</h2>")
        .append(Svg.scoreHistogram(c.scoreBins(), c.threshold()))
        .append("</div><div><h2>Precision and recall</h2>");
    ModelQuality q = c.quality();
    if (q == null) {
      h.append(
              "<p>Scored with the default model that ships with cibnet: the input had no usable"
                  + " takedown ")
          .append("labels, so there is no curve measured on this data.</p>");
    } else {
      h.append(Svg.prCurve(q.curve(), q.precision(), q.recall()))
          .append(
              String.format(
                  Locale.ROOT,
                  "<p>%s, leave-campaign-out out-of-fold: PR-AUC %.3f, ROC-AUC %.3f; "
                      + "at the threshold %.3f precision %.2f, recall %.2f.</p>",
                  esc(q.family()),
                  q.prAuc(),
                  q.rocAuc(),
                  q.threshold(),
                  q.precision(),
                  q.recall()));
    }
    h.append("</div></div>");
    h.append(
            "<h2>Top networks</h2><table><tr><th>network</th><th class=\"num\">score</th><th"
                + " class=\"num\">accounts</th>")
        .append("<th>reasons</th><th>closest removed campaign</th><th>likely origin</th></tr>");
    for (Network n : c.top()) {
      h.append("<tr><td><a href=\"#")
          .append(esc(n.networkId()))
          .append("\"><code>")
          .append(esc(n.networkId()))
          .append("</code></a>")
          .append(
              n.flagged()
                  ? " <span class=\"flag\">flagged: " + esc(evidence(n.evidence())) + "</span>"
                  : "")
          .append("</td>")
          .append("<td class=\"num\">")
          .append(fmt(n.score()))
          .append("</td><td class=\"num\">")
          .append(n.accounts())
          .append("</td><td><ul>");
      n.reasons().forEach(r -> h.append("<li>").append(esc(r)).append("</li>"));
      h.append("</ul></td><td>")
          .append(
              n.nearestCampaign() == null
                  ? "none"
                  : esc(n.nearestCampaign()) + " (similarity " + fmt(n.campaignSimilarity()) + ")")
          .append("</td><td>")
          .append(n.likelyOrigin() == null ? "" : esc(n.likelyOrigin()))
          .append("</td></tr>");
    }
    h.append("</table>");
    for (Network n : c.top()) {
      h.append("<section class=\"network\" id=\"")
          .append(esc(n.networkId()))
          .append("\"><h3>Network <code>")
          .append(esc(n.networkId()))
          .append("</code>: ")
          .append(n.accounts())
          .append(" accounts, score ")
          .append(fmt(n.score()))
          .append("</h3>");
      if (!n.sharedAssets().isEmpty()) {
        h.append("<p>Assets shared with removed campaigns: ")
            .append(esc(String.join(", ", n.sharedAssets())))
            .append("</p>");
      }
      h.append("<p>Coordination edges by signal: ");
      n.edgesBySignal().forEach((s, k) -> h.append(esc(s)).append(' ').append(k).append("; "));
      h.append("</p><div class=\"row\"><div>")
          .append(
              Svg.graph(
                  n.members(),
                  n.platformOf(),
                  n.edges(),
                  platformColor,
                  signalColor,
                  n.networkId().hashCode()))
          .append("<p>Accounts by platform:</p>")
          .append(Svg.legend(subset(platformColor, n.platformOf().values())))
          .append("<p>Edges by signal:</p>")
          .append(Svg.legend(subset(signalColor, n.edgesBySignal().keySet())))
          .append("</div><div>");
      if (n.postsPerHour() != null) {
        h.append("<h4>When the network posts</h4>")
            .append(Svg.hourProfile(n.postsPerHour(), n.declaredOffset(), n.likelyOffset()));
      }
      h.append("<h4>Members</h4><p><code>")
          .append(esc(String.join(" ", n.members().subList(0, Math.min(60, n.members().size())))))
          .append(n.members().size() > 60 ? " ..." : "")
          .append("</code></p>");
      h.append("</div></div></section>");
    }
    h.append(
            "<p><small>Generated by cibnet from the Delta tables above; re-running the report on"
                + " the same run gives ")
        .append("the same file.</small></p></body></html>");
    return h.toString();
  }

  /**
   * A network's graph on its own (accounts coloured by platform, edges by signal) with legends, as
   * an HTML fragment: what a notebook displays for one network.
   */
  public static String networkGraph(Network n) {
    Map<String, String> platformColor = new TreeMap<>();
    n.platformOf().values().forEach(p -> platformColor.put(p, ""));
    Map<String, String> signalColor = new TreeMap<>();
    n.edgesBySignal().keySet().forEach(s -> signalColor.put(s, ""));
    assign(platformColor, 0);
    assign(signalColor, platformColor.size());
    return "<div><style>"
        + LEGEND_CSS
        + "</style>"
        + Svg.graph(
            n.members(),
            n.platformOf(),
            n.edges(),
            platformColor,
            signalColor,
            n.networkId().hashCode())
        + "<p>Accounts by platform:</p>"
        + Svg.legend(platformColor)
        + "<p>Edges by signal:</p>"
        + Svg.legend(signalColor)
        + "</div>";
  }

  private static void assign(Map<String, String> colors, int offset) {
    int i = offset;
    for (String k : colors.keySet()) {
      colors.put(k, Svg.PALETTE[i++ % Svg.PALETTE.length]);
    }
  }

  private static Map<String, String> subset(Map<String, String> colors, Collection<String> keys) {
    Map<String, String> m = new LinkedHashMap<>();
    colors.forEach(
        (k, v) -> {
          if (keys.contains(k)) {
            m.put(k, v);
          }
        });
    return m;
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }
}
