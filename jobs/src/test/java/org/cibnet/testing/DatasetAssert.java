package org.cibnet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Order-insensitive equality of small Datasets, with a diff that says what is missing or extra. */
public final class DatasetAssert {
  private DatasetAssert() {}

  /** Rows of `actual` (only the given columns) equal `expected` as multisets. */
  public static void assertRows(
      Dataset<Row> actual, List<List<Object>> expected, String... columns) {
    Column[] cols = Arrays.stream(columns).map(functions::col).toArray(Column[]::new);
    List<String> got =
        actual.select(cols).collectAsList().stream().map(DatasetAssert::render).sorted().toList();
    List<String> want = expected.stream().map(DatasetAssert::render).sorted().toList();
    // both sorted: one merge, so that millions of rows (two builds' warehouses) compare in seconds
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (int i = 0, j = 0; i < want.size() || j < got.size(); ) {
      int c = i == want.size() ? 1 : j == got.size() ? -1 : want.get(i).compareTo(got.get(j));
      if (c == 0) {
        i++;
        j++;
      } else if (c < 0) {
        missing.add(want.get(i++));
      } else {
        extra.add(got.get(j++));
      }
    }
    assertThat(missing.isEmpty() && extra.isEmpty())
        .as(
            "rows differ (%d missing, %d unexpected)\n  missing: %s\n  unexpected: %s",
            missing.size(),
            extra.size(),
            missing.subList(0, Math.min(50, missing.size())),
            extra.subList(0, Math.min(50, extra.size())))
        .isTrue();
  }

  /** Two Datasets hold the same rows, compared on the given columns, order-insensitive. */
  public static void assertSameRows(Dataset<Row> actual, Dataset<Row> expected, String... columns) {
    Column[] cols = Arrays.stream(columns).map(functions::col).toArray(Column[]::new);
    List<List<Object>> want =
        expected.select(cols).collectAsList().stream().map(DatasetAssert::values).toList();
    assertRows(actual, want, columns);
  }

  private static List<Object> values(Row r) {
    List<Object> v = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      v.add(r.get(i));
    }
    return v;
  }

  private static String render(Row r) {
    return render(values(r));
  }

  private static String render(List<Object> values) {
    return values.stream()
        .map(v -> v instanceof Double d ? String.format("%.6f", d) : String.valueOf(v))
        .collect(Collectors.joining(" | ", "[", "]"));
  }
}
