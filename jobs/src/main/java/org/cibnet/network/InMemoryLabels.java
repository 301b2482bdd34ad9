package org.cibnet.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cibnet.schema.Schemas.NetworkFrames;

/**
 * The components and communities of {@link Networks} for a graph small enough for the driver's
 * memory, with the same result as the distributed label propagation: components are the least
 * account index reachable (union-find, where the distributed version iterates min-labels to the
 * same fixed point), communities the same synchronous weighted label propagation (votes summed as
 * longs, heaviest label wins, ties to the smallest). The distributed rounds are a few joins each,
 * some thirty rounds of small jobs in all, slow for a graph that fits in memory. Graphs above the
 * size limit stay distributed.
 */
final class InMemoryLabels {
  private InMemoryLabels() {}

  /**
   * The most pairs the arrays can index (both directions of every pair in one int-indexed array).
   */
  static final long MAX_PAIRS = Integer.MAX_VALUE / 2;

  /**
   * account_id, component, community of a graph (account_a, account_b: dense indexes 0..n-1; w:
   * long weight) with `pairs` rows, read into the driver.
   */
  static Dataset<Row> of(Dataset<Row> graph, long pairs, int iterations) {
    int m = Math.toIntExact(pairs);
    int[] a = new int[m];
    int[] b = new int[m];
    long[] w = new long[m];
    int n = 0;
    int i = 0;
    Iterator<Row> rows = graph.select("account_a", "account_b", "w").toLocalIterator();
    while (rows.hasNext()) {
      Row r = rows.next();
      a[i] = Math.toIntExact(r.getLong(0));
      b[i] = Math.toIntExact(r.getLong(1));
      w[i] = r.getLong(2);
      n = Math.max(n, Math.max(a[i], b[i]) + 1);
      i++;
    }
    if (i != m) {
      throw new IllegalStateException("graph changed while read: " + i + " pairs, counted " + m);
    }
    int[] component = components(n, a, b);
    int[] community = communities(n, a, b, w, iterations);
    boolean[] present = new boolean[n];
    for (int e = 0; e < m; e++) {
      present[a[e]] = true;
      present[b[e]] = true;
    }
    List<Row> out = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      if (present[v]) {
        out.add(RowFactory.create((long) v, (long) component[v], (long) community[v]));
      }
    }
    return graph.sparkSession().createDataFrame(out, NetworkFrames.ACCOUNT_LABELS);
  }

  /** The least node of each node's connected component (union-find whose roots are set minima). */
  static int[] components(int n, int[] a, int[] b) {
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    for (int e = 0; e < a.length; e++) {
      int ra = find(parent, a[e]);
      int rb = find(parent, b[e]);
      if (ra != rb) {
        // the smaller root stays root, so every root is the least node of its set
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
    int[] label = new int[n];
    for (int v = 0; v < n; v++) {
      label[v] = find(parent, v);
    }
    return label;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  /**
   * Synchronous weighted label propagation, as {@link Networks#communities}: every node votes for
   * its own label with the weight of its strongest edge and for each neighbour's label with that
   * edge's weight; the heaviest label wins, ties to the smallest.
   */
  static int[] communities(int n, int[] a, int[] b, long[] w, int iterations) {
    // adjacency in compressed rows: both directions of every pair
    int[] start = new int[n + 1];
    for (int e = 0; e < a.length; e++) {
      start[a[e] + 1]++;
      start[b[e] + 1]++;
    }
    for (int v = 0; v < n; v++) {
      start[v + 1] += start[v];
    }
    int[] next = Arrays.copyOf(start, n);
    int[] neighbour = new int[2 * a.length];
    long[] weight = new long[2 * a.length];
    long[] strongest = new long[n];
    for (int e = 0; e < a.length; e++) {
      neighbour[next[a[e]]] = b[e];
      weight[next[a[e]]++] = w[e];
      neighbour[next[b[e]]] = a[e];
      weight[next[b[e]]++] = w[e];
      strongest[a[e]] = Math.max(strongest[a[e]], w[e]);
      strongest[b[e]] = Math.max(strongest[b[e]], w[e]);
    }
    int[] label = new int[n];
    for (int v = 0; v < n; v++) {
      label[v] = v;
    }
    long[] score = new long[n];
    // which node visit last reset a label's score: one stamp per visit, so nothing is cleared
    long[] seen = new long[n];
    Arrays.fill(seen, -1);
    long visit = 0;
    int[] touched = new int[n];
    for (int round = 0; round < iterations; round++) {
      int[] updated = new int[n];
      for (int v = 0; v < n; v++) {
        if (start[v] == start[v + 1]) {
          updated[v] = label[v];
          continue;
        }
        visit++;
        int t = 0;
        touched[t++] = label[v];
        seen[label[v]] = visit;
        score[label[v]] = strongest[v];
        for (int k = start[v]; k < start[v + 1]; k++) {
          int l = label[neighbour[k]];
          if (seen[l] != visit) {
            seen[l] = visit;
            score[l] = 0;
            touched[t++] = l;
          }
          score[l] += weight[k];
        }
        int best = touched[0];
        for (int j = 1; j < t; j++) {
          int l = touched[j];
          if (score[l] > score[best] || (score[l] == score[best] && l < best)) {
            best = l;
          }
        }
        updated[v] = best;
      }
      label = updated;
    }
    return label;
  }
}
