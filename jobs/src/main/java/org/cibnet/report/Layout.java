package org.cibnet.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fruchterman-Reingold spring layout, seeded so the same network is drawn the same way every time.
 */
final class Layout {
  private Layout() {}

  static double[][] spring(
      List<String> nodes, List<String[]> edges, long seed, double width, double height) {
    int n = nodes.size();
    double[][] p = new double[n][2];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      p[i][0] = r.nextDouble() * width;
      p[i][1] = r.nextDouble() * height;
    }
    if (n < 2) {
      return p;
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(nodes.get(i), i);
    }
    double k = Math.sqrt(width * height / n);
    double temperature = width / 10;
    for (int iter = 0; iter < 150; iter++) {
      double[][] d = new double[n][2];
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double dx = p[i][0] - p[j][0];
          double dy = p[i][1] - p[j][1];
          double dist = Math.max(0.01, Math.hypot(dx, dy));
          double force = k * k / dist;
          d[i][0] += dx / dist * force;
          d[i][1] += dy / dist * force;
          d[j][0] -= dx / dist * force;
          d[j][1] -= dy / dist * force;
        }
      }
      for (String[] e : edges) {
        int a = index.get(e[0]);
        int b = index.get(e[1]);
        double dx = p[a][0] - p[b][0];
        double dy = p[a][1] - p[b][1];
        double dist = Math.max(0.01, Math.hypot(dx, dy));
        double force = dist * dist / k;
        d[a][0] -= dx / dist * force;
        d[a][1] -= dy / dist * force;
        d[b][0] += dx / dist * force;
        d[b][1] += dy / dist * force;
      }
      for (int i = 0; i < n; i++) {
        double len = Math.max(0.01, Math.hypot(d[i][0], d[i][1]));
        p[i][0] =
            Math.min(width, Math.max(0, p[i][0] + d[i][0] / len * Math.min(len, temperature)));
        p[i][1] =
            Math.min(height, Math.max(0, p[i][1] + d[i][1] / len * Math.min(len, temperature)));
      }
      temperature *= 0.97;
    }
    // Stretch the result to fill the box: the forces settle wherever they settle.
    double minX = Double.MAX_VALUE,
        maxX = -Double.MAX_VALUE,
        minY = Double.MAX_VALUE,
        maxY = -Double.MAX_VALUE;
    for (double[] q : p) {
      minX = Math.min(minX, q[0]);
      maxX = Math.max(maxX, q[0]);
      minY = Math.min(minY, q[1]);
      maxY = Math.max(maxY, q[1]);
    }
    for (double[] q : p) {
      q[0] = maxX > minX ? (q[0] - minX) / (maxX - minX) * width : width / 2;
      q[1] = maxY > minY ? (q[1] - minY) / (maxY - minY) * height : height / 2;
    }
    return p;
  }
}
