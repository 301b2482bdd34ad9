package org.cibnet.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.cibnet.config.Errors;

/**
 * Models under &lt;warehouse&gt;/models/&lt;version&gt;/: the MLlib pipeline and metadata.json
 * (features, threshold, metrics, importances, training as-of and data fingerprint). Through
 * Hadoop's FileSystem, so object stores work.
 */
public final class ModelStore {
  /** What is saved beside a model. */
  public record Metadata(
      String version,
      String kind,
      List<String> features,
      double threshold,
      String trainedAsOf,
      String trainingRunId,
      String trainingFingerprint,
      Map<String, Double> importances,
      Map<String, Object> metrics,
      Map<String, String> params) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final String root;

  public ModelStore(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.root = warehouse.replaceAll("/+$", "") + "/models";
  }

  public String path(String version) {
    return root + "/" + version;
  }

  public void save(PipelineModel model, Metadata meta) {
    try {
      model.write().overwrite().save(path(meta.version()) + "/pipeline");
      writeJson(path(meta.version()) + "/metadata.json", meta);
    } catch (IOException e) {
      throw Errors.cannotWrite("model", path(meta.version()), e);
    }
  }

  public void writeJson(String file, Object value) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(p, true)) {
      JSON.writeValue(out, value);
    }
  }

  public List<Metadata> list() {
    List<Metadata> out = new ArrayList<>();
    try {
      Path p = new Path(root);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(p)) {
        Path meta = new Path(st.getPath(), "metadata.json");
        if (st.isDirectory() && fs.exists(meta)) {
          try (InputStream in = fs.open(meta)) {
            out.add(JSON.readValue(in, Metadata.class));
          }
        }
      }
    } catch (IOException e) {
      throw Errors.cannotRead("the models under", root, e);
    }
    return out;
  }

  /**
   * The model to score with: the named version, else the newest trained no later than the scoring
   * as-of (so a retrospective run never uses a model that saw its future).
   */
  public Optional<ScoringModel> choose(Optional<String> version, String asOf) {
    List<Metadata> all = list();
    if (version.isPresent()) {
      if (version.get().equals(defaultVersion())) {
        return Optional.of(LinearModel.shippedDefault());
      }
      Metadata m =
          all.stream()
              .filter(x -> x.version().equals(version.get()))
              .findFirst()
              .orElseThrow(
                  () ->
                      Errors.unknownModel(
                          version.get(),
                          root,
                          all.stream().map(Metadata::version).toList(),
                          defaultVersion()));
      return Optional.of(load(m));
    }
    return newestUpTo(all, asOf).map(this::load);
  }

  /** The newest model trained no later than `asOf` (ties: the greatest version), if any. */
  static Optional<Metadata> newestUpTo(List<Metadata> models, String asOf) {
    return models.stream()
        .filter(m -> m.trainedAsOf().compareTo(asOf) <= 0)
        .max(Comparator.comparing(Metadata::trainedAsOf).thenComparing(Metadata::version));
  }

  public static String defaultVersion() {
    return LinearModel.shippedDefault().version();
  }

  private ScoringModel load(Metadata m) {
    return new TrainedModel(PipelineModel.load(path(m.version()) + "/pipeline"), m);
  }
}
