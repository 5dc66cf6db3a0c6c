package dev.rapport.content.quality.internal;

/**
 * Ridge regression with an unpenalised intercept on standardised columns (constant columns are
 * dropped), solved by Cholesky decomposition. Also gives leave-one-out residuals e / (1 − h) for
 * honest intervals. Immutable after fitting.
 */
final class Ridge {

  private final double[] mean;
  private final double[] scale;
  private final double[] beta;
  private final double intercept;
  private final double[] looResiduals;

  private Ridge(double[] mean, double[] scale, double[] beta, double intercept, double[] loo) {
    this.mean = mean;
    this.scale = scale;
    this.beta = beta;
    this.intercept = intercept;
    this.looResiduals = loo;
  }

  static Ridge fit(double[][] x, double[] y, double lambda) {
    int n = x.length;
    int d = n == 0 ? 0 : x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (double[] row : x) {
        s += row[j];
      }
      mean[j] = s / n;
      double v = 0;
      for (double[] row : x) {
        v += (row[j] - mean[j]) * (row[j] - mean[j]);
      }
      double sd = Math.sqrt(v / n);
      scale[j] = sd > 1e-12 ? 1 / sd : 0;
    }
    double yMean = 0;
    for (double v : y) {
      yMean += v;
    }
    yMean /= n;
    double[][] z = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = (x[i][j] - mean[j]) * scale[j];
      }
    }
    double[][] a = new double[d][d];
    double[] b = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        b[j] += z[i][j] * (y[i] - yMean);
        for (int k = 0; k <= j; k++) {
          a[j][k] += z[i][j] * z[i][k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < j; k++) {
        a[k][j] = a[j][k];
      }
      a[j][j] += lambda;
    }
    double[][] chol = cholesky(a);
    double[] beta = solve(chol, b);
    double[] loo = new double[n];
    for (int i = 0; i < n; i++) {
      double fitted = yMean;
      for (int j = 0; j < d; j++) {
        fitted += beta[j] * z[i][j];
      }
      double[] w = solve(chol, z[i]);
      double h = 1.0 / n;
      for (int j = 0; j < d; j++) {
        h += z[i][j] * w[j];
      }
      loo[i] = (y[i] - fitted) / Math.max(1e-6, 1 - h);
    }
    return new Ridge(mean, scale, beta, yMean, loo);
  }

  double predict(double[] row) {
    double p = intercept;
    for (int j = 0; j < beta.length; j++) {
      p += beta[j] * (row[j] - mean[j]) * scale[j];
    }
    return p;
  }

  double[] looResiduals() {
    return looResiduals.clone();
  }

  int features() {
    return beta.length;
  }

  private static double[][] cholesky(double[][] a) {
    int d = a.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          l[i][i] = Math.sqrt(Math.max(s, 1e-12));
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  private static double[] solve(double[][] l, double[] b) {
    int d = b.length;
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < d; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
