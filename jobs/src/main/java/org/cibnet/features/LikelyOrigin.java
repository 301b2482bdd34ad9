package org.cibnet.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cibnet.spark.Cols;

/**
 * A likely origin from the clock alone: the reference countries whose UTC offset on the as-of date
 * equals the network's working-clock offset, named only when the network keeps a work week (most
 * posts in office hours, almost none at weekends). Several countries share an offset, so it is a
 * hint ("RU or UA"), not an attribution.
 */
public final class LikelyOrigin {
  private LikelyOrigin() {}

  /** Adds likely_origin_country (string, null when the clock says nothing). */
  public static Dataset<Row> withLikelyOrigin(Dataset<Row> networks, Dataset<Row> countries) {
    Dataset<Row> offsets =
        countries.select(col("country").as("origin"), col("zone").as("origin_zone"));
    Dataset<Row> candidates =
        networks
            .select("network_id", "as_of", "likely_utc_offset", "office_share", "weekend_share")
            .filter(
                col("office_share")
                    .geq(NetworkFeatures.WORK_SCHEDULE_OFFICE_SHARE)
                    .and(col("weekend_share").leq(NetworkFeatures.WORK_SCHEDULE_WEEKEND_SHARE)))
            .crossJoin(broadcast(offsets))
            .filter(
                expr(
                    "(unix_seconds(from_utc_timestamp(cast(as_of as timestamp), origin_zone)) -"
                        + " unix_seconds(cast(as_of as timestamp))) / 3600.0 = likely_utc_offset"))
            .groupBy("network_id")
            .agg(
                expr("array_join(array_sort(collect_set(origin)), ' or ')")
                    .as("likely_origin_country"));
    return networks.join(candidates, Cols.seq("network_id"), "left");
  }
}
