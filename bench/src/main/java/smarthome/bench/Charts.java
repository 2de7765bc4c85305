package smarthome.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts beside the JSON results, drawn with XChart. */
public final class Charts {
  private Charts() {}

  /** A throughput-over-time line chart; each series is (seconds, rate) samples. */
  public static void throughput(String file, String title, List<String> names, List<double[][]> series) {
    XYChart c = new XYChartBuilder().width(900).height(500).title(title)
        .xAxisTitle("seconds").yAxisTitle("points per second").build();
    for (int i = 0; i < names.size(); i++) {
      double[][] s = series.get(i);
      if (s[0].length > 0) {
        c.addSeries(names.get(i), s[0], s[1]).setMarker(SeriesMarkers.NONE);
      }
    }
    save(c, file);
  }

  /** Latency percentiles (x: percentile, y: ms), one series per histogram. */
  public static void latency(String file, String title, List<String> names, List<Histogram> histograms) {
    XYChart c = new XYChartBuilder().width(900).height(500).title(title)
        .xAxisTitle("percentile").yAxisTitle("milliseconds").build();
    double[] ps = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 100};
    for (int i = 0; i < names.size(); i++) {
      double[] y = new double[ps.length];
      for (int j = 0; j < ps.length; j++) {
        y[j] = histograms.get(i).getValueAtPercentile(ps[j]) / 1000.0;
      }
      c.addSeries(names.get(i), ps, y);
    }
    save(c, file);
  }

  private static void save(XYChart c, String file) {
    try {
      BitmapEncoder.saveBitmap(c, Result.dir().resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
