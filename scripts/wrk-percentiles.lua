-- wrk script: prints the latency percentiles the benchmarks report (p50, p90, p95, p99, p99.9)
-- and the count of non-2xx/3xx answers, after wrk's own summary.
done = function(summary, latency, requests)
  io.write("percentiles (ms):")
  for _, p in ipairs({50, 90, 95, 99, 99.9}) do
    io.write(string.format(" p%g=%.2f", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("\nrequests %d, errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
