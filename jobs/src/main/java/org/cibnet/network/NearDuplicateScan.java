package org.cibnet.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Pairs the near-text actions of one blocking key by a single pass in time order: each action is
 * checked against the key's actions of the window before it, and the pair is kept when the two
 * posts are by different accounts, share no earlier band that pairs them, and their shingle sets
 * reach the Jaccard threshold. The same pairs as a self-join of the key's actions on the window,
 * without evaluating each candidate twice (once per order) as generic rows: the shingles are read
 * into arrays once per action and intersected by a merge of the sorted hashes.
 *
 * <p>Input ({@link #INPUT}), partitioned by object_key and sorted by (object_key, ts) within each
 * partition; output: signal, object_key and the two actions' account, evidence and ts, in input
 * order ("l" the earlier).
 */
final class NearDuplicateScan implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Columns read, in this order; earlier_keys may be null (no earlier band excluded). */
  static final String[] INPUT = {
    PairBuilder.OBJECT_KEY,
    CoordinationSignals.SIGNAL,
    CoordinationSignals.ACCOUNT,
    CoordinationSignals.EVIDENCE,
    CoordinationSignals.TS,
    CoordinationSignals.SHINGLES,
    PairBuilder.EARLIER
  };

  private final long window;
  private final double jaccard;

  NearDuplicateScan(long window, double jaccard) {
    this.window = window;
    this.jaccard = jaccard;
  }

  /**
   * Shingle sets (sorted, distinct) whose Jaccard index s / (a + b - s), in doubles, reaches
   * `jaccard`: as Spark computes size(array_intersect(l, r)) over the sizes.
   */
  static boolean nearDuplicate(long[] l, long[] r, double jaccard) {
    int shared = 0;
    for (int i = 0, j = 0; i < l.length && j < r.length; ) {
      if (l[i] < r[j]) {
        i++;
      } else if (l[i] > r[j]) {
        j++;
      } else {
        shared++;
        i++;
        j++;
      }
    }
    return (double) shared / (l.length + r.length - shared) >= jaccard;
  }

  /** One action as the scan holds it. */
  private record Action(
      long key,
      String signal,
      String account,
      String evidence,
      long ts,
      long[] shingles,
      long[] earlier) {
    static Action of(Row row) {
      return new Action(
          row.getLong(0),
          row.getString(1),
          row.getString(2),
          row.getString(3),
          row.getLong(4),
          longs(row.getList(5)),
          row.isNullAt(6) ? new long[0] : longs(row.getList(6)));
    }

    private static long[] longs(List<Long> values) {
      long[] a = new long[values.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = values.get(i);
      }
      return a;
    }
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private final ArrayDeque<Action> recent = new ArrayDeque<>();
      private final List<Row> ready = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        while (next == ready.size()) {
          if (!input.hasNext()) {
            return false;
          }
          ready.clear();
          next = 0;
          pairWithRecent(Action.of(input.next()));
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(next++);
      }

      private void pairWithRecent(Action r) {
        if (!recent.isEmpty() && recent.peekFirst().key() != r.key()) {
          recent.clear();
        }
        while (!recent.isEmpty() && recent.peekFirst().ts() < r.ts() - window) {
          recent.pollFirst();
        }
        for (Action l : recent) {
          if (!l.account().equals(r.account())
              && !overlap(l.earlier(), r.earlier())
              && nearDuplicate(l.shingles(), r.shingles(), jaccard)) {
            ready.add(
                RowFactory.create(
                    l.signal(),
                    l.key(),
                    l.account(),
                    r.account(),
                    l.evidence(),
                    r.evidence(),
                    l.ts(),
                    r.ts()));
          }
        }
        recent.addLast(r);
      }
    };
  }

  /** A few band keys each: a nested loop beats any set. */
  private static boolean overlap(long[] a, long[] b) {
    for (long x : a) {
      for (long y : b) {
        if (x == y) {
          return true;
        }
      }
    }
    return false;
  }
}
