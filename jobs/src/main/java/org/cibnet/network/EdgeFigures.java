package org.cibnet.network;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One edge per pair of accounts from the pair's candidate rows, in one pass: the rows arrive
 * grouped by pair and sorted by object within it, so support, weight, first and last time and the
 * evidence of the first and the last object are running figures. Grouping the rows with Spark took
 * a shuffle for the numbers, another for the strings and a join to bring them together; here a
 * single shuffle and a sort on three longs do it, and no string is compared but the evidence ids of
 * one object.
 *
 * <p>Input ({@link #INPUT}), partitioned by the pair's two keys and sorted by (pair key, pair key
 * 2, object key) within each partition; output {@link
 * org.cibnet.schema.Schemas.NetworkFrames#EDGE_FIGURES}.
 */
final class EdgeFigures implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The column of an object's weight in fixed-point units of 1e-9 ({@link PairBuilder#edges}). */
  static final String WEIGHT_UNITS = "weight_units";

  /** Columns read, in this order. */
  static final String[] INPUT = {
    PairBuilder.PAIR_KEY,
    PairBuilder.PAIR_KEY_2,
    PairBuilder.OBJECT_KEY,
    CoordinationSignals.SIGNAL,
    PairBuilder.A,
    PairBuilder.B,
    "evidence_a",
    "evidence_b",
    "ts_a",
    "ts_b",
    WEIGHT_UNITS
  };

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private Row pending = input.hasNext() ? input.next() : null;

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public Row next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        Edge edge = new Edge(pending);
        pending = null;
        while (input.hasNext()) {
          Row row = input.next();
          if (!edge.samePair(row)) {
            pending = row;
            break;
          }
          edge.add(row);
        }
        return edge.toRow();
      }
    };
  }

  /** The running figures of one pair of accounts. */
  private static final class Edge {
    private final long pairKey;
    private final long pairKey2;
    private final String signal;
    private final String accountA;
    private final String accountB;
    private long support;
    private long weightUnits;
    private Long firstTs;
    private Long lastTs;
    private long object;
    private String[] objectIds;
    private String[] firstObjectIds;

    Edge(Row row) {
      pairKey = row.getLong(0);
      pairKey2 = row.getLong(1);
      signal = row.getString(3);
      accountA = row.getString(4);
      accountB = row.getString(5);
      startObject(row);
    }

    boolean samePair(Row row) {
      return row.getLong(0) == pairKey && row.getLong(1) == pairKey2;
    }

    void add(Row row) {
      if (row.getLong(2) != object) {
        if (support == 1) {
          firstObjectIds = objectIds;
        }
        startObject(row);
        return;
      }
      times(row);
      String[] ids = ids(row);
      if (compareIds(ids, objectIds) < 0) {
        objectIds = ids;
      }
    }

    private void startObject(Row row) {
      support++;
      // an object's weight is the same on each of its rows
      weightUnits += row.getLong(10);
      object = row.getLong(2);
      objectIds = ids(row);
      times(row);
    }

    /** As Spark's least and greatest of the two times, then min and max: nulls are skipped. */
    private void times(Row row) {
      for (int i = 8; i <= 9; i++) {
        if (!row.isNullAt(i)) {
          long ts = row.getLong(i);
          firstTs = firstTs == null ? ts : Math.min(firstTs, ts);
          lastTs = lastTs == null ? ts : Math.max(lastTs, ts);
        }
      }
    }

    Row toRow() {
      String[] first = support == 1 ? objectIds : firstObjectIds;
      return RowFactory.create(
          signal, accountA, accountB, support, weightUnits, firstTs, lastTs, first, objectIds);
    }
  }

  private static String[] ids(Row row) {
    return new String[] {row.getString(6), row.getString(7)};
  }

  /**
   * Two pairs of ids in the order Spark gives arrays of strings: element by element, null first,
   * strings by their UTF-8 bytes (which is the order of their code points).
   */
  static int compareIds(String[] l, String[] r) {
    for (int i = 0; i < l.length; i++) {
      int c = compareNullFirst(l[i], r[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareNullFirst(String l, String r) {
    if (l == null || r == null) {
      return l == null ? (r == null ? 0 : -1) : 1;
    }
    return compareCodePoints(l, r);
  }

  /** String.compareTo orders by UTF-16 units, which differs past U+FFFF; this does not. */
  static int compareCodePoints(String l, String r) {
    int i = 0;
    int j = 0;
    while (i < l.length() && j < r.length()) {
      int a = l.codePointAt(i);
      int b = r.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Integer.compare(l.length() - i, r.length() - j);
  }
}
